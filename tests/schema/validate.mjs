// Validates schemas/*.schema.json with a real JSON Schema validator (ajv, draft-07).
//
//   node validate.mjs REPO_ROOT [path/to/zero-downtime]
//
// 1. Both schemas compile in ajv's strict mode.
// 2. They name exactly the keys the binary accepts (--list-config-keys), reject others, and
//    describe every key. (They are generated from the binary's key table: tests/generated.sh
//    checks the committed files, and the unit tests the docs' key tables.)
// 3. Every presets/*.yaml, wrapped as a ZeroDowntimePolicy spec with `preset:` added, validates.
// 4. Every config of a golden case that exits 0 validates (functionConfig of a ResourceList input
//    and config.yaml). A case with an `args` file is skipped: its flags complete or override
//    the config, so the config alone is not what ran. So does every example config (a
//    ZeroDowntimePolicy, a function ConfigMap, a Kptfile configMap:) under examples/,
//    integrations/ and testdata/integration/.
// 5. Every config-error-* golden case is either rejected by the schema, flagging at least the
//    fields the binary flagged, or listed in BINARY_ONLY with the reason the schema cannot see it.
// 6. SAMPLES: small configs with the verdict the schema must give and, when a binary is given,
//    the verdict the binary gives (`--config` on a one-object stream). They agree unless the
//    sample says why not.
//
// ConfigMaps are read the way the function reads them: every scalar is a string (YAML failsafe
// schema), so `on` or an unquoted 45 under `data:` arrive as "on" and "45".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import Ajv from 'ajv';
import YAML from 'yaml';

const root = process.argv[2];
const bin = process.argv[3] || '';
if (!root) {
  console.error('usage: node validate.mjs REPO_ROOT [path/to/zero-downtime]');
  process.exit(2);
}
const rel = (p) => path.relative(root, p);
const read = (p) => fs.readFileSync(path.join(root, p), 'utf8');

let passed = 0;
let failed = 0;
function ok(name) {
  passed++;
  if (process.env.VERBOSE) console.log(`ok   ${name}`);
}
function fail(name, why) {
  failed++;
  console.log(`FAIL ${name}: ${why}`);
}
function expect(cond, name, why) {
  if (cond) ok(name);
  else fail(name, why);
}

// --- 1. compile --------------------------------------------------------------------------------
const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: true, strictTuples: true });
const schemaFiles = {
  policy: 'schemas/zero-downtime-policy.schema.json',
  configmap: 'schemas/zero-downtime-configmap.schema.json',
};
const schemas = {};
const validators = {};
for (const [form, file] of Object.entries(schemaFiles)) {
  try {
    schemas[form] = JSON.parse(read(file));
    validators[form] = ajv.compile(schemas[form]);
    ok(`${file} compiles`);
  } catch (e) {
    fail(`${file} compiles`, e.message);
  }
}
if (!validators.policy || !validators.configmap) {
  console.log(`schema: ${passed} passed, ${failed} failed`);
  process.exit(1);
}

const bodyOf = { policy: 'spec', configmap: 'data' };
function formOf(obj) {
  return obj && obj.kind === 'ConfigMap' && obj.apiVersion === 'v1' ? 'configmap' : 'policy';
}
// Parses one YAML object as the function would: typed for a ZeroDowntimePolicy (YAML 1.2 core
// schema), every scalar a string for a ConfigMap.
function parseConfig(text) {
  const typed = YAML.parse(text);
  return formOf(typed) === 'configmap' ? YAML.parse(text, { schema: 'failsafe' }) : typed;
}
function validate(obj) {
  const form = formOf(obj);
  const v = validators[form];
  const valid = v(obj);
  return { form, valid, errors: v.errors || [] };
}
// ajv errors -> the config keys they are about ("preStopSeconds", "kind", ...).
function flaggedFields(errors) {
  const out = new Set();
  for (const e of errors) {
    if (e.keyword === 'if') continue;  // its `then` errors name the field
    const segs = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (e.keyword === 'additionalProperties') segs.push(e.params.additionalProperty);
    if (e.keyword === 'required') segs.push(e.params.missingProperty);
    if (segs.length === 0) continue;
    out.add(segs[0] === 'spec' || segs[0] === 'data' ? segs[1] ?? segs[0] : segs[0]);
  }
  return out;
}
function describe(errors) {
  return errors.map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
}

