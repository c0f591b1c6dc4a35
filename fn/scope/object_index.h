// Indexes of the input objects by what the graph asks: Services by
// namespace/name (and by the names kustomize renamed them from), workloads by
// namespace and pod-template label, Namespaces and IngressClasses by name.
// Built once, so matching stays linear.
//
// Local-config objects (config.kubernetes.io/local-config: "true", Kptfiles)
// are never applied to the cluster, so they are evidence of nothing: they are
// left out of every lookup, and remembered only to say why a name that points
// at one finds nothing.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "krm/envelope.h"
#include "scope/gateway_index.h"
#include "scope/text_arena.h"
#include "yaml/tree.h"

namespace zd::scope {

enum class ObjectKind : uint8_t {
  Other,
  Ingress,
  Service,
  Deployment,
  StatefulSet,
  DaemonSet,
  Namespace,
  IngressClass,
  IngressClassParams,
  Rollout,  // Argo Rollouts (argoproj.io): a workload whose strategy is its own
  // Gateway API (gateway.networking.k8s.io): HTTPRoute, GRPCRoute, TCPRoute, TLSRoute, UDPRoute
  Route,
  Gateway,
  GatewayClass,
  ReferenceGrant,
  TargetGroupConfiguration,   // gateway.k8s.aws: a Service's target-group settings
  LoadBalancerConfiguration,  // gateway.k8s.aws: a Gateway's, naming its default target group
  // alb.networking.azure.io (Application Gateway for Containers): a Service's probe, a route's
  // timeouts, an Ingress's backend settings
  HealthCheckPolicy,
  RoutePolicy,
  IngressExtension,
  // GKE: a Service's BackendConfig (cloud.google.com), a GKE Gateway's HealthCheckPolicy and
  // GCPBackendPolicy for a Service (networking.gke.io)
  BackendConfig,
  GkeHealthCheckPolicy,
  GcpBackendPolicy,
  // What node drains read (disruption/): policy's PodDisruptionBudget, autoscaling's
  // HorizontalPodAutoscaler
  PodDisruptionBudget,
  HorizontalPodAutoscaler
};

// One per input object, and an input may have hundreds of thousands: 40 bytes and the name's text.
struct ObjectInfo {
  ObjectKind kind = ObjectKind::Other;
  bool localConfig = false;  // Kptfile or config.kubernetes.io/local-config: "true"
  bool skip = false;         // zero-downtime.dev/skip: "true", or localConfig
  bool created = false;      // made by the function (adapters/new_object.h), not in the input
  yaml::NodeId node = yaml::kNone;
  // Views into ObjectIndex::text, not the tree's text: the rewrite grows that, which moves it.
  std::string_view ns;  // metadata.namespace ("" when absent)
  std::string_view name;
};

// An Argo Rollouts canary's ALB traffic routing (spec.strategy.canary.trafficRouting.alb): the
// Rollouts controller writes the `actions.<root>` annotation of the Ingress only during an
// update, forwarding to the stable and canary Services on servicePort. In Git the backend names
// `port: {name: use-annotation}` with no action: the route below is what it leads to.
struct RolloutRoute {
  std::string root;  // rootService, or stableService when rootService is absent
  std::string stable;
  std::string canary;
  std::string servicePort;
  size_t rollout;  // its object index
  // Where the Rollout names them: its stable and canary Services, or ping and pong.
  std::string stablePath = "spec.strategy.canary.stableService";
  std::string canaryPath = "spec.strategy.canary.canaryService";
};

// Something the index found in an object that the run must report: a reference it cannot follow
// (`unresolved`: an error in check mode), or a field of the wrong type (`error`).
struct IndexProblem {
  size_t object;
  std::string fieldPath;
  std::string message;
  bool error = false;
  bool unresolved = false;
};

struct ObjectIndex {
  TextArena text;                          // what ObjectInfo::ns and name view
  std::vector<ObjectInfo> objects;         // parallel to Envelope::objects
  std::map<std::string, size_t> services;  // "ns/name"
  // "ns/original-name" -> Services kustomize renamed (namePrefix, nameSuffix): the first of
  // internal.config.kubernetes.io/previousNames, in the current namespace. kustomize fixes name
  // references only after the transformers ran, by these original names.
  std::map<std::string, std::vector<size_t>> servicesByOriginalName;
  std::map<std::string, std::vector<std::string>>
      serviceNamespaces;                                  // name -> namespaces, for messages
  std::map<std::string, size_t> localConfigServices;      // "ns/name"
  std::map<std::string, size_t, std::less<>> namespaces;  // name
  std::set<std::string, std::less<>> localConfigNamespaces;
  std::map<std::string, std::string> ingressClassControllers;  // class name -> spec.controller
  // The AWS Load Balancer Controller's IngressClassParams (elbv2.k8s.aws) by name, and the one each
  // IngressClass names in spec.parameters: its fields win over the Ingress's annotations.
  std::map<std::string, size_t> ingressClassParams;
  std::map<std::string, std::string> ingressClassParamsOf;  // class name -> params name
  // Controllers of the IngressClasses marked ingressclass.kubernetes.io/is-default-class: "true".
  std::vector<std::string> defaultClassControllers;
  // "ns\0key=value" -> workloads whose pod template carries that label (object indexes: 4 bytes
  // each, as yaml::NodeId, for the 200,000 workloads one label may select)
  std::unordered_map<std::string, std::vector<uint32_t>> workloadsByLabel;
  std::set<std::string> workloadNamespaces;  // every namespace a workload is in, for messages
  // A Rollout with spec.workloadRef takes its pod template from a Deployment of its namespace:
  // rollout -> that Deployment, and the Deployment -> the rollout. The pair is one workload, the
  // Rollout: the Deployment's replicas and strategy are the Rollouts controller's, only its
  // template is the Rollout's pods.
  std::unordered_map<size_t, size_t> templateFrom;
  std::unordered_map<size_t, size_t> templateOf;
  // "ns/ingress" -> the ALB routes of the canary Rollouts that name it.
  std::map<std::string, std::vector<RolloutRoute>> rolloutRoutes;
  GatewayIndex gateway;
  std::vector<IndexProblem> problems;
};

// The object whose spec.template is the workload's pods: itself, or a Rollout's workloadRef
// Deployment; as an object index, and as its node.
size_t podsObject(const ObjectIndex& index, size_t workload);
yaml::NodeId podTemplateHolder(const ObjectIndex& index, size_t workload);

ObjectIndex buildIndex(const yaml::Tree& tree, const krm::Envelope& env);

// The IngressClassParams of the input that an Ingress's class names, if any.
std::optional<size_t> classParamsOf(const yaml::Tree& tree, yaml::NodeId ingress,
                                    const ObjectIndex& index);

bool isWorkload(ObjectKind k);

// The name a kustomize transformer's input still knows the object by (the first of
// internal.config.kubernetes.io/previousNames, if its kind was `kind`), or "" when none.
std::string_view originalName(const yaml::Tree& tree, yaml::NodeId object, std::string_view kind);
std::string labelKey(std::string_view ns, std::string_view key, std::string_view value);
// "ns/name": how the index's maps key a namespaced object (and the config names one).
std::string nsKey(std::string_view ns, std::string_view name);

inline constexpr const char* kSkipAnnotation = "zero-downtime.dev/skip";
inline constexpr const char* kShutdownAnnotation = "zero-downtime.dev/shutdown-seconds";
// "true": the app closes its keep-alive connections after SIGTERM (NL7 then has nothing to say).
inline constexpr const char* kClosesConnectionsAnnotation = "zero-downtime.dev/closes-connections";
inline constexpr const char* kDefaultClassAnnotation =
    "ingressclass.kubernetes.io/is-default-class";

}  // namespace zd::scope
