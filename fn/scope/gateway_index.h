// What the index keeps of Gateway API objects (gateway.networking.k8s.io) and of the policies
// that target a Service (the AWS Load Balancer Controller's TargetGroupConfiguration): enough to
// tell whose a route is and where a Service's load-balancer settings live.
// Gateway API's fields: apis/v1 (Gateway, GatewayClass, HTTPRoute, GRPCRoute), apis/v1beta1
// (ReferenceGrant) and apis/v1alpha2 (TCPRoute, TLSRoute, UDPRoute) of kubernetes-sigs/gateway-api.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace zd::scope {

// Policies of one kind attached to Services by their targetRef (Gateway API policy attachment).
struct ServicePolicies {
  std::map<std::string, std::vector<size_t>> byTarget;  // "ns/Kind/name" of the target
  std::map<std::string, size_t> byName;                 // "ns/name" of the policy
  std::map<size_t, size_t> of;                          // a Service -> its policy
};

struct GatewayIndex {
  std::map<std::string, std::string> classControllers;  // GatewayClass -> spec.controllerName
  std::map<std::string, size_t> classes;                // GatewayClass name -> the object
  std::map<std::string, size_t> gateways;               // "ns/name" -> the Gateway
  // "ns/original name" -> a Gateway kustomize renamed (namePrefix): a transformer sees a route's
  // parentRefs before kustomize fixes them.
  std::map<std::string, size_t> renamedGateways;
  // Namespace -> its ReferenceGrants: a grant lives in the namespace it opens.
  std::map<std::string, std::vector<size_t>> referenceGrants;
  // "ns/Kind/name" -> the TargetGroupConfigurations whose spec.targetReference names that
  // object (kind Service when omitted), in the policy's own namespace.
  std::map<std::string, std::vector<size_t>> targetGroupConfigs;
  std::map<std::string, size_t> targetGroupConfigsByName;  // "ns/name"
  std::map<std::string, size_t> loadBalancerConfigs;       // "ns/name" (gateway.k8s.aws)
  // A Service (object index) -> the TargetGroupConfiguration the controller reads for it: the
  // first that targets it by its name or, under a kustomize transformer, its original name
  // (the controller takes the first it lists when several do). The function's own new ones
  // are added as it creates them.
  std::map<size_t, size_t> targetGroupConfigOf;
  // Application Gateway for Containers: HealthCheckPolicies and RoutePolicies by "ns/Kind/name"
  // of their targetRef, each Service's HealthCheckPolicy (as targetGroupConfigOf), and the
  // IngressExtensions by "ns/name".
  std::map<std::string, std::vector<size_t>> healthCheckPolicies, routePolicies;
  std::map<std::string, size_t> healthCheckPoliciesByName;
  std::map<size_t, size_t> healthCheckPolicyOf;
  std::map<std::string, size_t> ingressExtensions;
  // GKE: BackendConfigs by "ns/name" (and by the name kustomize renamed them from), and GKE
  // Gateway's HealthCheckPolicies and GCPBackendPolicies as the AGC policies above.
  std::map<std::string, size_t> backendConfigs;
  // A Service without the annotation -> the BackendConfig the function made for it, or took up.
  std::map<size_t, size_t> backendConfigCreatedFor;
  // A front door -> the Service ports it names, by the Service's "ns/name", each once, in order:
  // filled when first asked, since every edge of a large Ingress asks (the rewrite never changes
  // a front door's backends, so the cache cannot go stale within a run).
  mutable std::map<size_t, std::map<std::string, std::vector<std::string>>> frontDoorPorts;
  // A BackendConfig -> the Services whose annotation names it (for any port), built when first
  // asked; std::nullopt until then.
  mutable std::optional<std::map<size_t, std::vector<size_t>>> backendConfigUsers;
  ServicePolicies gkeHealthChecks, gcpBackendPolicies;
};

}  // namespace zd::scope
