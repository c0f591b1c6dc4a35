// The openAPIV3Schema of GKE Gateway's GCPBackendPolicy (networking.gke.io/v1), written out here
// for validate.mjs in the CRD's own terms, as targetgroupconfiguration.mjs is. Written from the
// Go types (apis/networking/v1/gcpbackendpolicy_types.go, GoogleCloudPlatform/gke-gateway-api,
// Apache-2.0, main fc40d606 of 2026-04-29), whose generated CRD is
// config/crd/networking.gke.io_gcpbackendpolicies.yaml; not a copy of that file. When it is at
// hand (ZD_CRD_DIR, or ../shared/crds) validate.mjs compares the two and fails on any difference.
// The function writes spec.default.timeoutSec (1..2^31-1) and
// spec.default.connectionDraining.drainingTimeoutSec (0..3600). The CRD has no CEL rules.

import { conditions, dnsSubdomainPattern, int64, string, targetRef } from './gke-common.mjs';

const ancestorStatus = {
  type: 'object',
  properties: {
    ancestorRef: {
      type: 'object',
      properties: {
        group: { type: 'string', default: 'gateway.networking.k8s.io', maxLength: 253, pattern: `^$|${dnsSubdomainPattern}` },
        kind: { type: 'string', default: 'Gateway', minLength: 1, maxLength: 63, pattern: '^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$' },
        name: { type: 'string', minLength: 1, maxLength: 253 },
        namespace: { type: 'string', minLength: 1, maxLength: 63, pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' },
        port: { type: 'integer', format: 'int32', minimum: 1, maximum: 65535 },
        sectionName: { type: 'string', minLength: 1, maxLength: 253, pattern: dnsSubdomainPattern },
      },
      required: ['name'],
    },
    conditions: { ...conditions, minItems: 1 },
    controllerName: {
      type: 'string',
      minLength: 1,
      maxLength: 253,
      pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\/[A-Za-z0-9\\/\\-._~%!$&'()*+,;=:]+$",
    },
  },
  required: ['ancestorRef', 'controllerName'],
};

export const openAPIV3Schema = {
  type: 'object',
  properties: {
    apiVersion: string,
    kind: string,
    metadata: { type: 'object' },
    spec: {
      type: 'object',
      properties: {
        default: {
          type: 'object',
          properties: {
            backendPreference: { type: 'string', enum: ['DEFAULT', 'PREFERRED'] },
            connectionDraining: { type: 'object', properties: { drainingTimeoutSec: int64(0, 3600) } },
            iap: {
              type: 'object',
              properties: {
                clientID: string,
                enabled: { type: 'boolean' },
                oauth2ClientSecret: { type: 'object', properties: { name: string } },
              },
            },
            logging: {
              type: 'object',
              properties: {
                enabled: { type: 'boolean' },
                sampleRate: { type: 'integer', format: 'int32', minimum: 0, maximum: 1000000 },
              },
            },
            maxRatePerEndpoint: int64(1, 1000000000),
            securityPolicy: string,
            sessionAffinity: {
              type: 'object',
              properties: {
                cookieTtlSec: int64(0, 1209600),
                type: {
                  type: 'string',
                  enum: ['CLIENT_IP', 'CLIENT_IP_PORT_PROTO', 'CLIENT_IP_PROTO', 'GENERATED_COOKIE', 'HEADER_FIELD', 'HTTP_COOKIE', 'NONE'],
                },
              },
            },
            timeoutSec: int64(1, 2147483647),
          },
        },
        targetRef,
      },
      required: ['targetRef'],
    },
    status: {
      type: 'object',
      properties: {
        ancestors: { type: 'array', maxItems: 16, items: ancestorStatus },
        conditions,
      },
    },
  },
  required: ['spec'],
};

export const group = 'networking.gke.io';
export const kind = 'GCPBackendPolicy';
export const versions = ['v1'];
export const crdFile = 'networking.gke.io_gcpbackendpolicies.yaml';
