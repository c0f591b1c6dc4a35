// The openAPIV3Schema of GKE Gateway's HealthCheckPolicy (networking.gke.io/v1), written out here
// for validate.mjs in the CRD's own terms, as targetgroupconfiguration.mjs is. Written from the
// Go types (apis/networking/v1/healthcheck_types.go, GoogleCloudPlatform/gke-gateway-api,
// Apache-2.0, main fc40d606 of 2026-04-29), whose generated CRD is
// config/crd/networking.gke.io_healthcheckpolicies.yaml; not a copy of that file. When it is at
// hand (ZD_CRD_DIR, or ../shared/crds) validate.mjs compares the two and fails on any difference.
//
// The CRD's CEL rules (x-kubernetes-validations) are kept here word for word, so the comparison
// sees a changed rule; ajv cannot run CEL, so validate.mjs evaluates each of them with a
// hand-written JavaScript equivalent (CEL_RULES there, keyed by the rule's text), and fails on a
// rule it has none for. They matter to what the function writes:
// - spec.default: timeoutSec <= checkIntervalSec, and the defaults (5) count when one is absent;
// - spec.default.config: exactly two properties (type and the one block it names); the rules read
//   self.type, which CEL cannot do when type is absent ("no such key"), so type is required;
// - each protocol block: port only with portSpecification USE_FIXED_PORT, portName only with
//   USE_NAMED_PORT; the first two rules read self.portSpecification, so a block without it is
//   rejected by the API server too ("no such key"), not just one with a port.

import { conditions, int64, string, targetRef } from './gke-common.mjs';

const portSpecification = { type: 'string', enum: ['USE_FIXED_PORT', 'USE_NAMED_PORT', 'USE_SERVING_PORT'] };
const port = int64(1, 65535);
const portName = { type: 'string', maxLength: 63, pattern: '[a-z]([-a-z0-9]*[a-z0-9])?' };
const ascii1024 = { type: 'string', maxLength: 1024, pattern: '[\\x00-\\xFF]+' };
const proxyHeader = { type: 'string', enum: ['NONE', 'PROXY_V1'] };

// CommonHealthCheck's rules, on every protocol block.
const portRules = [
  {
    rule: "self.portSpecification == 'USE_FIXED_PORT' ? has(self.port) && !has(self.portName) : true",
    message: 'for portSpecification being USE_FIXED_PORT, port must be set and portName must be unset',
  },
  {
    rule: "self.portSpecification == 'USE_NAMED_PORT' ? !has(self.port) && has(self.portName) : true",
    message: 'for portSpecification being USE_NAMED_PORT, port must be unset and portName must be set',
  },
  {
    rule: "self.portSpecification == 'USE_SERVING_PORT' || !has(self.portSpecification) ? !has(self.port) && !has(self.portName) : true",
    message: 'port and portName must be unset for portSpecification being USE_SERVING_PORT (which is the default)',
  },
];

// CommonHealthCheck + CommonHTTPHealthCheck: HTTP, HTTPS and HTTP2.
const httpBlock = {
  type: 'object',
  properties: {
    host: {
      type: 'string',
      maxLength: 2048,
      pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$',
    },
    port,
    portName,
    portSpecification,
    proxyHeader,
    requestPath: { type: 'string', maxLength: 2048, pattern: "\\/[A-Za-z0-9\\/\\-._~%!?$&'()*+,;=:]*$" },
    response: ascii1024,
  },
  'x-kubernetes-validations': portRules,
};

const blockRule = (type, block) => ({
  rule: `self.type == '${type}' ? has(self.${block}) : true`,
  message: `${block} must be specified for type ${type}`,
});

const config = {
  type: 'object',
  minProperties: 2,
  maxProperties: 2,
  properties: {
    grpcHealthCheck: {
      type: 'object',
      properties: {
        grpcServiceName: ascii1024,
        port,
        portName,
        portSpecification,
      },
      'x-kubernetes-validations': portRules,
    },
    http2HealthCheck: httpBlock,
    httpHealthCheck: httpBlock,
    httpsHealthCheck: httpBlock,
    tcpHealthCheck: {
      type: 'object',
      properties: { port, portName, portSpecification, proxyHeader, request: ascii1024, response: ascii1024 },
      'x-kubernetes-validations': portRules,
    },
    type: { type: 'string', enum: ['TCP', 'HTTP', 'HTTPS', 'HTTP2', 'GRPC'] },
  },
  'x-kubernetes-validations': [
    blockRule('TCP', 'tcpHealthCheck'),
    blockRule('HTTP', 'httpHealthCheck'),
    blockRule('HTTPS', 'httpsHealthCheck'),
    blockRule('HTTP2', 'http2HealthCheck'),
    blockRule('GRPC', 'grpcHealthCheck'),
  ],
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
            checkIntervalSec: int64(1, 300),
            config,
            healthyThreshold: int64(1, 10),
            logConfig: { type: 'object', properties: { enabled: { type: 'boolean' } } },
            timeoutSec: int64(1, 300),
            unhealthyThreshold: int64(1, 10),
          },
          'x-kubernetes-validations': [
            {
              rule: 'has(self.checkIntervalSec) && has(self.timeoutSec) ? self.checkIntervalSec >= self.timeoutSec : true',
              message: 'timeOutSec cannot exceed checkIntervalSec',
            },
            {
              rule: '!has(self.checkIntervalSec) && has(self.timeoutSec) ? 5 >= self.timeoutSec : true',
              message: 'when checkIntervalSec is unspecified, timeOutSec cannot exceed 5, which is the default value of checkIntervalSec',
            },
            {
              rule: 'has(self.checkIntervalSec) && !has(self.timeoutSec) ? self.checkIntervalSec >= 5 : true',
              message: 'when timeoutSec is unspecified, checkIntervalSec must be at least 5, which is the default value of timeoutSec',
            },
          ],
        },
        targetRef,
      },
      required: ['targetRef'],
    },
    status: { type: 'object', properties: { conditions } },
  },
  required: ['spec'],
};

export const group = 'networking.gke.io';
export const kind = 'HealthCheckPolicy';
export const versions = ['v1'];
export const crdFile = 'networking.gke.io_healthcheckpolicies.yaml';
