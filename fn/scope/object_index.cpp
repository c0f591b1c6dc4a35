#include "scope/object_index.h"

#include <unordered_set>

#include "scope/rollout_index.h"

namespace zd::scope {

using yaml::NodeId;

static_assert(sizeof(ObjectInfo) <= 40, "one per input object: keep it small");

namespace {

ObjectKind gatewayKind(std::string_view kind) {
  if (kind == "HTTPRoute" || kind == "GRPCRoute" || kind == "TCPRoute" || kind == "TLSRoute" ||
      kind == "UDPRoute")
    return ObjectKind::Route;
  if (kind == "Gateway") return ObjectKind::Gateway;
  if (kind == "GatewayClass") return ObjectKind::GatewayClass;
  if (kind == "ReferenceGrant") return ObjectKind::ReferenceGrant;
  return ObjectKind::Other;
}

ObjectKind classify(std::string_view apiVersion, std::string_view kind) {
  bool apps = apiVersion == "apps/v1" || apiVersion == "apps/v1beta2" ||
              apiVersion == "apps/v1beta1" || apiVersion == "extensions/v1beta1";
  if (kind == "Deployment" && apps) return ObjectKind::Deployment;
  if (kind == "StatefulSet" && apps) return ObjectKind::StatefulSet;
  if (kind == "DaemonSet" && apps) return ObjectKind::DaemonSet;
  if (kind == "Rollout" && apiVersion.rfind("argoproj.io/", 0) == 0) return ObjectKind::Rollout;
  if (kind == "Service" && apiVersion == "v1") return ObjectKind::Service;
  if (kind == "Namespace" && apiVersion == "v1") return ObjectKind::Namespace;
  if (kind == "PodDisruptionBudget" && apiVersion.rfind("policy/", 0) == 0)
    return ObjectKind::PodDisruptionBudget;
  if (kind == "HorizontalPodAutoscaler" && apiVersion.rfind("autoscaling/", 0) == 0)
    return ObjectKind::HorizontalPodAutoscaler;
  if (kind == "Ingress" &&
      (apiVersion == "networking.k8s.io/v1" || apiVersion == "networking.k8s.io/v1beta1" ||
       apiVersion == "extensions/v1beta1")) {
    return ObjectKind::Ingress;
  }
  if (kind == "IngressClass" &&
      (apiVersion == "networking.k8s.io/v1" || apiVersion == "networking.k8s.io/v1beta1")) {
    return ObjectKind::IngressClass;
  }
  if (kind == "IngressClassParams" && apiVersion.rfind("elbv2.k8s.aws/", 0) == 0) {
    return ObjectKind::IngressClassParams;
  }
  if (apiVersion.rfind("gateway.networking.k8s.io/", 0) == 0) return gatewayKind(kind);
  if (apiVersion.rfind("alb.networking.azure.io/", 0) == 0) {
    if (kind == "HealthCheckPolicy") return ObjectKind::HealthCheckPolicy;
    if (kind == "RoutePolicy") return ObjectKind::RoutePolicy;
    if (kind == "IngressExtension") return ObjectKind::IngressExtension;
  }
  if (kind == "BackendConfig" && apiVersion.rfind("cloud.google.com/", 0) == 0)
    return ObjectKind::BackendConfig;
  if (apiVersion.rfind("networking.gke.io/", 0) == 0) {
    if (kind == "HealthCheckPolicy") return ObjectKind::GkeHealthCheckPolicy;
    if (kind == "GCPBackendPolicy") return ObjectKind::GcpBackendPolicy;
  }
  if (apiVersion.rfind("gateway.k8s.aws/", 0) == 0) {
    if (kind == "TargetGroupConfiguration") return ObjectKind::TargetGroupConfiguration;
    if (kind == "LoadBalancerConfiguration") return ObjectKind::LoadBalancerConfiguration;
  }
  return ObjectKind::Other;
}

std::vector<std::string_view> csv(std::string_view text) {
  std::vector<std::string_view> out;
  if (text.empty()) return out;
  size_t start = 0;
  while (true) {
    size_t comma = text.find(',', start);
    out.push_back(text.substr(start, comma == std::string_view::npos ? comma : comma - start));
    if (comma == std::string_view::npos) return out;
    start = comma + 1;
  }
}

void indexOriginalName(const yaml::Tree& t, NodeId obj, const ObjectInfo& info, size_t i,
                       ObjectIndex& idx) {
  std::string_view name = originalName(t, obj, "Service");
  if (name.empty() || name == info.name) return;
  idx.servicesByOriginalName[std::string(info.ns) + "/" + std::string(name)].push_back(i);
}

void indexService(const yaml::Tree& t, NodeId obj, const ObjectInfo& info, size_t i,
                  ObjectIndex& idx) {
  std::string key = std::string(info.ns) + "/" + std::string(info.name);
  if (info.localConfig) {
    idx.localConfigServices.emplace(key, i);
    return;
  }
  idx.services.emplace(key, i);
  idx.serviceNamespaces[std::string(info.name)].emplace_back(info.ns);
  indexOriginalName(t, obj, info, i, idx);
}

void indexIngressClass(const yaml::Tree& t, NodeId obj, const ObjectInfo& info, ObjectIndex& idx) {
  if (info.localConfig) return;
  std::string controller(t.str(t.at(obj, {"spec", "controller"})));
  idx.ingressClassControllers.emplace(info.name, controller);
  NodeId params = t.at(obj, {"spec", "parameters"});
  if (t.str(t.get(params, "apiGroup")) == "elbv2.k8s.aws" &&
      t.str(t.get(params, "kind")) == "IngressClassParams") {
    idx.ingressClassParamsOf.emplace(info.name, std::string(t.str(t.get(params, "name"))));
  }
  if (t.str(t.at(obj, {"metadata", "annotations", kDefaultClassAnnotation})) == "true") {
    idx.defaultClassControllers.push_back(controller);
  }
}

// A policy's targetRef (Gateway API policy attachment), "ns/Kind/name": in the policy's namespace
// unless it names one.
std::string targetKey(const yaml::Tree& t, NodeId obj, const ObjectInfo& info) {
  NodeId ref = t.at(obj, {"spec", "targetRef"});
  std::string_view ns = t.str(t.get(ref, "namespace"));
  return std::string(ns.empty() ? info.ns : ns) + "/" + std::string(t.str(t.get(ref, "kind"))) +
         "/" + std::string(t.str(t.get(ref, "name")));
}

void indexGatewayObject(const yaml::Tree& t, NodeId obj, const ObjectInfo& info, size_t i,
                        GatewayIndex& g) {
  switch (info.kind) {
    case ObjectKind::GatewayClass: {
      // Also by the name a kustomize transformer's Gateways still use before a namePrefix.
      const std::string controller(t.str(t.at(obj, {"spec", "controllerName"})));
      for (std::string_view name : {info.name, originalName(t, obj, "GatewayClass")}) {
        if (name.empty()) continue;
        g.classControllers.emplace(name, controller);
        g.classes.emplace(name, i);
      }
      break;
    }
    case ObjectKind::Gateway: {
      g.gateways.emplace(nsKey(info.ns, info.name), i);
      std::string_view original = originalName(t, obj, "Gateway");
      if (!original.empty() && original != info.name)
        g.renamedGateways.emplace(nsKey(info.ns, original), i);
      break;
    }
    case ObjectKind::ReferenceGrant:
      g.referenceGrants[std::string(info.ns)].push_back(i);
      break;
    case ObjectKind::LoadBalancerConfiguration:
      g.loadBalancerConfigs.emplace(nsKey(info.ns, info.name), i);
      break;
    case ObjectKind::IngressExtension:
      g.ingressExtensions.emplace(nsKey(info.ns, info.name), i);
      break;
    case ObjectKind::BackendConfig: {
      g.backendConfigs.emplace(nsKey(info.ns, info.name), i);
      std::string_view original = originalName(t, obj, "BackendConfig");
      if (!original.empty() && original != info.name)
        g.backendConfigs.emplace(nsKey(info.ns, original), i);
      break;
    }
    case ObjectKind::GkeHealthCheckPolicy:
    case ObjectKind::GcpBackendPolicy: {
      ServicePolicies& into =
          info.kind == ObjectKind::GcpBackendPolicy ? g.gcpBackendPolicies : g.gkeHealthChecks;
      into.byTarget[targetKey(t, obj, info)].push_back(i);
      into.byName.emplace(nsKey(info.ns, info.name), i);
      break;
    }
    case ObjectKind::HealthCheckPolicy:
    case ObjectKind::RoutePolicy: {
      std::string key = targetKey(t, obj, info);
      auto& into = info.kind == ObjectKind::RoutePolicy ? g.routePolicies : g.healthCheckPolicies;
      into[key].push_back(i);
      if (info.kind == ObjectKind::HealthCheckPolicy)
        g.healthCheckPoliciesByName.emplace(nsKey(info.ns, info.name), i);
      break;
    }
    default: {
      g.targetGroupConfigsByName.emplace(nsKey(info.ns, info.name), i);
      NodeId ref = t.at(obj, {"spec", "targetReference"});
      std::string_view kind = t.str(t.get(ref, "kind"));
      std::string key = std::string(info.ns) + "/" + std::string(kind.empty() ? "Service" : kind) +
                        "/" + std::string(t.str(t.get(ref, "name")));
      g.targetGroupConfigs[key].push_back(i);
    }
  }
}

// Each Service's TargetGroupConfiguration, by its current name, else the one it had before a
// kustomize rename (a transformer sees references before kustomize fixes them).
// Several policies of one kind for one Service: the controller takes whichever it lists first,
// which nothing fixes, so the function writes the first and says so.
void reportSeveral(ObjectIndex& idx, size_t svc, const std::vector<size_t>& policies) {
  const ObjectInfo& first = idx.objects[policies.front()];
  for (size_t i = 1; i < policies.size(); ++i) {
    IndexProblem p;
    p.object = policies[i];
    p.fieldPath = "spec";
    p.message = "targets Service \"" + std::string(idx.objects[svc].name) + "\" as \"" +
                std::string(first.name) +
                "\" does: the controller reads only one of them, whichever it lists first, so "
                "which settings apply is not known; the function writes \"" +
                std::string(first.name) + "\" only: merge them into one";
    idx.problems.push_back(std::move(p));
  }
}

void linkPolicies(const yaml::Tree& t, ObjectIndex& idx,
                  const std::map<std::string, std::vector<size_t>>& byTarget,
                  std::map<size_t, size_t>& of) {
  if (byTarget.empty()) return;
  for (const auto& [key, svc] : idx.services) {
    const ObjectInfo& s = idx.objects[svc];
    auto named = byTarget.find(std::string(s.ns) + "/Service/" + std::string(s.name));
    if (named == byTarget.end()) {
      std::string_view original = originalName(t, s.node, "Service");
      if (original.empty()) continue;
      named = byTarget.find(std::string(s.ns) + "/Service/" + std::string(original));
      if (named == byTarget.end()) continue;
    }
    of.emplace(svc, named->second.front());
    if (named->second.size() > 1) reportSeveral(idx, svc, named->second);
  }
}

void linkTargetGroupConfigs(const yaml::Tree& t, ObjectIndex& idx) {
  GatewayIndex& g = idx.gateway;
  linkPolicies(t, idx, g.targetGroupConfigs, g.targetGroupConfigOf);
  linkPolicies(t, idx, g.healthCheckPolicies, g.healthCheckPolicyOf);
  linkPolicies(t, idx, g.gkeHealthChecks.byTarget, g.gkeHealthChecks.of);
  linkPolicies(t, idx, g.gcpBackendPolicies.byTarget, g.gcpBackendPolicies.of);
}

// The fields of a route the walk reads must have the API's shapes: lists of maps. Any other
// shape is one the API server refuses, and one the walk would read as "no parent" or "no
// backend", leaving the workloads behind unchecked without a word.
void checkRouteShapes(const yaml::Tree& t, NodeId route, size_t i, ObjectIndex& idx) {
  auto listOfMaps = [&](NodeId list, const std::string& path) {
    if (list == yaml::kNone || t.kind(list) == yaml::Kind::Null) return true;
    bool ok = t.isSeq(list);
    for (uint32_t k = 0; ok && k < t.size(list); ++k) ok = t.isMap(t.kid(list, k));
    if (!ok)
      idx.problems.push_back({i, path,
                              "`" + path +
                                  "` must be a list of maps (the Gateway API's shape): "
                                  "what the route reaches cannot be checked",
                              true, false});
    return ok;
  };
  NodeId spec = t.get(route, "spec");
  if (spec != yaml::kNone && t.kind(spec) != yaml::Kind::Null && !t.isMap(spec)) {
    idx.problems.push_back({i, "spec",
                            "`spec` must be a map (the Gateway API's shape): what the route "
                            "reaches cannot be checked",
                            true, false});
    return;
  }
  listOfMaps(t.get(spec, "parentRefs"), "spec.parentRefs");
  NodeId rules = t.get(spec, "rules");
  if (!listOfMaps(rules, "spec.rules")) return;
  for (uint32_t r = 0; t.isSeq(rules) && r < t.size(rules); ++r) {
    listOfMaps(t.get(t.kid(rules, r), "backendRefs"),
               "spec.rules[" + std::to_string(r) + "].backendRefs");
  }
}

void indexWorkload(const yaml::Tree& t, NodeId holder, const ObjectInfo& info, size_t i,
                   ObjectIndex& idx) {
  idx.workloadNamespaces.emplace(info.ns);
  NodeId labels = t.at(holder, {"spec", "template", "metadata", "labels"});
  for (uint32_t k = 0; t.isMap(labels) && k < t.mapSize(labels); ++k) {
    idx.workloadsByLabel[labelKey(info.ns, t.str(t.keyAt(labels, k)), t.str(t.valueAt(labels, k)))]
        .push_back(static_cast<uint32_t>(i));
  }
}

}  // namespace

// kustomize runs `transformers:` before it fixes name references, so an object may still be
// named by the name it had in its base. kustomize keeps the names, oldest first, in parallel
// comma-separated lists (kustomize api/resource: PrevIds) and matches references by the oldest
// (OrgId).
std::string_view originalName(const yaml::Tree& t, NodeId obj, std::string_view kind) {
  NodeId ann = t.at(obj, {"metadata", "annotations"});
  auto names = csv(t.str(t.get(ann, "internal.config.kubernetes.io/previousNames")));
  auto kinds = csv(t.str(t.get(ann, "internal.config.kubernetes.io/previousKinds")));
  if (names.empty() || (!kinds.empty() && kinds[0] != kind)) return {};
  return names[0];
}

bool isWorkload(ObjectKind k) {
  return k == ObjectKind::Deployment || k == ObjectKind::StatefulSet ||
         k == ObjectKind::DaemonSet || k == ObjectKind::Rollout;
}

size_t podsObject(const ObjectIndex& idx, size_t w) {
  auto from = idx.templateFrom.find(w);
  return from == idx.templateFrom.end() ? w : from->second;
}

NodeId podTemplateHolder(const ObjectIndex& idx, size_t w) {
  return idx.objects[podsObject(idx, w)].node;
}

std::string nsKey(std::string_view ns, std::string_view name) {
  return std::string(ns) + "/" + std::string(name);
}

std::string labelKey(std::string_view ns, std::string_view key, std::string_view value) {
  std::string out(ns);
  out += '\0';
  out.append(key).append("=").append(value);
  return out;
}

ObjectIndex buildIndex(const yaml::Tree& t, const krm::Envelope& env) {
  ObjectIndex idx;
  idx.objects.reserve(env.objects.size());
  // Thousands of objects share a namespace: its text is kept once.
  std::unordered_set<std::string_view> namespaces;
  // Workloads are indexed once every Rollout's workloadRef is known: the Deployment a Rollout
  // takes its pods from is no workload of its own.
  std::vector<size_t> workloads;
  RolloutRefs refs;
  auto keepNamespace = [&](std::string_view ns) {
    auto known = namespaces.find(ns);
    return known != namespaces.end() ? *known : *namespaces.insert(idx.text.add(ns)).first;
  };
  for (size_t i = 0; i < env.objects.size(); ++i) {
    NodeId obj = env.objects[i];
    ObjectInfo info;
    info.node = obj;
    info.kind = classify(t.str(t.get(obj, "apiVersion")), t.str(t.get(obj, "kind")));
    NodeId md = t.get(obj, "metadata");
    info.ns = keepNamespace(t.str(t.get(md, "namespace")));
    info.name = idx.text.add(t.str(t.get(md, "name")));
    info.localConfig = krm::isLocalConfig(t, obj);
    info.skip = info.localConfig || t.str(t.at(md, {"annotations", kSkipAnnotation})) == "true";
    switch (info.kind) {
      case ObjectKind::Service:
        indexService(t, obj, info, i, idx);
        break;
      case ObjectKind::Namespace:
        if (info.localConfig) {
          idx.localConfigNamespaces.emplace(info.name);
        } else {
          idx.namespaces.emplace(info.name, i);
        }
        break;
      case ObjectKind::IngressClass:
        indexIngressClass(t, obj, info, idx);
        break;
      case ObjectKind::IngressClassParams:
        if (!info.localConfig) idx.ingressClassParams.emplace(info.name, i);
        break;
      case ObjectKind::Route:
        if (!info.localConfig) checkRouteShapes(t, obj, i, idx);
        break;
      case ObjectKind::Gateway:
      case ObjectKind::GatewayClass:
      case ObjectKind::ReferenceGrant:
      case ObjectKind::TargetGroupConfiguration:
      case ObjectKind::LoadBalancerConfiguration:
      case ObjectKind::HealthCheckPolicy:
      case ObjectKind::RoutePolicy:
      case ObjectKind::IngressExtension:
      case ObjectKind::BackendConfig:
      case ObjectKind::GkeHealthCheckPolicy:
      case ObjectKind::GcpBackendPolicy:
        if (!info.localConfig) indexGatewayObject(t, obj, info, i, idx.gateway);
        break;
      default:
        if (isWorkload(info.kind) && !info.localConfig) workloads.push_back(i);
        break;
    }
    idx.objects.push_back(info);
    if (!info.localConfig) refs.add(t, i, info);
  }
  refs.resolve(t, idx);
  linkTargetGroupConfigs(t, idx);
  for (size_t w : workloads) {
    if (!idx.templateOf.count(w))
      indexWorkload(t, podTemplateHolder(idx, w), idx.objects[w], w, idx);
  }
  return idx;
}

std::optional<size_t> classParamsOf(const yaml::Tree& t, NodeId ingress, const ObjectIndex& idx) {
  auto cls = idx.ingressClassParamsOf.find(
      std::string(t.str(t.at(ingress, {"spec", "ingressClassName"}))));
  if (cls == idx.ingressClassParamsOf.end()) return std::nullopt;
  auto params = idx.ingressClassParams.find(cls->second);
  if (params == idx.ingressClassParams.end()) return std::nullopt;
  return params->second;
}

}  // namespace zd::scope
