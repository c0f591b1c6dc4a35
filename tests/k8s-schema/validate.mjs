// Validates what the function writes against the real Kubernetes OpenAPI schemas, through the
// precompiled validators of the `kubernetes-models` npm package (`new Deployment(obj).validate()`).
//
//   node validate.mjs REPO_ROOT path/to/zero-downtime     the whole run (validate.sh calls this)
//   node validate.mjs --files FILE...                     just validate these manifests
//
// The whole run checks, in order:
// 0. selftest/: every object of valid.yaml validates and every document of broken.yaml is
//    rejected at the path its `# expect:` comment names; otherwise the run fails, since the
//    check could then not see the mistakes it exists for.
// 0b. schemas/*.mjs (the CRD schemas written out here) against the upstream CRD files, when
//    those are at hand (see below).
// 0c. the field names of schemas/poddisruptionbudget.mjs against kubernetes-models' .d.ts files.
// 1. testdata/golden/*/expected.yaml of every case whose expected.exit is 0 (the `items` of a
//    ResourceList, else every document; a List's items in its place).
// 2. The binary's stdout on every corpus file (tests/corpus_dir.sh), once per preset of PRESETS
//    (stream mode).
// 3. testdata/integration/expected/*.yaml; the kpt-*.yaml ones are files concatenated with
//    `# --- NAME` separator lines and are split on them.
// For 1 and 2 the input is validated too: an output object whose every error its input object
// (same kind, namespace and name) already had is reported as "input already invalid" and does not
// fail. Any error the input did not have fails.
//
// Argo Rollouts' kinds (argoproj.io/v1alpha1: Rollout) come from @kubernetes-models/argo-rollouts
// 0.3.2, generated from the Rollouts CRDs (the last release for Node < 22).
// Gateway API kinds (gateway.networking.k8s.io) come from @kubernetes-models/gateway-api 0.5.1,
// generated from Gateway API v1.0.0 (the last release for Node < 22; 2.x declares Node >= 22 and
// pulls kubernetes-models 5.x in): v1 Gateway, GatewayClass, HTTPRoute; v1beta1 those and
// ReferenceGrant; v1alpha2 every route kind. v1 GRPCRoute, TLSRoute, TCPRoute, UDPRoute and
// ReferenceGrant are newer than v1.0.0, so they are skipped. It checks types, enums and ranges, not
// CEL rules (a Service backendRef without a port passes) and not unknown fields.
// The AWS Load Balancer Controller's TargetGroupConfiguration (gateway.k8s.aws v1 and v1beta1) has
// no npm package: schemas/targetgroupconfiguration.mjs holds its openAPIV3Schema, which ajv
// checks as the API server does a structural schema: unknown fields are errors (the API server
// would prune them, dropping the setting silently; kubectl's strict validation rejects them), as
// are wrong types, int32 overflow, values outside an enum and missing required fields. When the
// upstream CRD file is at hand (ZD_CRD_DIR, else ../shared/crds beside the repository), that schema
// is first compared with the CRD's, version by version, and any difference fails.
// GKE Gateway's HealthCheckPolicy and GCPBackendPolicy (networking.gke.io/v1) are written out the
// same way (schemas/gke-healthcheckpolicy.mjs, schemas/gcpbackendpolicy.mjs) and compared with
// gke-gateway-api's CRD files when those are at hand. Their CEL rules (x-kubernetes-validations),
// which ajv cannot run, are run by CEL_RULES below, a JavaScript equivalent of each rule's text
// with CEL's semantics for an absent field (an error, "no such key", unless has() guards it); a
// rule without an equivalent fails the run. GKE Ingress's BackendConfig (cloud.google.com v1 and
// v1beta1) has no CRD file (the controller builds it from its Go types): schemas/backendconfig.mjs
// is written from those, and adds the ranges Compute Engine refuses at sync time for the fields the
// function writes (timeoutSec, connectionDraining, healthCheck), reported as errors too.
// policy/v1 PodDisruptionBudget, which the function creates (DR1), gets kubernetes-models' schema
// and then schemas/poddisruptionbudget.mjs: what the API server refuses beyond the OpenAPI schema
// (both minAvailable and maxUnavailable, a percent over 100%, a bad selector, unknown fields).
// A kind the function creates (that one and the CRDs above) is never skipped: a skip fails.
// Objects whose apiVersion/kind none of these has a schema for (Kptfile, ZeroDowntimePolicy,
// ResourceList, another CRD, ...) are skipped, and the reason is printed once per apiVersion/kind. It
// still has the last schema of removed versions (extensions/v1beta1, apps/v1beta2,
// policy/v1beta1, autoscaling/v2beta1, networking.k8s.io/v1beta1), so those are validated.
//
// YAML is read with the `yaml` package's YAML 1.2 core schema, so "8080" stays a string and 8080
// a number. Every object is validated a second time as kubectl reads it (sigs.k8s.io/yaml is
// YAML 1.1: a plain y/Y/yes/Yes/YES, n/N/no/No/NO, on/On/ON, off/Off/OFF is a boolean), so an
// unquoted `on` written where a string belongs fails as it would on `kubectl apply`.
// The upstream schemas of kubernetes-models do not forbid unknown fields, so neither does this check
// for their kinds: a misspelt field name passes there (kubectl's default --validate=strict has the
// API server reject it). The CRD schemas above do forbid them.
//
// kubernetes-models is pinned at 4.5.1 (schemas of about Kubernetes 1.33: it has
// Lifecycle.stopSignal, not resource.k8s.io/v1; Node >= 14). 5.x declares
// Node >= 22, newer than the project's machines have.
//
// One line per failure; last line `k8s-schema: N passed, M failed, K skipped`; exit 1 if M > 0.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import Ajv from 'ajv';
import YAML from 'yaml';