// --- 2. keys, descriptions -------------------------------------------------------------------
// The schemas are generated from the binary's key table (tests/generated.sh checks the files are
// what it generates); here: they name the keys `--list-config-keys` prints, reject others, and
// describe each.
const schemaKeys = Object.keys(schemas.policy.properties.spec.properties);
if (bin) {
  const listed = spawnSync(bin, ['--list-config-keys'], { encoding: 'utf8' }).stdout.trim().split('\n');
  for (const form of ['policy', 'configmap']) {
    const keys = Object.keys(schemas[form].properties[bodyOf[form]].properties);
    expect(JSON.stringify([...keys].sort()) === JSON.stringify([...listed].sort()),
      `${form} schema keys = the binary's config keys`, `schema has [${keys}], binary has [${listed}]`);
  }
} else {
  console.log('skip schema keys against --list-config-keys: no binary given');
}
for (const form of ['policy', 'configmap']) {
  const body = schemas[form].properties[bodyOf[form]];
  expect(body.additionalProperties === false && schemas[form].additionalProperties === false,
    `${form} schema rejects unknown fields`, 'additionalProperties must be false');
  const described = [...Object.entries(body.properties), ...Object.entries(body.patternProperties || {})];
  for (const [k, p] of described) {
    expect(typeof p.description === 'string' && p.description.length > 20, `${form} ${k} has a description`,
      'missing or empty description');
  }
}

const PRESETS = ['alb-ip', 'alb-instance', 'agic'];
const presets = {};
for (const name of PRESETS) {
  presets[name] = { values: YAML.parse(read(`presets/${name}.yaml`)) };
  for (const k of Object.keys(presets[name].values)) {
    expect(schemaKeys.includes(k), `presets/${name}.yaml key ${k} is a config key`, 'not in the schema');
  }
}

// --- 3. presets ----------------------------------------------------------------------------------
for (const name of PRESETS) {
  const policy = {
    apiVersion: 'zero-downtime.dev/v1alpha1',
    kind: 'ZeroDowntimePolicy',
    metadata: { name: `preset-${name}` },
    spec: { preset: name, ...presets[name].values },
  };
  const r = validate(policy);
  expect(r.valid, `presets/${name}.yaml as a ZeroDowntimePolicy`, describe(r.errors));
}

