// Application Gateway for Containers' policies (alb.networking.azure.io/v1) the function writes or
// creates: HealthCheckPolicy, RoutePolicy and IngressExtension. Microsoft publishes no CRD file
// outside its Helm chart, so these are written from the documented fields of its API reference
// (learn.microsoft.com/azure/application-gateway/for-containers/api-specification-kubernetes:
// HealthCheckPolicySpec and HealthCheckPolicyConfig, RoutePolicySpec and RouteTimeouts,
// IngressExtensionSpec and IngressBackendSettings) and the examples of its how-to guides
// (custom-health-probe, session-affinity). Durations are metav1.Duration strings ("5s").
// Fields the reference lists but the function never reads are typed loosely (objects), so a
// valid manifest is never refused here; every field the function writes is typed exactly.

const string = { type: 'string' };
const int32 = { type: 'integer', format: 'int32' };
const duration = { type: 'string', pattern: '^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$' };
const anyObject = { type: 'object', additionalProperties: true };

const healthCheckConfig = {
  type: 'object',
  properties: {
    interval: duration,
    timeout: duration,
    healthyThreshold: { ...int32, minimum: 1 },
    unhealthyThreshold: { ...int32, minimum: 1 },
    port: { ...int32, minimum: 1, maximum: 65535 },
    protocol: { type: 'string', enum: ['HTTP', 'HTTPS', 'TCP', 'GRPC'] },
    useTLS: { type: 'boolean' },
    http: {
      type: 'object',
      properties: {
        host: string,
        path: string,
        match: {
          type: 'object',
          properties: {
            statusCodes: {
              type: 'array',
              items: { type: 'object', properties: { start: int32, end: int32 } },
            },
            body: string,
          },
        },
      },
    },
    grpc: { type: 'object', properties: { authority: string, service: string } },
  },
};

// A Gateway API policy attachment's target (PolicyTargetReference with a namespace).
const targetRef = {
  type: 'object',
  properties: { group: string, kind: string, name: string, namespace: string, sectionName: string },
  required: ['group', 'kind', 'name'],
};

const status = anyObject;

export const schemas = [
  {
    kind: 'HealthCheckPolicy',
    openAPIV3Schema: {
      type: 'object',
      properties: {
        apiVersion: string,
        kind: string,
        metadata: { type: 'object' },
        spec: {
          type: 'object',
          properties: { targetRef, default: healthCheckConfig, override: healthCheckConfig },
          required: ['targetRef'],
        },
        status,
      },
    },
  },
  {
    kind: 'RoutePolicy',
    openAPIV3Schema: {
      type: 'object',
      properties: {
        apiVersion: string,
        kind: string,
        metadata: { type: 'object' },
        spec: {
          type: 'object',
          properties: {
            targetRef,
            default: {
              type: 'object',
              properties: { timeouts: { type: 'object', properties: { routeTimeout: duration } }, sessionAffinity: anyObject },
            },
            override: anyObject,
          },
          required: ['targetRef'],
        },
        status,
      },
    },
  },
  {
    kind: 'IngressExtension',
    openAPIV3Schema: {
      type: 'object',
      properties: {
        apiVersion: string,
        kind: string,
        metadata: { type: 'object' },
        spec: {
          type: 'object',
          properties: {
            backendSettings: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  service: string,
                  ports: { type: 'array', items: anyObject },
                  trustedRootCertificate: string,
                  sessionAffinity: anyObject,
                  timeouts: { type: 'object', properties: { requestTimeout: duration } },
                  healthCheck: healthCheckConfig,
                  pathPrefixOverride: string,
                },
                required: ['service'],
              },
            },
            rules: { type: 'array', items: anyObject },
          },
        },
        status,
      },
    },
  },
];

export const group = 'alb.networking.azure.io';
export const versions = ['v1'];
