// The openAPIV3Schema of GKE Ingress's BackendConfig (cloud.google.com, versions v1 and v1beta1),
// written out here for validate.mjs in the CRD's own terms. ingress-gce publishes no CRD file:
// the controller builds the CRD at start-up from the OpenAPI definitions generated from its Go
// types (pkg/backendconfig/backendconfig.go CRDMeta, pkg/crd/validation.go condenseSchema). This
// is written from those types (pkg/apis/backendconfig/v1/types.go and v1beta1/types.go, with
// their zz_generated.openapi.go for formats and required fields; kubernetes/ingress-gce,
// Apache-2.0, master acbcf5d6 of 2026-08-21), so there is nothing upstream to compare it with.
// condenseSchema drops metadata from the properties (validate.mjs puts its own check of it back)
// and sets no additionalProperties, so the CRD is structural and the API server prunes unknown
// fields: validate.mjs treats them as errors, as for every schema here.
//
// The CRD has no minimum or maximum: out-of-range numbers are accepted by the API server and
// refused by Compute Engine when the controller syncs (the backend service or health check is
// then left as it was, with an event on the Ingress). gceChecks below are those of Compute
// Engine's refusals that concern a field the function writes; validate.mjs reports them as
// errors too, with "(Compute Engine refuses it)".

const string = { type: 'string' };
const int64 = { type: 'integer', format: 'int64' };
const boolean = { type: 'boolean' };
const strings = { type: 'array', items: string };

const iap = {
  type: 'object',
  properties: {
    enabled: boolean,
    oauthclientCredentials: {
      type: 'object',
      properties: { clientID: string, clientSecret: string, secretName: string },
      required: ['secretName'],
    },
  },
  required: ['enabled'],
};

const cachePolicy = {
  type: 'object',
  properties: {
    includeHost: boolean,
    includeProtocol: boolean,
    includeQueryString: boolean,
    queryStringBlacklist: strings,
    queryStringWhitelist: strings,
  },
};

const healthCheck = {
  type: 'object',
  properties: {
    checkIntervalSec: int64,
    healthyThreshold: int64,
    port: int64,
    requestPath: string,
    timeoutSec: int64,
    type: string,
    unhealthyThreshold: int64,
  },
};

const specV1 = {
  type: 'object',
  properties: {
    cdn: {
      type: 'object',
      properties: {
        bypassCacheOnRequestHeaders: { type: 'array', items: { type: 'object', properties: { headerName: string } } },
        cacheMode: string,
        cachePolicy,
        clientTtl: int64,
        defaultTtl: int64,
        enabled: boolean,
        maxTtl: int64,
        negativeCaching: boolean,
        negativeCachingPolicy: { type: 'array', items: { type: 'object', properties: { code: int64, ttl: int64 } } },
        requestCoalescing: boolean,
        serveWhileStale: int64,
        signedUrlCacheMaxAgeSec: int64,
        signedUrlKeys: {
          type: 'array',
          items: { type: 'object', properties: { keyName: string, keyValue: string, secretName: string } },
        },
      },
      required: ['enabled'],
    },
    connectionDraining: { type: 'object', properties: { drainingTimeoutSec: int64 } },
    customRequestHeaders: { type: 'object', properties: { headers: strings } },
    customResponseHeaders: { type: 'object', properties: { headers: strings } },
    healthCheck,
    iap,
    logging: { type: 'object', properties: { enable: boolean, sampleRate: { type: 'number', format: 'double' } } },
    securityPolicy: { type: 'object', properties: { name: string }, required: ['name'] },
    sessionAffinity: { type: 'object', properties: { affinityCookieTtlSec: int64, affinityType: string } },
    timeoutSec: int64,
  },
};

// v1beta1: no customResponseHeaders, no logging, and a CDN of enabled and cachePolicy only.
const specV1beta1 = {
  type: 'object',
  properties: {
    ...Object.fromEntries(Object.entries(specV1.properties).filter(([k]) => k !== 'customResponseHeaders' && k !== 'logging')),
    cdn: { type: 'object', properties: { cachePolicy, enabled: boolean }, required: ['enabled'] },
  },
};

const top = (spec) => ({
  type: 'object',
  properties: { apiVersion: string, kind: string, spec, status: { type: 'object' } },
});

export const group = 'cloud.google.com';
export const kind = 'BackendConfig';
export const byVersion = { v1: top(specV1), v1beta1: top(specV1beta1) };

// Compute Engine's refusals for the fields the function writes (the ranges of its API reference,
// as ingress-gce's pkg/composite/gen.go carries them, and of the connection draining page):
// backend service timeoutSec 1..2147483647, connectionDraining.drainingTimeoutSec 0..3600, a health
// check's timeoutSec not above its checkIntervalSec (when both are written; an absent one takes
// ingress-gce's default, not known here), ports 1..65535.
// -> ["PATH message", ...]
export function gceChecks(obj) {
  const spec = (obj && obj.spec) || {};
  const errs = [];
  const num = (v) => typeof v === 'number';
  if (num(spec.timeoutSec) && (spec.timeoutSec < 1 || spec.timeoutSec > 2147483647)) {
    errs.push('/spec/timeoutSec must be 1..2147483647 (Compute Engine refuses it)');
  }
  const d = spec.connectionDraining && spec.connectionDraining.drainingTimeoutSec;
  if (num(d) && (d < 0 || d > 3600)) errs.push('/spec/connectionDraining/drainingTimeoutSec must be 0..3600 (Compute Engine refuses it)');
  const hc = spec.healthCheck;
  if (hc && typeof hc === 'object') {
    if (num(hc.timeoutSec) && num(hc.checkIntervalSec) && hc.timeoutSec > hc.checkIntervalSec) {
      errs.push('/spec/healthCheck/timeoutSec must not exceed checkIntervalSec (Compute Engine refuses it)');
    }
    for (const k of ['checkIntervalSec', 'timeoutSec', 'healthyThreshold', 'unhealthyThreshold']) {
      if (num(hc[k]) && hc[k] < 1) errs.push(`/spec/healthCheck/${k} must be at least 1 (Compute Engine refuses it)`);
    }
    if (num(hc.port) && (hc.port < 1 || hc.port > 65535)) errs.push('/spec/healthCheck/port must be 1..65535 (Compute Engine refuses it)');
    if (hc.type !== undefined && !['HTTP', 'HTTPS', 'HTTP2'].includes(hc.type)) {
      errs.push('/spec/healthCheck/type must be one of "HTTP", "HTTPS", "HTTP2" (the health check types of GKE Ingress)');
    }
    if (typeof hc.requestPath === 'string' && !hc.requestPath.startsWith('/')) {
      errs.push('/spec/healthCheck/requestPath must start with / (Compute Engine refuses it)');
    }
  }
  return errs;
}
