// policy/v1 PodDisruptionBudget: what the API server refuses beyond its OpenAPI schema, which
// kubernetes-models checks (types, the unhealthyPodEvictionPolicy enum) in validate.mjs. The
// function creates these objects whole (DR1), so a mistake in one would reach every cluster:
// apiServerChecks below adds, as errors:
// - unknown fields, at every level the function writes (the API server's strict field validation,
//   kubectl's default --validate=strict, rejects them; otherwise they are dropped in silence).
//   The field names are kubernetes-models' own (checked against its .d.ts files by
//   fieldsDiffer, so an upstream field this file lacks fails the run instead of passing);
// - ValidatePodDisruptionBudgetSpec (kubernetes pkg/apis/policy/validation/validation.go):
//   minAvailable and maxUnavailable not both set; each an integer >= 0 or a percent string
//   ("[0-9]+%") of at most 100% (apps validation ValidatePositiveIntOrPercent and
//   IsNotMoreThan100Percent); the selector as ValidateLabelSelector checks it (operators In and
//   NotIn need values, Exists and DoesNotExist take none; keys are qualified names, matchLabels
//   values label values);
// - metadata.name a DNS-1123 subdomain (ValidatePodDisruptionBudget's ValidateObjectMeta).
import fs from 'node:fs';
import path from 'node:path';

export const apiVersion = 'policy/v1';
export const kind = 'PodDisruptionBudget';

// The fields of each level, as policy/v1 and meta/v1 define them.
export const FIELDS = {
  PodDisruptionBudget: ['apiVersion', 'kind', 'metadata', 'spec', 'status'],
  PodDisruptionBudgetSpec: ['maxUnavailable', 'minAvailable', 'selector', 'unhealthyPodEvictionPolicy'],
  LabelSelector: ['matchExpressions', 'matchLabels'],
  LabelSelectorRequirement: ['key', 'operator', 'values'],
};
const DTS = {
  PodDisruptionBudget: 'kubernetes-models/policy/v1/PodDisruptionBudget.d.ts',
  PodDisruptionBudgetSpec: 'kubernetes-models/policy/v1/PodDisruptionBudgetSpec.d.ts',
  LabelSelector: '@kubernetes-models/apimachinery/apis/meta/v1/LabelSelector.d.ts',
  LabelSelectorRequirement: '@kubernetes-models/apimachinery/apis/meta/v1/LabelSelectorRequirement.d.ts',
};

// -> ["TYPE: ours [...], kubernetes-models [...]", ...] for each level whose field names differ
// from the interface kubernetes-models generated from the OpenAPI (node_modules: its folder).
export function fieldsDiffer(nodeModules) {
  const out = [];
  for (const [type, file] of Object.entries(DTS)) {
    const text = fs.readFileSync(path.join(nodeModules, file), 'utf8');
    const iface = text.match(new RegExp(`export interface I${type}(?: extends \\w+)? \\{([\\s\\S]*?)\\n\\}`));
    if (!iface) {
      out.push(`${type}: no interface I${type} in ${file}`);
      continue;
    }
    // Top-level members only: `    "name"?: ...` at four spaces.
    const theirs = [...iface[1].matchAll(/^ {4}"([A-Za-z]+)"\??:/gm)].map((m) => m[1]).sort();
    const ours = [...FIELDS[type]].sort();
    if (JSON.stringify(ours) !== JSON.stringify(theirs)) {
      out.push(`${type}: ours ${JSON.stringify(ours)}, kubernetes-models ${JSON.stringify(theirs)}`);
    }
  }
  return out;
}

const isMap = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const ptr = (k) => String(k).replace(/~/g, '~0').replace(/\//g, '~1');
const STRICT = '(the API server rejects it with strict field validation, kubectl\'s default; else drops it)';

function unknownFields(v, type, at, errs) {
  if (!isMap(v)) return;
  for (const k of Object.keys(v)) {
    if (!FIELDS[type].includes(k)) errs.push(`${at}/${ptr(k)} is not a field of ${type} ${STRICT}`);
  }
}

// apimachinery validation: IsDNS1123Subdomain, IsQualifiedName, IsValidLabelValue.
const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = new RegExp(`^${DNS1123_LABEL}(\\.${DNS1123_LABEL})*$`);
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function qualifiedName(s) {
  if (typeof s !== 'string') return false;
  const parts = s.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1];
  if (parts.length === 2 && (!parts[0] || parts[0].length > 253 || !DNS1123_SUBDOMAIN.test(parts[0]))) return false;
  return name.length > 0 && name.length <= 63 && QUALIFIED_NAME_PART.test(name);
}
const labelValue = (s) => typeof s === 'string' && s.length <= 63 && LABEL_VALUE.test(s);

