#include "krm/config.h"

#include <algorithm>

#include "krm/absent.h"
#include "krm/config_options.h"
#include "krm/envelope.h"
#include "krm/knob_table.h"

namespace zd::krm {

using yaml::Kind;
using yaml::NodeId;

namespace {

Setting settingFromNode(const yaml::Tree& t, const std::string& key, NodeId v,
                        const std::string& where, bool typed) {
  Setting s;
  s.key = key;
  s.where = where;
  s.typed = typed;
  switch (t.kind(v)) {
    case Kind::Scalar:
      s.text = std::string(t.str(v));
      s.shape = typed && t.isString(v) ? Setting::Shape::String : Setting::Shape::Scalar;
      break;
    case Kind::Seq:
      s.shape = Setting::Shape::List;
      for (uint32_t i = 0; i < t.size(v); ++i) {
        NodeId item = t.kid(v, i);
        if (t.kind(item) != Kind::Scalar) s.shape = Setting::Shape::Other;
        s.items.emplace_back(t.str(item));
      }
      break;
    default:
      s.shape = typed ? Setting::Shape::Other : Setting::Shape::Scalar;
      s.text = std::string(t.str(v));
  }
  return s;
}

}  // namespace

Result configError(const ConfigSource& src, const std::string& where, const std::string& message) {
  Result r;
  r.severity = Severity::Error;
  if (where.rfind("--", 0) != 0) {  // a flag is not a field of the config object
    r.resource = src.resource;
    if (src.resource) r.fieldPath = where;
  }
  r.message = "config `" + where + "` " + message;
  return r;
}

const Setting* lastWithKey(const std::vector<Setting>& settings, const std::string& key) {
  const Setting* found = nullptr;
  for (const Setting& s : settings) {
    if (s.key == key) found = &s;
  }
  return found;
}

Result configWarning(const ConfigSource& src, const std::string& where,
                     const std::string& message) {
  Result r = configError(src, where, message);
  r.severity = Severity::Warning;
  return r;
}

std::vector<std::string> configKeys() {
  std::vector<std::string> keys;
  for (const OptionField& o : optionFields()) keys.emplace_back(o.name);
  for (const KnobField& f : knobFields()) keys.emplace_back(f.name);
  return keys;
}

std::vector<Setting> settingsOf(const yaml::Tree& t, NodeId config, std::vector<Result>& errors) {
  std::vector<Setting> out;
  std::string kind(t.str(t.get(config, "kind")));
  std::string apiVersion(t.str(t.get(config, "apiVersion")));
  ConfigSource src;
  src.resource = refOf(t, config);
  NodeId body;
  std::string prefix;
  bool typed;
  if (kind == "ConfigMap" && apiVersion == "v1") {
    body = t.get(config, "data");
    prefix = "data.";
    typed = false;
  } else if (kind == kPolicyKind) {
    if (apiVersion != kPolicyApiVersion) {
      errors.push_back(configError(
          src, "apiVersion",
          std::string("must be ") + kPolicyApiVersion + ", not \"" + apiVersion + "\""));
      return out;
    }
    body = t.get(config, "spec");
    prefix = "spec.";
    typed = true;
  } else {
    errors.push_back(configError(src, "kind",
                                 std::string("must be ") + kPolicyKind + " (apiVersion " +
                                     kPolicyApiVersion + ") or ConfigMap (apiVersion v1), not \"" +
                                     apiVersion + "/" + kind + "\""));
    return out;
  }
  if (isAbsent(t, body)) return out;
  if (!t.isMap(body)) {
    errors.push_back(configError(src, prefix.substr(0, prefix.size() - 1), "must be a map"));
    return out;
  }
  for (uint32_t i = 0; i < t.mapSize(body); ++i) {
    std::string key(t.str(t.keyAt(body, i)));
    out.push_back(settingFromNode(t, key, t.valueAt(body, i), prefix + key, typed));
  }
  return out;
}

}  // namespace zd::krm
