#include "krm/config_schema_rules.h"

namespace zd::krm {
namespace {

Json zero(ConfigForm form) {
  if (form == ConfigForm::ConfigMap) {
    return Json::object().set("type", Json::str("string")).set("pattern", Json::str("^0+%?$"));
  }
  Json percent = Json::object().set("type", Json::str("string")).set("pattern", Json::str("^0+%$"));
  return Json::object().set("anyOf",
                            Json::array({Json::object().set("const", Json::num(0)), percent}));
}

Json when(const std::string& key, const Json& value) {
  return Json::object()
      .set("type", Json::str("object"))
      .set("required", Json::strings({key}))
      .set("properties", Json::object().set(key, value));
}

Json k6(ConfigForm form) {
  Json nonZero = Json::object()
                     .set("required", Json::strings({"maxUnavailable"}))
                     .set("properties", Json::object().set("maxUnavailable",
                                                           Json::object().set("not", zero(form))));
  // A maxUnavailable qualified with a preset (`alb-ip.maxUnavailable`) may be what makes the pair
  // valid for that preset: the schema leaves such a config to the function, which checks each
  // preset's pair.
  Json qualified = Json::object().set(
      "not", Json::object().set(
                 "propertyNames",
                 Json::object().set(
                     "not", Json::object().set("pattern", Json::str("\\.maxUnavailable$")))));
  Json then = Json::object().set("anyOf", Json::array({nonZero, qualified}));
  return Json::object()
      .set("description",
           Json::str("K6: maxSurge and maxUnavailable cannot both be 0. Every preset has "
                     "maxUnavailable 0, so maxSurge 0 needs a non-zero maxUnavailable."))
      .set("if", when("maxSurge", zero(form)))
      .set("then", then);
}

Json nativeSleep(ConfigForm form) {
  Json below130 = Json::object()
                      .set("type", Json::str("string"))
                      .set("pattern", Json::str("^v?0*[01]\\.0*([0-9]|[12][0-9])(\\.[\\s\\S]*)?$"));
  Json notTrue =
      form == ConfigForm::Policy
          ? Json::object().set("const", Json::boolean(false))
          : Json::object().set(
                "not",
                Json::object()
                    .set("type", Json::str("string"))
                    .set("pattern", Json::str("^([Tt][Rr][Uu][Ee]|[Yy][Ee][Ss]|[Oo][Nn]|1)$")));
  return Json::object()
      .set("description",
           Json::str("nativeSleep true needs kubernetesVersion 1.30 or later, if one is given: "
                     "below, the API server rejects a preStop sleep action. Otherwise an explicit "
                     "nativeSleep wins over what kubernetesVersion implies, in any order."))
      .set("if", when("kubernetesVersion", below130))
      .set("then", Json::object().set("properties", Json::object().set("nativeSleep", notTrue)));
}

}  // namespace

std::vector<Json> crossFieldRules(ConfigForm form) { return {k6(form), nativeSleep(form)}; }

}  // namespace zd::krm