import * as tgcSchema from './schemas/targetgroupconfiguration.mjs';
import * as agcSchemas from './schemas/alb-networking-azure.mjs';
import * as gkeHcpSchema from './schemas/gke-healthcheckpolicy.mjs';
import * as gcpBackendPolicySchema from './schemas/gcpbackendpolicy.mjs';
import * as backendConfigSchema from './schemas/backendconfig.mjs';
import * as pdbChecks from './schemas/poddisruptionbudget.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const PRESETS = ['alb-ip', 'alb-instance', 'agic', 'nlb-ip', 'nlb-instance', 'gke-neg'];

let passed = 0;
let failed = 0;
let skipped = 0;
const verbose = !!process.env.VERBOSE;

// --- parsing -----------------------------------------------------------------------------------
// kubectl's reading of a plain scalar that YAML 1.2 takes as a string (go-yaml v2 resolve table).
const YAML11_BOOL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;
const yaml11Bool = {
  tag: 'tag:yaml.org,2002:bool',
  default: true,
  identify: (v) => typeof v === 'boolean',
  test: YAML11_BOOL,
  resolve: (s) => /^(?:y|Y|yes|Yes|YES|on|On|ON)$/.test(s),
};
const PARSE = { version: '1.2', schema: 'core', merge: true, prettyErrors: true };
const PARSE_KUBECTL = { ...PARSE, customTags: [yaml11Bool] };

// -> [{ index, obj, kubectlObj, comment, error }] for every non-empty document of `text`.
function parseDocs(text) {
  const core = YAML.parseAllDocuments(text, PARSE);
  const kube = YAML.parseAllDocuments(text, PARSE_KUBECTL);
  const out = [];
  core.forEach((doc, i) => {
    const errors = doc.errors || [];
    if (errors.length) {
      out.push({ index: i, error: errors.map((e) => e.message.split('\n')[0]).join('; ') });
      return;
    }
    const obj = doc.toJS({ maxAliasCount: -1 });
    if (obj === null || obj === undefined) return;
    const kubectlObj = kube[i] && !kube[i].errors.length ? kube[i].toJS({ maxAliasCount: -1 }) : undefined;
    // A comment above the first key belongs to the document, the mapping or that key.
    const first = doc.contents && doc.contents.items && doc.contents.items[0];
    const comment = [doc.commentBefore, doc.contents && doc.contents.commentBefore, first && first.key && first.key.commentBefore]
      .filter(Boolean)
      .join('\n');
    out.push({ index: i, obj, kubectlObj, comment });
  });
  return out;
}

// A list wrapper (kind: List, DeploymentList, ...; not ResourceList): kubectl applies its items.
const isListWrapper = (obj) =>
  !!obj && typeof obj.kind === 'string' && obj.kind.endsWith('List') && obj.kind !== 'ResourceList' &&
  Array.isArray(obj.items);

