#include "rewrite/observe_mesh.h"

#include <cctype>
#include <optional>
#include <string>

#include "krm/absent.h"
#include "krm/value_parse.h"
#include "rewrite/istio_proxy_config.h"

namespace zd::rewrite {
namespace {

using krm::field;
using std::string_view;
using yaml::NodeId;

constexpr const char* kIstioInject = "sidecar.istio.io/inject";
constexpr const char* kIstioNamespaceInject = "istio-injection";
constexpr const char* kIstioRevision = "istio.io/rev";
constexpr const char* kIstioNative = "sidecar.istio.io/nativeSidecar";
constexpr const char* kIstioProxyConfig = "proxy.istio.io/config";
constexpr const char* kLinkerdInject = "linkerd.io/inject";
constexpr const char* kLinkerdWait = "config.alpha.linkerd.io/proxy-wait-before-exit-seconds";
constexpr const char* kLinkerdNative[] = {"config.beta.linkerd.io/proxy-enable-native-sidecar",
                                          "config.alpha.linkerd.io/proxy-enable-native-sidecar"};

// The labels and annotations of one object's metadata (a pod template's or a Namespace's), and
// how a message names them.
struct Meta {
  const yaml::Tree& t;
  NodeId labels = yaml::kNone;
  NodeId annotations = yaml::kNone;
  std::string who;  // "the pod template", "Namespace \"shop\""

  std::optional<string_view> label(const char* key) const { return value(labels, key); }
  std::optional<string_view> annotation(const char* key) const { return value(annotations, key); }

 private:
  std::optional<string_view> value(NodeId map, const char* key) const {
    const NodeId v = t.get(map, key);
    if (v == yaml::kNone) return std::nullopt;
    // A null value is "", not absent, as the API stores it; a map or list has no text either.
    return t.isScalar(v) ? t.str(v) : string_view();
  }
};

Meta metaOf(const yaml::Tree& t, NodeId metadata, std::string who) {
  return Meta{t, field(t, metadata, "labels"), field(t, metadata, "annotations"), std::move(who)};
}

std::string lower(string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// As the manifests would write it: a label key=value, an annotation key: "value".
std::string shown(const Meta& m, const char* what, const char* key, string_view value) {
  const std::string v(value);
  return m.who + " " + what + " " + key +
         (std::string(what) == "label" ? "=" + v : ": \"" + v + "\"");
}

// Istio's webhook (injectRequired): sidecar.istio.io/inject y, yes, true or on, in any case,
// injects, any other value opts out; the label wins over the annotation. A Namespace label
// istio-injection=enabled, or istio.io/rev without istio-injection, injects; an
// istio-injection of any other value opts out. Either opt-out wins.
std::optional<std::string> istioInjection(const Meta& pod, const Meta* ns) {
  const char* podWhat = "label";
  std::optional<string_view> choice = pod.label(kIstioInject);
  if (!choice) choice = pod.annotation(kIstioInject), podWhat = "annotation";
  std::optional<std::string> by;
  if (choice) {
    const std::string v = lower(*choice);
    if (v != "y" && v != "yes" && v != "true" && v != "on") return std::nullopt;
    by = shown(pod, podWhat, kIstioInject, *choice);
  }
  if (!by) {
    if (auto rev = pod.label(kIstioRevision)) by = shown(pod, "label", kIstioRevision, *rev);
  }
  if (ns) {
    if (auto v = ns->label(kIstioNamespaceInject)) {
      if (*v != "enabled") return std::nullopt;
      if (!by) by = shown(*ns, "label", kIstioNamespaceInject, *v);
    } else if (auto rev = ns->label(kIstioRevision); rev && !by) {
      by = shown(*ns, "label", kIstioRevision, *rev);
    }
  }
  return by;
}

// Linkerd's injector: linkerd.io/inject enabled (or ingress) on the workload or its Namespace;
// disabled on the workload wins over the Namespace.
std::optional<std::string> linkerdInjection(const Meta& pod, const Meta* ns) {
  if (auto v = pod.annotation(kLinkerdInject)) {
    if (*v == "enabled" || *v == "ingress") return shown(pod, "annotation", kLinkerdInject, *v);
    return std::nullopt;
  }
  if (!ns) return std::nullopt;
  if (auto v = ns->annotation(kLinkerdInject); v && (*v == "enabled" || *v == "ingress"))
    return shown(*ns, "annotation", kLinkerdInject, *v);
  return std::nullopt;
}

bool isTrue(std::optional<string_view> v) { return v && krm::parseGoBool(*v).value_or(false); }

void readIstio(const Meta& pod, timing::ObservedMesh& m) {
  m.nativeSidecar = isTrue(pod.annotation(kIstioNative));
  const IstioDrain drain = readIstioDrain(pod.annotation(kIstioProxyConfig).value_or(""));
  m.proxySetting = drain.setting;
  m.proxySeconds = drain.seconds;
  m.unreadValue = drain.unread;
}

// Linkerd's config annotations apply from the workload, else from its Namespace.
void readLinkerd(const Meta& pod, const Meta* ns, timing::ObservedMesh& m) {
  auto annotation = [&](const char* key) {
    std::optional<string_view> v = pod.annotation(key);
    if (!v && ns) v = ns->annotation(key);
    return v;
  };
  for (const char* key : kLinkerdNative)
    m.nativeSidecar = m.nativeSidecar || isTrue(annotation(key));
  m.proxySetting = kLinkerdWait;
  if (auto wait = annotation(kLinkerdWait)) {
    m.proxySeconds = krm::parseCount(*wait, krm::kMaxSetting);
    if (!m.proxySeconds) m.unreadValue = std::string(*wait);
  }
}

}  // namespace

timing::ObservedMesh observeMesh(const yaml::Tree& t, const scope::ObjectIndex& idx,
                                 const scope::ObjectInfo& w, NodeId pods) {
  timing::ObservedMesh m;
  const Meta pod = metaOf(t, field(t, pods, {"spec", "template", "metadata"}), "the pod template");
  std::optional<Meta> ns;
  if (auto found = idx.namespaces.find(w.ns); !w.ns.empty() && found != idx.namespaces.end()) {
    ns.emplace(metaOf(t, field(t, idx.objects[found->second].node, "metadata"),
                      "Namespace \"" + std::string(w.ns) + "\""));
  }
  const Meta* nsp = ns ? &*ns : nullptr;
  if (auto by = istioInjection(pod, nsp)) {
    m.mesh = timing::Mesh::Istio;
    m.injectedBy = *by;
    readIstio(pod, m);
  } else if (auto by = linkerdInjection(pod, nsp)) {
    m.mesh = timing::Mesh::Linkerd;
    m.injectedBy = *by;
    readLinkerd(pod, nsp, m);
  }
  return m;
}

}  // namespace zd::rewrite
