// Pieces shared by the networking.gke.io policies (gke-healthcheckpolicy.mjs,
// gcpbackendpolicy.mjs): the policy target reference and Gateway API's metav1.Condition, in the
// CRD's own terms (GoogleCloudPlatform/gke-gateway-api, Apache-2.0, as of main fc40d606).

export const string = { type: 'string' };
export const int64 = (minimum, maximum) => ({ type: 'integer', format: 'int64', minimum, maximum });

const dnsSubdomain = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';

// Gateway API v1alpha2.NamespacedPolicyTargetReference: spec.targetRef of both policies.
export const targetRef = {
  type: 'object',
  properties: {
    group: { type: 'string', maxLength: 253, pattern: `^$|${dnsSubdomain}` },
    kind: { type: 'string', minLength: 1, maxLength: 63, pattern: '^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$' },
    name: { type: 'string', minLength: 1, maxLength: 253 },
    namespace: { type: 'string', minLength: 1, maxLength: 63, pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' },
  },
  required: ['group', 'kind', 'name'],
};

// metav1.Condition.
export const condition = {
  type: 'object',
  properties: {
    lastTransitionTime: { type: 'string', format: 'date-time' },
    message: { type: 'string', maxLength: 32768 },
    observedGeneration: { type: 'integer', format: 'int64', minimum: 0 },
    reason: { type: 'string', minLength: 1, maxLength: 1024, pattern: '^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$' },
    status: { type: 'string', enum: ['True', 'False', 'Unknown'] },
    type: {
      type: 'string',
      maxLength: 316,
      pattern: '^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$',
    },
  },
  required: ['lastTransitionTime', 'message', 'reason', 'status', 'type'],
};
export const conditions = { type: 'array', maxItems: 8, items: condition };

export const dnsSubdomainPattern = dnsSubdomain;