// `o`, or the objects of a list wrapper in its place (recursively), each named by its position.
function withListItems(o) {
  if (o.error || !isListWrapper(o.obj)) return [o];
  const kitems = (o.kubectlObj && o.kubectlObj.items) || [];
  return o.obj.items.flatMap((obj, i) =>
    withListItems({ where: `${o.where} items[${i}]`, obj, kubectlObj: kitems[i], comment: '' }));
}

// The objects a file holds: the items of a ResourceList, else every document; the items of the
// lists among them in their place.
// -> [{ where, obj, kubectlObj, comment, error }]
function objectsOf(text) {
  const docs = parseDocs(text);
  if (docs.length === 1 && docs[0].obj && docs[0].obj.kind === 'ResourceList') {
    const items = docs[0].obj.items || [];
    const kitems = docs[0].kubectlObj.items || [];
    return items.flatMap((obj, i) =>
      withListItems({ where: `item ${i}`, obj, kubectlObj: kitems[i], comment: '' }));
  }
  return docs.flatMap((d) => withListItems({ ...d, where: `doc ${d.index}` }));
}

// --- validation --------------------------------------------------------------------------------
// A validator is a function obj -> [error message, ...]; each message starts with the instancePath.
const classCache = new Map();
const skipReasons = new Map();

// CRD schemas checked with ajv, by "apiVersion kind".
const CRD_SCHEMAS = [tgcSchema, gkeHcpSchema, gcpBackendPolicySchema];
const crdValidators = new Map();

// The schema as the API server uses a structural schema: a field it does not list is pruned, so
// where an object lists properties (and is not a map), anything else is an error here.
function structural(s) {
  if (!s || typeof s !== 'object') return s;
  const out = { ...s };
  if (s.properties) {
    out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, structural(v)]));
    if (s.additionalProperties === undefined) out.additionalProperties = false;
  }
  if (s.items) out.items = structural(s.items);
  if (s.additionalProperties && typeof s.additionalProperties === 'object') {
    out.additionalProperties = structural(s.additionalProperties);
  }
  return out;
}

// What the API server checks of metadata (ObjectMeta) that the function writes: names are
// strings, labels and annotations maps of strings. Other ObjectMeta fields pass.
const stringMap = { type: 'object', additionalProperties: { type: 'string' } };
const METADATA = {
  type: 'object',
  properties: { name: { type: 'string' }, namespace: { type: 'string' }, labels: stringMap, annotations: stringMap },
};