// ValidatePositiveIntOrPercent + IsNotMoreThan100Percent.
function intOrPercent(v, at, errs) {
  if (v === undefined || v === null) return;
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 0) errs.push(`${at} must be an integer >= 0 (the API server refuses it)`);
    return;
  }
  if (typeof v !== 'string') return;  // the OpenAPI schema reports the type
  const m = v.match(/^([0-9]+)%$/);
  if (!m) errs.push(`${at} "${v}" must be an integer or a percent like "25%" (the API server refuses it)`);
  else if (Number(m[1]) > 100) errs.push(`${at} "${v}" must not be greater than 100% (the API server refuses it)`);
}

function labelSelector(sel, at, errs) {
  if (!isMap(sel)) return;
  unknownFields(sel, 'LabelSelector', at, errs);
  if (isMap(sel.matchLabels)) {
    for (const [k, v] of Object.entries(sel.matchLabels)) {
      if (!qualifiedName(k)) errs.push(`${at}/matchLabels/${ptr(k)} is not a valid label key (the API server refuses it)`);
      if (typeof v === 'string' && !labelValue(v)) errs.push(`${at}/matchLabels/${ptr(k)} "${v}" is not a valid label value (the API server refuses it)`);
    }
  }
  if (Array.isArray(sel.matchExpressions)) {
    sel.matchExpressions.forEach((r, i) => {
      const here = `${at}/matchExpressions/${i}`;
      if (!isMap(r)) return;
      unknownFields(r, 'LabelSelectorRequirement', here, errs);
      const values = Array.isArray(r.values) ? r.values : [];
      if (!qualifiedName(r.key)) errs.push(`${here}/key is not a valid label key (the API server refuses it)`);
      if (r.operator === 'In' || r.operator === 'NotIn') {
        if (!values.length) errs.push(`${here}/values must be non-empty when operator is ${r.operator} (the API server refuses it)`);
      } else if (r.operator === 'Exists' || r.operator === 'DoesNotExist') {
        if (values.length) errs.push(`${here}/values must be empty when operator is ${r.operator} (the API server refuses it)`);
      } else {
        errs.push(`${here}/operator must be one of "In", "NotIn", "Exists", "DoesNotExist" (the API server refuses it)`);
      }
      values.forEach((v, j) => {
        if (typeof v === 'string' && !labelValue(v)) errs.push(`${here}/values/${j} "${v}" is not a valid label value (the API server refuses it)`);
      });
    });
  }
}

// obj -> [error message, ...], each starting with the instancePath, as validate.mjs reports them.
export function apiServerChecks(obj) {
  const errs = [];
  if (!isMap(obj)) return errs;
  unknownFields(obj, 'PodDisruptionBudget', '', errs);
  const name = isMap(obj.metadata) ? obj.metadata.name : undefined;
  if (typeof name === 'string' && (name.length > 253 || !DNS1123_SUBDOMAIN.test(name))) {
    errs.push(`/metadata/name "${name}" is not a DNS-1123 subdomain (the API server refuses it)`);
  }
  const spec = obj.spec;
  if (!isMap(spec)) return errs;
  unknownFields(spec, 'PodDisruptionBudgetSpec', '/spec', errs);
  if (spec.minAvailable != null && spec.maxUnavailable != null) {
    errs.push('/spec minAvailable and maxUnavailable cannot be both set (the API server refuses it)');
  }
  intOrPercent(spec.minAvailable, '/spec/minAvailable', errs);
  intOrPercent(spec.maxUnavailable, '/spec/maxUnavailable', errs);
  labelSelector(spec.selector, '/spec/selector', errs);
  return errs;
}