// --- 4 and 5. golden cases -----------------------------------------------------------------------
const goldenDir = path.join(root, 'testdata/golden');
function configsOf(dir) {
  const out = [];
  const input = fs.readFileSync(path.join(dir, 'input.yaml'), 'utf8');
  let docs = [];
  try {
    docs = YAML.parseAllDocuments(input);
  } catch {
    docs = [];
  }
  if (docs.length === 1 && !docs[0].errors.length) {
    const doc = docs[0].toJS();
    if (doc && doc.kind === 'ResourceList' && doc.functionConfig) {
      // Re-read as the function does: strings only for a ConfigMap.
      const fc = formOf(doc.functionConfig) === 'configmap'
        ? YAML.parse(input, { schema: 'failsafe' }).functionConfig
        : doc.functionConfig;
      out.push({ where: `${rel(dir)}/input.yaml functionConfig`, obj: fc });
    }
  }
  const cfg = path.join(dir, 'config.yaml');
  if (fs.existsSync(cfg)) out.push({ where: `${rel(dir)}/config.yaml`, obj: parseConfig(fs.readFileSync(cfg, 'utf8')) });
  return out;
}
// Fields the binary flagged in a config error: `[error] <ref> <field>: config ...` on stderr.
function binaryFlagged(dir) {
  const err = fs.readFileSync(path.join(dir, 'expected.stderr'), 'utf8');
  const out = new Set();
  for (const m of err.matchAll(/^\[error\] \S+ (\S+): config `/gm)) out.add(m[1].replace(/^(spec|data)\./, ''));
  return out;
}
// config-error-* cases whose configs the schema accepts, and why it cannot see the error.
const BINARY_ONLY = {
  'config-error-grace-shorter-than-prestop':
    'K2 compares terminationGracePeriodSeconds with preStopSeconds + shutdownSeconds + marginSeconds',
  'config-error-health-check-timeout-not-below-interval':
    'A1 compares healthCheckTimeoutSeconds with healthCheckIntervalSeconds',
  'config-error-config-file-and-functionconfig': 'each config is valid; the error is giving both',
  'config-error-flag-bad-value': 'the bad value is a command-line flag',
  'config-error-grace-shorter-than-min-prestop':
    'K2 compares terminationGracePeriodSeconds with the preStop minPreStopSeconds forces',
  'config-error-grace-shorter-than-lb-propagation':
    'the grace period is pinned by a flag, and K2 compares it with lbPropagationSeconds + marginSeconds',
  'config-error-agic-grace-not-longer-than-prestop':
    'AG2 compares terminationGracePeriodSeconds with the preStop preStopSeconds forces',
  'config-error-native-sleep-flag-kubernetes-version-below-1-30': 'nativeSleep true is a command-line flag',
  'config-error-multi-preset-grace-names-the-preset':
    'K2 compares terminationGracePeriodSeconds with each preset\'s preStop + shutdown + margin',
  'config-error-multi-preset-flag-unqualified-ingress-key': 'the unqualified Ingress key is a command-line flag',
};
let goodPolicies = 0;
let goodConfigMaps = 0;
for (const name of fs.readdirSync(goldenDir).sort()) {
  const dir = path.join(goldenDir, name);
  if (!fs.statSync(dir).isDirectory()) continue;
  const exitFile = path.join(dir, 'expected.exit');
  if (!fs.existsSync(exitFile) || !fs.existsSync(path.join(dir, 'input.yaml'))) {
    console.log(`skip ${name}: no input.yaml or expected.exit (golden.sh reports it)`);
    continue;
  }
  const exit = fs.readFileSync(exitFile, 'utf8').trim();
  const configs = configsOf(dir);
  if (exit === '0') {
    if (fs.existsSync(path.join(dir, 'args')) && configs.length) {
      console.log(`skip ${name}: its args complete or override the config`);
      continue;
    }
    for (const c of configs) {
      const r = validate(c.obj);
      if (r.form === 'policy') goodPolicies++;
      else goodConfigMaps++;
      expect(r.valid, `${c.where} (exit 0) is valid`, describe(r.errors));
    }
  } else if (name.startsWith('config-error-')) {
    if (!configs.length) {
      fail(name, 'a config-error case without a config object');
      continue;
    }
    const results = configs.map((c) => ({ c, r: validate(c.obj) }));
    if (BINARY_ONLY[name]) {
      for (const { c, r } of results) {
        expect(r.valid, `${c.where} passes the schema (binary-only: ${BINARY_ONLY[name]})`,
          `now rejected (${describe(r.errors)}): move ${name} out of BINARY_ONLY`);
      }
      continue;
    }
    const rejected = results.filter(({ r }) => !r.valid);
    if (!rejected.length) {
      fail(name, 'the binary rejects this config but the schema accepts it (add to BINARY_ONLY only if no schema can see it)');
      continue;
    }
    ok(`${name} is rejected by the schema`);
    const schemaSaw = new Set(rejected.flatMap(({ r }) => [...flaggedFields(r.errors)]));
    const binarySaw = binaryFlagged(dir);
    const missed = [...binarySaw].filter((f) => !schemaSaw.has(f));
    expect(binarySaw.size > 0 && missed.length === 0, `${name}: the schema flags every field the binary flags`,
      `binary flagged [${[...binarySaw]}], schema flagged [${[...schemaSaw]}]`);
  }
}
expect(goodPolicies >= 1 && goodConfigMaps >= 1, 'golden exit-0 configs of both forms were found',
  `found ${goodPolicies} ZeroDowntimePolicy and ${goodConfigMaps} ConfigMap configs`);

// --- 4b. example configs ----------------------------------------------------------------------
// Every ZeroDowntimePolicy, every ConfigMap that is a KRM function config (it carries
// config.kubernetes.io/function), and every Kptfile `configMap:` of a zero-downtime pipeline step
// under examples/, integrations/ and testdata/integration/.
function yamlFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : yamlFiles(p);
    return /\.ya?ml$/.test(e.name) || e.name === 'Kptfile' ? [p] : [];
  });
}
let exampleConfigs = 0;
for (const file of ['examples', 'integrations', 'testdata/integration'].flatMap((d) => yamlFiles(path.join(root, d))).sort()) {
  const text = fs.readFileSync(file, 'utf8');
  let typed;
  let strings;
  try {
    typed = YAML.parseAllDocuments(text).map((d) => d.toJS());
    strings = YAML.parseAllDocuments(text, { schema: 'failsafe' }).map((d) => d.toJS());
  } catch {
    continue;  // not YAML (a template): nothing to check
  }
  typed.forEach((doc, i) => {
    if (!doc || typeof doc !== 'object') return;
    const where = `${rel(file)}${typed.length > 1 ? ` document ${i}` : ''}`;
    const isFnConfigMap = doc.kind === 'ConfigMap' && doc.metadata?.annotations?.['config.kubernetes.io/function'];
    if (doc.kind === 'ZeroDowntimePolicy' || isFnConfigMap) {
      exampleConfigs++;
      const r = validate(doc.kind === 'ConfigMap' ? strings[i] : doc);
      expect(r.valid, `${where} is valid`, describe(r.errors));
    }
    if (doc.kind === 'Kptfile') {
      const steps = [...(strings[i]?.pipeline?.mutators || []), ...(strings[i]?.pipeline?.validators || [])];
      for (const step of steps) {
        if (!/zero-downtime/.test(`${step.exec || ''} ${step.image || ''}`) || !step.configMap) continue;
        exampleConfigs++;
        const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'function-input' }, data: step.configMap };
        const r = validate(cm);
        expect(r.valid, `${where} pipeline step ${step.exec || step.image} configMap is valid`, describe(r.errors));
      }
    }
  });
}
expect(exampleConfigs >= 1, 'example configs were found', 'no ZeroDowntimePolicy or function ConfigMap under examples/, integrations/, testdata/integration/');

// --- 6. samples, against the schema and the binary ------------------------------------------------
// body: the spec / data map as YAML. schema: the schema's verdict. binary: the binary's verdict
// when it differs from the schema's, with `why`. top: extra top-level YAML.
const P = 'policy';
const C = 'configmap';
const SAMPLES = [
  { form: P, body: 'preset: alb-ip', schema: true },
  { form: P, body: 'preset: agic\ncheck: true\nnativeSleep: false\nkubernetesVersion: "v1.31.2"\nreadinessProbePath: /healthz', schema: true },
  { form: P, body: 'preset: alb-instance\nmaxSurge: 50%\nmaxUnavailable: 1\nkeepAliveSeconds: 65', schema: true },
  { form: P, body: 'preset: alb-ip\nmaxSurge: 0', schema: false },
  { form: P, body: 'preset: alb-ip\nmaxSurge: 0\nmaxUnavailable: 1', schema: true },
  // A qualified maxUnavailable can make maxSurge 0 valid for its preset: the schema leaves it to
  // the function (which agrees here).
  { form: P, body: 'preset: alb-ip\nmaxSurge: 0\nalb-ip.maxUnavailable: 1', schema: true },
  { form: P, body: 'preset: alb-ip\nmaxSurge: "0%"\nmaxUnavailable: "0%"', schema: false },
  { form: P, body: 'preset: alb-ip\nmaxSurge: "101%"', schema: false },
  { form: P, body: 'preset: alb-ip\nmaxSurge: "25"', schema: false },
  { form: P, body: 'preset: alb-ip\npreStopSeconds: 1000000', schema: true },
  { form: P, body: 'preset: alb-ip\npreStopSeconds: 1000001', schema: false },
  { form: P, body: 'preset: alb-ip\npreStopSeconds: -1', schema: false },
  { form: P, body: 'preset: alb-ip\npreStopSeconds: "30"', schema: false },
  { form: P, body: 'preset: alb-ip\ncheck: yes', schema: false },
  { form: P, body: 'preset: alb-ip\ncheck: "true"', schema: false },
  { form: P, body: 'preset: alb-ip\ntargetType: instance', schema: true },
  { form: P, body: 'preset: alb-ip\ntargetType: ""', schema: false },
  { form: P, body: 'preset: alb-instance\ntargetType: IP', schema: false },
  { form: P, body: 'preset: agic\ntargetType: ""', schema: false, binary: true,
    why: 'agic does not carry targetType: the function ignores it, with a warning' },
  { form: P, body: 'preset: agic\ntargetType: foo', schema: false, binary: true,
    why: 'agic does not carry targetType: the function ignores it, with a warning' },
  { form: P, body: 'preset: agic\nhealthCheckIntervalSeconds: 30\nidleTimeoutSeconds: 120', schema: true },
  { form: P, body: 'preset: alb-ip,agic', schema: true },
  { form: P, body: 'preset: alb-ip , agic', schema: true },
  { form: P, body: 'preset: [alb-ip, agic]', schema: true },
  { form: P, body: 'preset: [agic]', schema: true },
  { form: P, body: 'preset: []', schema: false },
  { form: P, body: 'preset: [alb-ip, alb-ip]', schema: false },
  { form: P, body: 'preset: [alb-ip, [agic]]', schema: false },
  { form: P, body: 'preset: alb-ip,alb-instance', schema: false },
  { form: P, body: 'preset: [alb-instance, agic, alb-ip]', schema: false },
  { form: P, body: 'preset: agic, alb-ip, agic', schema: false },
  { form: P, body: 'preset: alb-ip,', schema: false },
  { form: P, body: 'preset: alb-ip,nginx', schema: false },
  { form: P, body: 'preset: alb-ip,agic\nalb-ip.ingressClassNames: [alb]\nagic.ingressClassNames: [agw]', schema: true },
  { form: P, body: 'preset: [alb-ip, agic]\ningressClassNames: [alb]', schema: false },
  { form: P, body: 'preset: alb-instance,agic\ningressControllers: []', schema: false },
  { form: P, body: 'preset: agic\ningressClassNames: [agw]', schema: true },
  { form: P, body: 'preset: alb-ip,agic\nagic.preStopSeconds: 120\nalb-ip.targetType: ip', schema: true },
  { form: P, body: 'preset: alb-ip\nagic.drainingTimeoutSeconds: 40', schema: true },
  { form: P, body: 'preset: alb-ip,agic\nagic.healthCheckIntervalSeconds: 20', schema: true },
  { form: P, body: 'preset: alb-ip,agic\nagic.preStopSeconds: "90"', schema: false },
  { form: P, body: 'preset: alb-ip\nnginx.preStopSeconds: 30', schema: false },
  { form: P, body: 'preset: alb-ip\nalb-ip.check: true', schema: false },
  { form: P, body: 'preset: alb-ip,agic\nterminationGracePeriodSeconds: 60', schema: true, binary: false,
    why: 'K2 compares the grace period with agic\'s preStop + shutdown + margin' },
  { form: P, body: 'preset: alb-ip\nkubernetesVersion: "1.29"', schema: true },
  { form: P, body: 'preset: alb-ip\nnativeSleep: true\nkubernetesVersion: "v1.29.4"', schema: false },
  { form: P, body: 'preset: alb-ip\nkubernetesVersion: "1.9"\nnativeSleep: true', schema: false },
  { form: P, body: 'preset: alb-ip\nnativeSleep: false\nkubernetesVersion: "1.29"', schema: true },
  { form: P, body: 'preset: alb-ip\nnativeSleep: true\nkubernetesVersion: "1.30"', schema: true },
  { form: P, body: 'preset: alb-ip\nnativeSleep: true\nkubernetesVersion: "2.0"', schema: true },
  { form: P, body: 'preset: alb-ip\nnativeSleep: false\nkubernetesVersion: "1.31"', schema: true },
  { form: P, body: 'preset: alb-ip\nkubernetesVersion: latest', schema: false },
  { form: P, body: 'preset: alb-ip\nshellLessImages: [registry.example.com/base/, ghcr.io/acme/static-]', schema: true },
  { form: P, body: 'preset: alb-ip\nshellLessImages: []', schema: true },
  { form: P, body: 'preset: alb-ip\nshellLessImages: ["registry.example.com/my base/"]', schema: false },
  { form: P, body: 'preset: alb-ip\nshellLessImages: [""]', schema: false },
  { form: P, body: 'preset: alb-ip\nshellLessImages: registry.example.com/base/', schema: false },
  { form: P, body: 'preset: alb-ip\nshellLessImages: [{prefix: registry.example.com/base/}]', schema: false },
  { form: P, body: 'preset: alb-ip\nkubernetesVersion: 1.31', schema: false, binary: true,
    why: 'the binary reads the scalar\'s text; the schema asks for a string, since 1.30 unquoted is 1.3' },
  { form: P, body: 'preset: alb-ip\nreadinessProbePath: healthz', schema: false },
  { form: P, body: 'preset: alb-ip\ningressClassNames: [alb, alb-internal]\ningressControllers: []', schema: true },
  { form: P, body: 'preset: alb-ip\ningressClassNames: alb', schema: false },
  { form: P, body: 'preset: alb-ip\npreStopSecs: 30', schema: false },
  { form: P, body: 'preStopSeconds: 30', schema: false },
  { form: P, body: 'preset: nginx', schema: false },
  { form: P, body: 'preset: agic\nconnectionDraining: false\ndrainingTimeoutSeconds: 3600', schema: true },
  { form: P, body: 'preset: alb-ip\nhealthCheckTimeoutSeconds: 10', schema: true, binary: false,
    why: 'A1 compares two fields (the interval is the preset\'s 10)' },
  { form: P, body: 'preset: alb-ip\nterminationGracePeriodSeconds: 40', schema: true, binary: false,
    why: 'K2 compares the grace period with preStop + shutdown + margin' },
  { form: P, body: 'preset: alb-ip\ncheck: True', schema: true, binary: false,
    why: 'YAML 1.2 reads True as a boolean; the function wants the spelling true' },
  { form: P, body: 'preset: alb-ip\npreStopSeconds: 30.0', schema: true, binary: false,
    why: '30.0 is the integer 30 in JSON; the function wants decimal digits' },
  { form: P, body: 'preset: alb-ip', top: 'status: {}', schema: false, binary: true,
    why: 'the binary ignores top-level fields other than spec' },
  { form: C, body: 'preset: alb-instance\ncheck: "TRUE"\nnativeSleep: "0"\nreadinessGate: "Off"', schema: true },
  { form: C, body: 'preset: alb-ip\ncheck: maybe', schema: false },
  { form: C, body: 'preset: alb-ip\npreStopSeconds: "007"', schema: true },
  { form: C, body: 'preset: alb-ip\npreStopSeconds: 45\nnativeSleep: on', schema: true },
  { form: C, body: 'preset: alb-ip\npreStopSeconds: 30s', schema: false },
  { form: C, body: 'preset: alb-ip\npreStopSeconds: "1000001"', schema: false },
  { form: C, body: 'preset: alb-ip\npreStopSeconds: ""', schema: false },
  { form: C, body: 'preset: alb-ip\npreStopSeconds: " 30"', schema: false },
  { form: C, body: 'preset: alb-ip\nmaxSurge: "100%"', schema: true },
  { form: C, body: 'preset: alb-ip\nmaxSurge: "101%"', schema: false },
  { form: C, body: 'preset: alb-ip\nmaxSurge: "0"', schema: false },
  { form: C, body: 'preset: alb-ip\nmaxSurge: "0"\nmaxUnavailable: "1"', schema: true },
  { form: C, body: 'preset: alb-ip\ningressClassNames: "alb, alb-internal"', schema: true },
  { form: C, body: 'preset: alb-ip\nkubernetesVersion: v1.29', schema: true },
  { form: C, body: 'preset: alb-ip\nkubernetesVersion: "1.28"\nnativeSleep: "Yes"', schema: false },
  { form: C, body: 'preset: alb-ip\nnativeSleep: "1"\nkubernetesVersion: "01.029"', schema: false },
  { form: C, body: 'preset: alb-ip\nnativeSleep: "off"\nkubernetesVersion: "1.28"', schema: true },
  { form: C, body: 'preset: alb-ip\nnativeSleep: "on"\nkubernetesVersion: "1.300"', schema: true },
  { form: C, body: 'preset: alb-ip\nkubernetesVersion: "1"', schema: false },
  { form: C, body: 'preset: alb-ip\nshellLessImages: "registry.example.com/base/, ghcr.io/acme/static-"', schema: true },
  { form: C, body: 'preset: alb-ip\nshellLessImages: ",, registry.example.com/base/ ,"', schema: true },
  { form: C, body: 'preset: alb-ip\nshellLessImages: "registry.example.com/my base/"', schema: false },
  { form: C, body: 'preset: alb-instance\ntargetType: ""', schema: false },
  { form: C, body: 'preset: ALB-IP', schema: false },
  { form: C, body: 'preset: "alb-ip, agic"\nagic.drainingTimeoutSeconds: "40"\nalb-ip.ingressClassNames: alb', schema: true },
  { form: C, body: 'preset: alb-ip\ndrainingTimeoutSeconds: "40"', schema: true },
  { form: C, body: 'preset: alb-ip,alb-instance', schema: false },
  { form: C, body: 'preset: agic,agic', schema: false },
  { form: C, body: 'preset: alb-ip,agic\ningressClassNames: alb', schema: false },
  { form: C, body: 'preset: alb-ip\nalb-ip.preStopSeconds: 30s', schema: false },
  { form: C, body: 'preset: alb-ip\npreStopSecs: "30"', schema: false },
  { form: C, body: 'preStopSeconds: "30"', schema: false },
  { form: C, body: 'preset: alb-ip\nterminationGracePeriodSeconds: "40"', schema: true, binary: false,
    why: 'K2 compares the grace period with preStop + shutdown + margin' },
  { form: C, body: 'preset: alb-ip', top: 'binaryData: {}', schema: false, binary: true,
    why: 'the binary ignores top-level fields other than data' },
];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zd-schema-'));
const streamFile = path.join(tmp, 'stream.yaml');
fs.writeFileSync(streamFile, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: unrelated\ndata:\n  a: b\n');
if (!bin) console.log('skip binary comparison of samples: no binary given (validate.sh path/to/zero-downtime)');
for (const [i, s] of SAMPLES.entries()) {
  const indented = s.body.split('\n').map((l) => `  ${l}`).join('\n');
  const text = s.form === P
    ? `apiVersion: zero-downtime.dev/v1alpha1\nkind: ZeroDowntimePolicy\nmetadata:\n  name: sample\nspec:\n${indented}\n`
    : `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: sample\ndata:\n${indented}\n`;
  const full = s.top ? `${text}${s.top}\n` : text;
  const label = `sample ${i} (${s.form}: ${s.body.replace(/\n/g, ', ')}${s.top ? `, ${s.top}` : ''})`;
  const r = validate(parseConfig(full));
  expect(r.valid === s.schema, `${label}: schema says ${s.schema ? 'valid' : 'invalid'}`,
    r.valid ? 'the schema accepts it' : `the schema rejects it: ${describe(r.errors)}`);
  if (!bin) continue;
  const file = path.join(tmp, `sample-${i}.yaml`);
  fs.writeFileSync(file, full);
  const run = spawnSync(bin, ['--config', file], { input: fs.readFileSync(streamFile), encoding: 'utf8' });
  const binaryValid = run.status === 0;
  const want = s.binary ?? s.schema;
  expect(run.status === 0 || run.status === 1, `${label}: binary exits 0 or 1`, `exit ${run.status} ${run.signal || ''}`);
  expect(binaryValid === want,
    `${label}: binary says ${want ? 'valid' : 'invalid'}${s.why ? ` (differs from the schema: ${s.why})` : ''}`,
    `binary exit ${run.status}: ${run.stderr.trim()}`);
}
fs.rmSync(tmp, { recursive: true, force: true });

console.log(`schema: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
