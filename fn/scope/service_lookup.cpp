#include "scope/service_lookup.h"

#include <algorithm>

namespace zd::scope {

namespace {

std::string list(const std::vector<std::string>& v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + (v[i].empty() ? "(none)" : v[i]);
  return out;
}

// Namespaces where a Service of that name is, besides `ns`.
std::string elsewhere(const ObjectIndex& idx, std::string_view ns, const std::string& name) {
  auto it = idx.serviceNamespaces.find(name);
  if (it == idx.serviceNamespaces.end()) return "";
  std::vector<std::string> others;
  for (const std::string& other : it->second) {
    if (other != ns) others.push_back(other);
  }
  if (others.empty()) return "";
  if (!ns.empty() && std::find(others.begin(), others.end(), "") == others.end()) {
    return "is not in namespace " + std::string(ns) + " in the input (only in " + list(others) +
           ")";
  }
  // One side has no namespace: it lands where it is applied, which the manifests do not say.
  if (ns.empty()) {
    return "is in the input only in namespace " + list(others) +
           ", while the referring object has no namespace (it lands where it is applied): they "
           "meet only if it "
           "is applied there; give both the same metadata.namespace";
  }
  return "is in the input only without a namespace (it lands where it is applied), while the "
         "referring "
         "object is in namespace " +
         std::string(ns) +
         ": they meet only if the Service is applied there; give both the "
         "same metadata.namespace";
}

}  // namespace

ServiceLookup findService(const ObjectIndex& idx, std::string_view ns, const std::string& name,
                          Reference reference) {
  ServiceLookup out;
  const std::string key = std::string(ns) + "/" + name;
  auto renamed = idx.servicesByOriginalName.find(key);
  const bool byOriginal = renamed != idx.servicesByOriginalName.end();
  if (byOriginal && reference == Reference::Renamed) {
    if (renamed->second.size() == 1) {
      out.service = renamed->second.front();
      return out;
    }
    std::vector<std::string> names;
    for (size_t s : renamed->second) names.emplace_back(idx.objects[s].name);
    out.problem = "was renamed by kustomize into several Services (" + list(names) +
                  "): which one the reference means is ambiguous";
    return out;
  }
  if (auto it = idx.services.find(key); it != idx.services.end()) {
    out.service = it->second;
    return out;
  }
  if (byOriginal) {
    out.problem =
        "is not in the input by that name: kustomize renamed it to \"" +
        std::string(idx.objects[renamed->second.front()].name) +
        "\" but never rewrites names inside an annotation's text, so the controller looks for \"" +
        name + "\"; write the renamed name there (a kustomize replacement can)";
    return out;
  }
  if (idx.localConfigServices.count(key)) {
    out.problem =
        "is in the input but marked config.kubernetes.io/local-config: it is never applied, so it "
        "is "
        "no evidence of the cluster's Service";
    return out;
  }
  out.problem = elsewhere(idx, ns, name);
  if (out.problem.empty()) out.problem = "is not in the input";
  return out;
}

}  // namespace zd::scope
