#include "adapters/agic/settings.h"

#include "adapters/agic/fields.h"
#include "krm/absent.h"
#include "krm/value_parse.h"
#include "rewrite/editor.h"

namespace zd::adapters::agic {

using rewrite::Reader;
using yaml::NodeId;

namespace {

void observe(const yaml::Tree& t, const scope::ObjectIndex& idx, const scope::Binding& b,
             Reader& rd, Reader&, timing::Observed& o) {
  timing::ObservedAgic& agic = o.agic;
  NodeId ia = krm::field(t, idx.objects[b.frontDoor].node, {"metadata", "annotations"});
  auto value = [&](std::string_view field) {
    return t.get(ia, std::string(spot(field).annotation));
  };
  auto count = [&](std::string_view field) -> std::optional<int64_t> {
    NodeId v = value(field);
    if (v == yaml::kNone) return std::nullopt;
    return rd.countText(t.str(v), annotationPath(spot(field).annotation), rewrite::kControllerText);
  };
  // AGIC reads it with Go's strconv.ParseBool; what that refuses leaves draining off (the
  // controller only logs an event), so the function reads it off too and writes "true".
  if (NodeId v = value("connectionDraining"); v != yaml::kNone) {
    agic.connectionDraining = krm::parseGoBool(t.str(v));
    if (!agic.connectionDraining) {
      agic.connectionDraining = false;
      agic.connectionDrainingText = std::string(t.str(v));
    }
  }
  agic.drainingTimeoutSeconds = count("drainingTimeoutSeconds");
  agic.requestTimeoutSeconds = count("requestTimeoutSeconds");
  agic.probeIntervalSeconds = count("probeIntervalSeconds");
  agic.probeTimeoutSeconds = count("probeTimeoutSeconds");
  agic.probeUnhealthyThreshold = count("probeUnhealthyThreshold");
}

void apply(yaml::Tree& t, const scope::ObjectIndex& idx, const scope::Binding& b,
           const timing::Plan& p, std::vector<krm::Result>& results, rewrite::SharedEdits& shared) {
  const timing::PlanAgic& g = p.agic;
  rewrite::Editor e(t, idx.objects[b.frontDoor].node, results, &shared);
  auto put = [&](std::string_view field, const std::string& value, const std::string& why) {
    const std::string key(spot(field).annotation);
    e.setShared("annotations", key, value, true, annotationPath(key), why);
  };
  auto count = [&](std::string_view field, const std::optional<timing::Change<int64_t>>& c) {
    if (c) put(field, std::to_string(c->value), c->message);
  };
  if (g.connectionDraining)
    put("connectionDraining", g.connectionDraining->value ? "true" : "false",
        g.connectionDraining->message);
  count("drainingTimeoutSeconds", g.drainingTimeoutSeconds);
  count("requestTimeoutSeconds", g.requestTimeoutSeconds);
  count("probeIntervalSeconds", g.probeIntervalSeconds);
  count("probeTimeoutSeconds", g.probeTimeoutSeconds);
  count("probeUnhealthyThreshold", g.probeUnhealthyThreshold);
}

}  // namespace

const LbSettings& settings() {
  static const LbSettings s{fields, observe, apply};
  return s;
}

}  // namespace zd::adapters::agic
