#include "scope/alb_actions.h"

#include <cctype>
#include <optional>

#include "krm/absent.h"
#include "yaml/parse.h"

namespace zd::scope {

using yaml::NodeId;

namespace {

bool isJsonLiteral(std::string_view s) {
  if (s.empty()) return false;
  if (s == "true" || s == "false" || s == "null") return true;
  size_t i = s[0] == '-' ? 1 : 0;
  return i < s.size() && s.find_first_not_of("0123456789.eE+-", i) == std::string_view::npos &&
         s[i] >= '0' && s[i] <= '9';
}

// Go's encoding/json matches an object key to a field without regard to case ("Type" fills
// `json:"type"`), and so the controller reads the old AWSALBIngressController spelling.
NodeId member(const yaml::Tree& t, NodeId map, std::string_view name) {
  NodeId exact = t.get(map, name);
  if (exact != yaml::kNone || !t.isMap(map)) return exact;
  auto lower = [](std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  };
  const std::string want = lower(name);
  for (uint32_t i = 0; i < t.mapSize(map); ++i) {
    if (lower(t.str(t.keyAt(map, i))) == want) return t.valueAt(map, i);
  }
  return yaml::kNone;
}

std::optional<std::string> text(const yaml::Tree& t, NodeId n) {
  if (krm::isAbsent(t, n)) return std::nullopt;
  if (!t.isScalar(n)) return std::string();
  return std::string(t.str(n));
}

class ActionReader {
 public:
  ActionReader(const yaml::Tree& action, std::string path, IngressBackends& out)
      : t_(action), path_(std::move(path)), out_(out) {}

  void read(NodeId root) {
    if (!t_.isMap(root)) return fail("must be a JSON object");
    auto type = text(t_, member(t_, root, "type"));
    if (!type || (*type != "forward" && *type != "fixed-response" && *type != "redirect")) {
      return fail("must have \"type\" forward, fixed-response or redirect");
    }
    if (*type != "forward") return;  // answered by the load balancer itself
    NodeId config = member(t_, root, "forwardConfig");
    if (krm::isAbsent(t_, config)) config = yaml::kNone;
    if (config == yaml::kNone) {
      // The simplified schema: one target group by ARN or name, not a Kubernetes Service.
      if (text(t_, member(t_, root, "targetGroupARN")) ||
          text(t_, member(t_, root, "targetGroupName")))
        return;
      return fail("forward needs \"forwardConfig\" or \"targetGroupARN\"/\"targetGroupName\"");
    }
    NodeId groups = member(t_, config, "targetGroups");
    if (!t_.isMap(config) || !t_.isSeq(groups))
      return fail("\"forwardConfig.targetGroups\" must be a list");
    for (uint32_t i = 0; i < t_.size(groups); ++i) group(t_.kid(groups, i), i, t_.size(groups) > 1);
  }

 private:
  // The controller's validate() (config_types.go): a Service or a target group ARN/name, never
  // both; a weight on each when there are several.
  void group(NodeId g, uint32_t i, bool weighted) {
    std::string where = "forwardConfig.targetGroups[" + std::to_string(i) + "]";
    if (!t_.isMap(g)) return fail(where + " must be an object");
    auto service = text(t_, member(t_, g, "serviceName"));
    const bool arn =
        text(t_, member(t_, g, "targetGroupARN")) || text(t_, member(t_, g, "targetGroupName"));
    if (service && arn)
      return fail(where +
                  " must name either a serviceName or a targetGroupARN/targetGroupName, not both");
    if (!service && !arn)
      return fail(where + " must name a serviceName or a targetGroupARN/targetGroupName");
    if (weighted && !text(t_, member(t_, g, "weight"))) {
      return fail(
          where +
          " must have a \"weight\": the controller wants one on each of several target groups");
    }
    if (!service) return;  // a target group ARN or name: outside Kubernetes
    auto port = text(t_, member(t_, g, "servicePort"));
    if (service->empty() || !port || port->empty()) {
      return fail(where + " must have a string \"serviceName\" and a \"servicePort\"");
    }
    BackendRef ref;
    ref.service = *service;
    ref.port = *port;
    // The controller reads "80" as the number 80 (intstr.Parse).
    ref.portIsName = port->find_first_not_of("0123456789") != std::string::npos;
    ref.fieldPath = path_;
    ref.action = path_.substr(std::string("metadata.annotations.").size());
    out_.refs.push_back(std::move(ref));
  }

  void fail(const std::string& why) {
    out_.problems.push_back({path_,
                             "`" + path_ + "` " + why +
                                 ": the AWS Load Balancer Controller refuses "
                                 "the Ingress, so nothing behind it can be checked",
                             true});
  }

  const yaml::Tree& t_;
  std::string path_;
  IngressBackends& out_;
};

}  // namespace

bool isJson(const yaml::Tree& t, NodeId n) {
  if (t.isScalar(n) || t.kind(n) == yaml::Kind::Null) {
    return t.node(n).style == yaml::Style::Double || (!t.isString(n) && isJsonLiteral(t.str(n)));
  }
  if (!t.node(n).flow) return false;
  bool map = t.isMap(n);
  for (uint32_t i = 0; i < t.size(n); ++i) {
    NodeId kid = t.kid(n, i);
    if (map && i % 2 == 0 && t.node(kid).style != yaml::Style::Double) return false;
    if (!isJson(t, kid)) return false;
  }
  return true;
}

void followAlbAction(const yaml::Tree& t, NodeId ingress, const std::string& name,
                     const std::string& backendPath, IngressBackends& out) {
  std::string key = kAlbActionPrefix + name;
  std::string path = "metadata.annotations." + key;
  NodeId value = t.get(t.at(ingress, {"metadata", "annotations"}), key);
  if (value == yaml::kNone) {
    out.problems.push_back(
        {backendPath,
         "backend \"" + name + "\" has port use-annotation but the Ingress has no annotation " +
             key +
             ": the controller cannot route it, and the workloads behind it cannot be checked",
         false});
    return;
  }
  if (!t.isScalar(value)) {
    out.problems.push_back(
        {path, "`" + path + "` must be a string holding JSON, not a map or list", true});
    return;
  }
  yaml::Tree action;
  auto bad = yaml::parseStream(t.str(value), yaml::Limits{}, action);
  if (bad || action.docs().size() != 1 || !isJson(action, action.docs()[0])) {
    // The parser's position is inside the annotation's text, not the manifest.
    std::string where;
    if (bad && bad->line != 0) {
      where = " (line " + std::to_string(bad->line) +
              (bad->column != 0 ? ", column " + std::to_string(bad->column) : std::string()) +
              " of the annotation)";
    }
    out.problems.push_back(
        {path,
         "`" + path +
             "` must be one JSON object the function can read as the controller "
             "does (encoding/json)" +
             (bad ? ": " + bad->message + where : std::string(": it is YAML, not JSON")),
         true});
    return;
  }
  ActionReader(action, path, out).read(action.docs()[0]);
}

}  // namespace zd::scope
