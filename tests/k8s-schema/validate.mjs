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
// 1. testdata/golden/*/expected.yaml of every case whose expected.exit is 0 (the `items` of a
//    ResourceList, else every document; a List's items in its place).
// 2. The binary's stdout on every corpus file (tests/corpus_dir.sh), once per preset (stream mode).
// 3. testdata/integration/expected/*.yaml; the kpt-*.yaml ones are files concatenated with
//    `# --- NAME` separator lines and are split on them.
// For 1 and 2 the input is validated too: an output object whose every error its input object
// (same kind, namespace and name) already had is reported as "input already invalid" and does not
// fail. Any error the input did not have fails.
//
// Argo Rollouts' kinds (argoproj.io/v1alpha1: Rollout) come from @kubernetes-models/argo-rollouts
// 0.3.2, generated from the Rollouts CRDs (the last release for Node < 22).
// Objects whose apiVersion/kind neither has a class for (Kptfile, ZeroDowntimePolicy,
// ResourceList, another CRD, ...) are skipped, and the reason is printed once per apiVersion/kind. It
// still has the last schema of removed versions (extensions/v1beta1, apps/v1beta2,
// policy/v1beta1, autoscaling/v2beta1, networking.k8s.io/v1beta1), so those are validated.
//
// YAML is read with the `yaml` package's YAML 1.2 core schema, so "8080" stays a string and 8080
// a number. Every object is validated a second time as kubectl reads it (sigs.k8s.io/yaml is
// YAML 1.1: a plain y/Y/yes/Yes/YES, n/N/no/No/NO, on/On/ON, off/Off/OFF is a boolean), so an
// unquoted `on` written where a string belongs fails as it would on `kubectl apply`.
// The upstream schemas do not forbid unknown fields, so neither does this check: a misspelt
// field name passes here (kubectl's default --validate=strict has the API server reject it).
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

import YAML from 'yaml';

const here = path.dirname(fileURLToPath(import.meta.url));
const PRESETS = ['alb-ip', 'alb-instance', 'agic'];

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
const classCache = new Map();
const skipReasons = new Map();

// The kubernetes-models class for an apiVersion/kind, or a string saying why there is none.
async function modelFor(obj) {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return 'not a mapping';
  const { apiVersion, kind } = obj;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return 'no apiVersion/kind';
  const key = `${apiVersion} ${kind}`;
  if (classCache.has(key)) return classCache.get(key);
  let found = `kubernetes-models has no schema for ${apiVersion} ${kind}`;
  // Only well-formed group/version strings reach import(): the module path is built from them.
  if (/^(?:[a-z0-9]([a-z0-9.-]*[a-z0-9])?\/)?v[0-9]+(?:(?:alpha|beta)[0-9]+)?$/.test(apiVersion)) {
    try {
      const pkg = apiVersion.startsWith('argoproj.io/')
        ? '@kubernetes-models/argo-rollouts'
        : 'kubernetes-models';
      const mod = await import(`${pkg}/${apiVersion}`);
      const cls = Object.prototype.hasOwnProperty.call(mod, kind) ? mod[kind] : undefined;
      if (typeof cls === 'function' && cls.apiVersion === apiVersion && cls.kind === kind) found = cls;
    } catch (e) {
      if (e.code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED' && e.code !== 'ERR_MODULE_NOT_FOUND') throw e;
    }
  }
  classCache.set(key, found);
  return found;
}

function errorsOf(cls, obj) {
  try {
    new cls(obj).validate();
    return [];
  } catch (e) {
    if (!Array.isArray(e.errors)) throw e;
    // runValidateFunc has already put ajv-i18n's English messages on them.
    return e.errors.map((er) => `${er.instancePath || '/'} ${er.message}`);
  }
}

// -> { skip: reason } or { errors: [...] }: the core-schema errors, then those only kubectl's
// YAML 1.1 reading shows.
async function check(o) {
  const cls = await modelFor(o.obj);
  if (typeof cls === 'string') return { skip: cls };
  const errors = errorsOf(cls, o.obj);
  if (o.kubectlObj !== undefined) {
    for (const e of errorsOf(cls, o.kubectlObj)) {
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
  skipped++;
  const k = obj && obj.apiVersion !== undefined ? `${obj.apiVersion} ${obj.kind}` : reason;
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