const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addFormat('int32', { type: 'number', validate: (n) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
ajv.addFormat('int64', { type: 'number', validate: (n) => Number.isInteger(n) });
ajv.addFormat('double', { type: 'number', validate: () => true });
// RFC 3339, as metav1.Time is written (status conditions' lastTransitionTime).
ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i);
const ptr = (k) => String(k).replace(/~/g, '~0').replace(/\//g, '~1');

// The CRDs' CEL rules (x-kubernetes-validations), which ajv cannot run: each rule's text maps to a
// JavaScript function of `self` that gives what the API server's CEL evaluation gives: true, false,
// or a thrown NoSuchKey where CEL reads an absent field outside has() ("no such key: F evaluating
// rule", which the API server reports as a failed rule). A schema with a rule not listed here fails
// to load, so a changed upstream rule cannot pass unchecked.
class NoSuchKey extends Error {}
const has = (o, k) => o !== null && typeof o === 'object' && Object.prototype.hasOwnProperty.call(o, k) && o[k] !== null;
const get = (o, k) => {
  if (!has(o, k)) throw new NoSuchKey(`no such key: ${k}`);
  return o[k];
};
// CEL's || and && are commutative on errors: an error on one side is absorbed when the other side
// alone decides (true for ||, false for &&).
const celOr = (a, b) => {
  let x;
  let y;
  try { x = a(); } catch (e) { if (!(e instanceof NoSuchKey)) throw e; x = e; }
  if (x === true) return true;
  try { y = b(); } catch (e) { if (!(e instanceof NoSuchKey)) throw e; y = e; }
  if (y === true) return true;
  if (x instanceof Error) throw x;
  if (y instanceof Error) throw y;
  return false;
};
const portSpecRules = {
  "self.portSpecification == 'USE_FIXED_PORT' ? has(self.port) && !has(self.portName) : true": (self) =>
    get(self, 'portSpecification') === 'USE_FIXED_PORT' ? has(self, 'port') && !has(self, 'portName') : true,
  "self.portSpecification == 'USE_NAMED_PORT' ? !has(self.port) && has(self.portName) : true": (self) =>
    get(self, 'portSpecification') === 'USE_NAMED_PORT' ? !has(self, 'port') && has(self, 'portName') : true,
  "self.portSpecification == 'USE_SERVING_PORT' || !has(self.portSpecification) ? !has(self.port) && !has(self.portName) : true": (self) =>
    celOr(() => get(self, 'portSpecification') === 'USE_SERVING_PORT', () => !has(self, 'portSpecification'))
      ? !has(self, 'port') && !has(self, 'portName')
      : true,
};
const typeBlockRule = (type, block) => ({
  [`self.type == '${type}' ? has(self.${block}) : true`]: (self) => (get(self, 'type') === type ? has(self, block) : true),
});
const CEL_RULES = {
  ...portSpecRules,
  ...typeBlockRule('TCP', 'tcpHealthCheck'),
  ...typeBlockRule('HTTP', 'httpHealthCheck'),
  ...typeBlockRule('HTTPS', 'httpsHealthCheck'),
  ...typeBlockRule('HTTP2', 'http2HealthCheck'),
  ...typeBlockRule('GRPC', 'grpcHealthCheck'),
  'has(self.checkIntervalSec) && has(self.timeoutSec) ? self.checkIntervalSec >= self.timeoutSec : true': (self) =>
    has(self, 'checkIntervalSec') && has(self, 'timeoutSec') ? self.checkIntervalSec >= self.timeoutSec : true,
  '!has(self.checkIntervalSec) && has(self.timeoutSec) ? 5 >= self.timeoutSec : true': (self) =>
    !has(self, 'checkIntervalSec') && has(self, 'timeoutSec') ? 5 >= self.timeoutSec : true,
  'has(self.checkIntervalSec) && !has(self.timeoutSec) ? self.checkIntervalSec >= 5 : true': (self) =>
    has(self, 'checkIntervalSec') && !has(self, 'timeoutSec') ? self.checkIntervalSec >= 5 : true,
};

// -> a function value -> ["PATH message", ...] running the schema's CEL rules where the value has
// the right shape (a value of the wrong type already fails ajv, as it fails the API server before
// CEL runs); throws for a rule CEL_RULES lacks.
function celChecker(schema) {
  const rules = (schema['x-kubernetes-validations'] || []).map((r) => {
    const fn = CEL_RULES[r.rule];
    if (!fn) throw new Error(`validate.mjs: no JavaScript for the CEL rule ${JSON.stringify(r.rule)}: add it to CEL_RULES`);
    return { fn, message: r.message };
  });
  const props = Object.entries(schema.properties || {}).map(([k, v]) => [k, celChecker(v)]);
  const items = schema.items ? celChecker(schema.items) : null;
  const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  const check = (v, at) => {
    const errs = [];
    if (isObj(v)) {
      for (const r of rules) {
        try {
          if (r.fn(v) !== true) errs.push(`${at || '/'} ${r.message} (CEL rule)`);
        } catch (e) {
          if (!(e instanceof NoSuchKey)) throw e;
          errs.push(`${at || '/'} ${e.message} evaluating rule: ${r.message} (CEL rule)`);
        }
      }
      for (const [k, c] of props) if (has(v, k)) errs.push(...c(v[k], `${at}/${ptr(k)}`));
    } else if (Array.isArray(v) && items) {
      v.forEach((x, i) => errs.push(...items(x, `${at}/${i}`)));
    }
    return errs;
  };
  return check;
}

// `extra`: obj -> more error messages (checks no schema keyword can say).
function crdValidator(schema, extra) {
  const s = structural(schema);
  s.properties = { ...s.properties, metadata: METADATA };
  const fn = ajv.compile(s);
  const cel = celChecker(schema);
  return (obj) => {
    const more = [...cel(obj, ''), ...(extra ? extra(obj) : [])];
    if (fn(obj)) return more;
    return more.concat(fn.errors.map((e) => {
      const at = e.instancePath || '';
      switch (e.keyword) {
        case 'additionalProperties':
          return `${at}/${ptr(e.params.additionalProperty)} is not a field of the schema (the API server prunes it; kubectl --validate=strict rejects it)`;
        case 'required':
          return `${at}/${ptr(e.params.missingProperty)} is required`;
        case 'enum':
          return `${at || '/'} must be one of ${e.params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
        default:
          return `${at || '/'} ${e.message}`;
      }
    }));
  };
}
for (const m of CRD_SCHEMAS) {
  const v = crdValidator(m.openAPIV3Schema);
  for (const version of m.versions) crdValidators.set(`${m.group}/${version} ${m.kind}`, v);
}
// GKE Ingress's BackendConfig: a CRD the controller builds from its Go types, with no file to
// compare with (schemas/backendconfig.mjs), plus Compute Engine's refusals of fields it writes.
for (const [version, schema] of Object.entries(backendConfigSchema.byVersion)) {
  crdValidators.set(`${backendConfigSchema.group}/${version} ${backendConfigSchema.kind}`,
    crdValidator(schema, backendConfigSchema.gceChecks));
}
// Application Gateway for Containers publishes its fields, not its CRD files: checked against the
// documented fields (schemas/alb-networking-azure.mjs), with nothing upstream to compare.
for (const s of agcSchemas.schemas) {
  const v = crdValidator(s.openAPIV3Schema);
  for (const version of agcSchemas.versions) crdValidators.set(`${agcSchemas.group}/${version} ${s.kind}`, v);
}

function classValidator(cls) {
  return (obj) => {
    try {
      new cls(obj).validate();
      return [];
    } catch (e) {
      if (!Array.isArray(e.errors)) throw e;
      // runValidateFunc has already put ajv-i18n's English messages on them.
      return e.errors.map((er) => `${er.instancePath || '/'} ${er.message}`);
    }
  };
}

// policy/v1 PodDisruptionBudget, which the function creates (DR1): kubernetes-models' schema, then
// what the API server refuses beyond it (schemas/poddisruptionbudget.mjs).
const PDB = `${pdbChecks.apiVersion} ${pdbChecks.kind}`;
// Kinds the function creates: never skipped for want of a schema (a skip of one fails the run).
const MUST_VALIDATE = new Set([
  PDB,
  ...CRD_SCHEMAS.flatMap((m) => m.versions.map((v) => `${m.group}/${v} ${m.kind}`)),
  ...Object.keys(backendConfigSchema.byVersion).map((v) => `${backendConfigSchema.group}/${v} ${backendConfigSchema.kind}`),
  ...agcSchemas.versions.map((v) => `${agcSchemas.group}/${v} HealthCheckPolicy`),
]);

// The validator for an apiVersion/kind, or a string saying why there is none.
async function modelFor(obj) {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return 'not a mapping';
  const { apiVersion, kind } = obj;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return 'no apiVersion/kind';
  const key = `${apiVersion} ${kind}`;
  if (crdValidators.has(key)) return crdValidators.get(key);
  if (classCache.has(key)) return classCache.get(key);
  const pkg = apiVersion.startsWith('argoproj.io/')
    ? '@kubernetes-models/argo-rollouts'
    : apiVersion.startsWith('gateway.networking.k8s.io/')
      ? '@kubernetes-models/gateway-api'
      : 'kubernetes-models';
  let found = `${pkg} has no schema for ${apiVersion} ${kind}`;
  // Only well-formed group/version strings reach import(): the module path is built from them.
  if (/^(?:[a-z0-9]([a-z0-9.-]*[a-z0-9])?\/)?v[0-9]+(?:(?:alpha|beta)[0-9]+)?$/.test(apiVersion)) {
    try {
      const mod = await import(`${pkg}/${apiVersion}`);
      const cls = Object.prototype.hasOwnProperty.call(mod, kind) ? mod[kind] : undefined;
      if (typeof cls === 'function' && cls.apiVersion === apiVersion && cls.kind === kind) {
        found = classValidator(cls);
        if (key === PDB) {
          const schema = found;
          found = (o) => [...schema(o), ...pdbChecks.apiServerChecks(o)];
        }
      }
    } catch (e) {
      if (e.code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED' && e.code !== 'ERR_MODULE_NOT_FOUND') throw e;
    }
  }
  classCache.set(key, found);
  return found;
}

// -> { skip: reason } or { errors: [...] }: the core-schema errors, then those only kubectl's
// YAML 1.1 reading shows.
async function check(o) {
  const validate = await modelFor(o.obj);
  if (typeof validate === 'string') return { skip: validate };
  const errors = validate(o.obj);
  if (o.kubectlObj !== undefined) {
    for (const e of validate(o.kubectlObj)) {
      if (!errors.includes(e)) errors.push(`${e} (as kubectl reads it: YAML 1.1 boolean)`);
    }
  }
  return { errors };
}

const ident = (obj) => {
  const m = (obj && obj.metadata) || {};
  return `${obj && obj.kind} ${m.namespace ? `${m.namespace}/` : ''}${m.name}`;
};
const keyOf = (obj) => {
  const m = (obj && obj.metadata) || {};
  return `${obj && obj.kind}\0${m.namespace || ''}\0${m.name || ''}`;
};

function skip(reason, obj) {
  const k = obj && obj.apiVersion !== undefined ? `${obj.apiVersion} ${obj.kind}` : reason;
  if (MUST_VALIDATE.has(k)) {
    failed++;
    console.log(`FAIL ${k}: the function creates this kind, so it must be validated, but: ${reason}`);
    return;
  }
  skipped++;
  if (!skipReasons.has(k)) {
    skipReasons.set(k, reason);
    console.log(`skip ${k}: ${reason}`);
  }
}

// Notes printed once even when the same object comes out of three presets.
const inputInvalidSeen = new Map();

// Validates the objects of one file. `inputs`: Map keyOf -> errors of the input's objects, or
// null when there is no input to compare against.
async function validateObjects(label, objects, inputs) {
  for (const o of objects) {
    if (o.error) {
      failed++;
      console.log(`FAIL ${label} ${o.where}: YAML does not parse: ${o.error}`);
      continue;
    }
    const r = await check(o);
    if (r.skip) {
      skip(r.skip, o.obj);
      continue;
    }
    if (!r.errors.length) {
      passed++;
      if (verbose) console.log(`ok   ${label} ${o.where} ${ident(o.obj)}`);
      continue;
    }
    const before = inputs ? inputs.get(keyOf(o.obj)) : undefined;
    const caused = before ? r.errors.filter((e) => !before.includes(e)) : r.errors;
    if (caused.length) {
      failed++;
      const note = before && before.length ? ' [input had other errors]' : '';
      console.log(`FAIL ${label} ${o.where} ${ident(o.obj)}: ${caused.join('; ')}${note}`);
    } else {
      skipped++;
      const msg = `${o.where} ${ident(o.obj)}: ${r.errors.join('; ')}`;
      const base = label.replace(/ --preset \S+$/, '');
      const k = `${base}\0${msg}`;
      if (!inputInvalidSeen.has(k)) inputInvalidSeen.set(k, { base, msg, presets: [] });
      const m = label.match(/--preset (\S+)$/);
      if (m) inputInvalidSeen.get(k).presets.push(m[1]);
      else console.log(`input already invalid: ${base} ${msg}`);
    }
  }
}

// Map keyOf -> errors for the objects of an input text (objects it cannot validate map to []).
async function inputErrors(text) {
  const map = new Map();
  for (const o of objectsOf(text)) {
    if (o.error) continue;
    const r = await check(o);
    map.set(keyOf(o.obj), r.errors || []);
  }
  return map;
}

function finish() {
  for (const { base, msg, presets } of inputInvalidSeen.values()) {
    if (presets.length) console.log(`input already invalid: ${base} (${presets.join(', ')}) ${msg}`);
  }
  console.log(`k8s-schema: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exit(failed > 0 ? 1 : 0);
}

// --- 0. self-test ------------------------------------------------------------------------------
async function selftest() {
  const dir = path.join(here, 'selftest');
  for (const o of objectsOf(fs.readFileSync(path.join(dir, 'valid.yaml'), 'utf8'))) {
    const r = o.error ? { errors: [o.error] } : await check(o);
    if (r.skip || r.errors.length) {
      failed++;
      console.log(`FAIL selftest/valid.yaml ${o.where} ${ident(o.obj)} must validate: ${r.skip || r.errors.join('; ')}`);
    } else passed++;
  }
  for (const o of objectsOf(fs.readFileSync(path.join(dir, 'broken.yaml'), 'utf8'))) {
    const m = o.comment.match(/^\s*expect(-kubectl)?:\s*(\S+)/m);
    const r = o.error ? { skip: o.error } : await check(o);
    const name = `selftest/broken.yaml ${o.where} ${ident(o.obj)}`;
    if (!m) {
      failed++;
      console.log(`FAIL ${name}: no '# expect: PATH' comment`);
    } else if (r.skip || !r.errors.some((e) => e.startsWith(`${m[2]} `) && !!m[1] === e.includes('as kubectl reads it'))) {
      failed++;
      console.log(`FAIL ${name}: the validator must reject ${m[2]}${m[1] ? ' as kubectl reads it' : ''}, it said: ${r.skip || r.errors.join('; ') || 'valid'}`);
    } else {
      passed++;
      if (verbose) console.log(`ok   ${name} rejected: ${r.errors.join('; ')}`);
    }
  }
}

// --- 0b. the CRD schemas against the upstream CRD files ------------------------------------------
// The folder of upstream CRD files: $ZD_CRD_DIR, else ../shared/crds beside the repository when it
// exists; none means the comparison is skipped (visibly), as the corpus is.
function crdDir(root) {
  if (process.env.ZD_CRD_DIR) {
    if (!fs.statSync(process.env.ZD_CRD_DIR, { throwIfNoEntry: false })?.isDirectory()) {
      throw new Error(`ZD_CRD_DIR=${process.env.ZD_CRD_DIR} is not a directory`);
    }
    return process.env.ZD_CRD_DIR;
  }
  const shared = path.join(root, '../shared/crds');
  return fs.existsSync(shared) ? shared : '';
}

// A schema reduced to what validation reads: descriptions and list/map-type markers dropped, enums
// and required lists sorted. Anything else upstream has (CEL rules, minimum, pattern, ...) stays,
// so it shows up as a difference.
const IGNORED_KEYS = new Set(['description', 'x-kubernetes-list-type', 'x-kubernetes-map-type', 'x-kubernetes-list-map-keys']);
function normalize(s) {
  if (Array.isArray(s)) return s.map(normalize);
  if (!s || typeof s !== 'object') return s;
  const out = {};
  for (const k of Object.keys(s).sort()) {
    if (IGNORED_KEYS.has(k)) continue;
    if ((k === 'enum' || k === 'required') && Array.isArray(s[k])) out[k] = [...s[k]].sort();
    else if (k === 'properties') out[k] = Object.fromEntries(Object.keys(s[k]).sort().map((p) => [p, normalize(s[k][p])]));
    else out[k] = normalize(s[k]);
  }
  return out;
}

// -> ["PATH: ours X, upstream Y", ...]
function schemaDiff(ours, theirs, at = '') {
  const isObj = (v) => v && typeof v === 'object' && !Array.isArray(v);
  if (isObj(ours) && isObj(theirs)) {
    const keys = [...new Set([...Object.keys(ours), ...Object.keys(theirs)])].sort();
    return keys.flatMap((k) => schemaDiff(ours[k], theirs[k], `${at}.${k}`));
  }
  if (JSON.stringify(ours) === JSON.stringify(theirs)) return [];
  const show = (v) => (v === undefined ? 'nothing' : JSON.stringify(v).slice(0, 200));
  return [`${at || '.'}: ours ${show(ours)}, upstream ${show(theirs)}`];
}

function compareWithUpstreamCRDs(root) {
  const dir = crdDir(root);
  for (const m of CRD_SCHEMAS) {
    const file = dir && path.join(dir, m.crdFile);
    const name = `${m.group} ${m.kind}`;
    if (!file || !fs.existsSync(file)) {
      console.log(`SKIP: ${name}: the schema is not compared with the upstream CRD: no ${m.crdFile} (set ZD_CRD_DIR)`);
      continue;
    }
    const crd = YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'))
      .map((d) => d.toJS())
      .find((d) => d && d.kind === 'CustomResourceDefinition' && d.spec && d.spec.names && d.spec.names.kind === m.kind);
    if (!crd) {
      failed++;
      console.log(`FAIL ${file}: no CustomResourceDefinition of kind ${m.kind}`);
      continue;
    }
    if (crd.spec.group !== m.group) {
      failed++;
      console.log(`FAIL ${file}: group ${crd.spec.group}, schemas/ says ${m.group}`);
    }
    const upstream = new Map(crd.spec.versions.map((v) => [v.name, v]));
    for (const v of new Set([...m.versions, ...upstream.keys()])) {
      const u = upstream.get(v);
      if (!u || !m.versions.includes(v)) {
        failed++;
        console.log(`FAIL ${name} ${v}: ${u ? 'served upstream but not checked here: add it to the versions in schemas/' : 'not in the upstream CRD'}`);
        continue;
      }
      const diffs = schemaDiff(normalize(m.openAPIV3Schema), normalize(u.schema && u.schema.openAPIV3Schema));
      if (diffs.length) {
        failed++;
        console.log(`FAIL ${name} ${v}: the schema differs from ${file}:\n  ${diffs.join('\n  ')}`);
      } else {
        passed++;
        console.log(`${name} ${v}: the schema is the upstream CRD's (${path.basename(file)})`);
      }
    }
  }
}

// --- main --------------------------------------------------------------------------------------
const args = process.argv.slice(2);
if (args[0] === '--files') {
  for (const f of args.slice(1)) await validateObjects(f, objectsOf(fs.readFileSync(f, 'utf8')), null);
  finish();
}

const [root, binArg] = args;
if (!root || !binArg) {
  console.error('usage: node validate.mjs REPO_ROOT path/to/zero-downtime | --files FILE...');
  process.exit(2);
}
const bin = path.resolve(binArg);
const rel = (p) => path.relative(root, p);

await selftest();
compareWithUpstreamCRDs(root);
// 0c. the PodDisruptionBudget field names of schemas/poddisruptionbudget.mjs against kubernetes-models'.
const pdbDiffs = pdbChecks.fieldsDiffer(path.join(here, 'node_modules'));
if (pdbDiffs.length) {
  failed++;
  console.log(`FAIL schemas/poddisruptionbudget.mjs: field names differ from kubernetes-models:\n  ${pdbDiffs.join('\n  ')}`);
} else passed++;

// 1. golden expectations of the cases that exit 0.
const goldenDir = path.join(root, 'testdata/golden');
for (const name of fs.readdirSync(goldenDir).sort()) {
  const dir = path.join(goldenDir, name);
  const exitFile = path.join(dir, 'expected.exit');
  if (!fs.existsSync(exitFile) || fs.readFileSync(exitFile, 'utf8').trim() !== '0') continue;
  const input = path.join(dir, 'input.yaml');
  const inputs = fs.existsSync(input) ? await inputErrors(fs.readFileSync(input, 'utf8')) : null;
  const out = path.join(dir, 'expected.yaml');
  await validateObjects(rel(out), objectsOf(fs.readFileSync(out, 'utf8')), inputs);
}

// 2. the binary on the corpus.
const corpusDir = spawnSync(path.join(root, 'tests/corpus_dir.sh'), { encoding: 'utf8' });
if (corpusDir.status !== 0) throw new Error(`tests/corpus_dir.sh: ${corpusDir.stderr}`);
const corpus = corpusDir.stdout.trim();
function yamlFiles(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return yamlFiles(p);
      return /\.ya?ml$/.test(e.name) ? [p] : [];
    });
}
if (!corpus) {
  console.log('SKIP: the corpus through each preset: no corpus of real-world manifests (set ZD_CORPUS_DIR)');
} else {
  for (const file of yamlFiles(corpus)) {
    const text = fs.readFileSync(file, 'utf8');
    const inputs = await inputErrors(text);
    const label = `corpus/${path.relative(corpus, file)}`;
    for (const preset of PRESETS) {
      const run = spawnSync(bin, ['--preset', preset], { input: text, encoding: 'utf8', maxBuffer: 64 << 20 });
      if (run.error || run.status > 1 || run.signal || !run.stdout) {
        failed++;
        const why = run.error ? run.error.message : run.signal ? `signal ${run.signal}` : `exit ${run.status}`;
        console.log(`FAIL ${label} --preset ${preset}: the binary wrote no manifests (${why}): ${(run.stderr || '').trim().split('\n')[0]}`);
        continue;
      }
      await validateObjects(`${label} --preset ${preset}`, objectsOf(run.stdout), inputs);
    }
  }
}

// 3. integration expectations.
const integ = path.join(root, 'testdata/integration/expected');
for (const name of fs.readdirSync(integ).sort()) {
  if (!/\.ya?ml$/.test(name)) continue;
  const file = path.join(integ, name);
  const text = fs.readFileSync(file, 'utf8');
  if (/^# --- /m.test(text)) {
    // kpt's output tree, concatenated: `# --- PATH` starts each file.
    const parts = text.split(/^# --- (.*)\n/m);
    if (parts[0].trim()) await validateObjects(rel(file), objectsOf(parts[0]), null);
    for (let i = 1; i < parts.length; i += 2) {
      await validateObjects(`${rel(file)} [${parts[i].trim()}]`, objectsOf(parts[i + 1]), null);
    }
  } else {
    await validateObjects(rel(file), objectsOf(text), null);
  }
}

finish();
