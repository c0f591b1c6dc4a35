// The openAPIV3Schema of the AWS Load Balancer Controller's TargetGroupConfiguration
// (gateway.k8s.aws, versions v1 and v1beta1: the two schemas are the same), written out here for
// validate.mjs in the CRD's own terms: type, format, enum, required, default, properties,
// items, additionalProperties (for maps). Descriptions and x-kubernetes-* markers are left out.
//
// Written from the controller's Go types (apis/gateway/v1/targetgroupconfig_types.go,
// kubernetes-sigs/aws-load-balancer-controller, Apache-2.0) as of v3.5.0 and main 225f4456
// (2026-08-17), whose generated CRD is config/crd/gateway/gateway.k8s.aws_targetgroupconfigurations.yaml.
// It is not a copy of that file: the project keeps no third-party data in the repository. When the
// CRD file is at hand (ZD_CRD_DIR, or ../shared/crds beside the repository), validate.mjs compares
// this schema with each of its versions and fails on any difference, so a new upstream field or
// enum value shows up as a failing check instead of as a false "unknown field".
//
// What the API server adds on top of this (validate.mjs does it too): a structural schema prunes
// every field it does not list, so an object with properties has additionalProperties false.

const int32 = { type: 'integer', format: 'int32' };
const string = { type: 'string' };
const stringMap = { type: 'object', additionalProperties: { type: 'string' } };

const healthCheckConfig = {
  type: 'object',
  properties: {
    healthCheckInterval: int32,
    healthCheckPath: string,
    healthCheckPort: string, // a number or traffic-port, as a string
    healthCheckProtocol: { type: 'string', enum: ['HTTP', 'HTTPS', 'TCP'] },
    healthCheckTimeout: int32,
    healthyThresholdCount: int32,
    matcher: { type: 'object', properties: { grpcCode: string, httpCode: string } },
    unhealthyThresholdCount: int32,
  },
};

// metav1.LabelSelector.
const labelSelector = {
  type: 'object',
  properties: {
    matchExpressions: {
      type: 'array',
      items: {
        type: 'object',
        properties: { key: string, operator: string, values: { type: 'array', items: string } },
        required: ['key', 'operator'],
      },
    },
    matchLabels: stringMap,
  },
};

// TargetGroupProps: spec.defaultConfiguration and spec.routeConfigurations[].targetGroupProps.
const targetGroupProps = {
  type: 'object',
  properties: {
    enableMultiCluster: { type: 'boolean' },
    healthCheckConfig,
    ipAddressType: { type: 'string', enum: ['ipv4', 'ipv6'] },
    nodeSelector: labelSelector,
    protocol: { type: 'string', enum: ['HTTP', 'HTTPS', 'TCP', 'TLS', 'UDP', 'TCP_UDP'] },
    protocolVersion: { type: 'string', enum: ['HTTP1', 'HTTP2', 'GRPC'] },
    tags: stringMap,
    targetControlPort: int32,
    targetGroupAttributes: {
      type: 'array',
      items: { type: 'object', properties: { key: string, value: string }, required: ['key', 'value'] },
    },
    targetGroupName: string,
    targetType: { type: 'string', enum: ['instance', 'ip'] },
  },
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
        defaultConfiguration: targetGroupProps,
        routeConfigurations: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              routeIdentifier: { type: 'object', properties: { kind: string, name: string, namespace: string } },
              targetGroupProps,
            },
            required: ['routeIdentifier', 'targetGroupProps'],
          },
        },
        targetReference: {
          type: 'object',
          properties: {
            group: { type: 'string', default: '' },
            kind: { type: 'string', default: 'Service' },
            name: string,
          },
          required: ['name'],
        },
      },
    },
    status: {
      type: 'object',
      properties: {
        observedGatewayClassConfigurationGeneration: { type: 'integer', format: 'int64' },
        observedGatewayConfigurationGeneration: { type: 'integer', format: 'int64' },
      },
    },
  },
};

export const group = 'gateway.k8s.aws';
export const kind = 'TargetGroupConfiguration';
export const versions = ['v1', 'v1beta1'];
// The CRD file's name, looked for in the CRD folder for the comparison.
export const crdFile = 'gateway.k8s.aws_targetgroupconfigurations.yaml';
