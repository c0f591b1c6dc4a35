#include "krm/config_schema_values.h"

#include "adapters/registry.h"
#include "krm/config_presets.h"
#include "krm/preset_loader.h"
#include "krm/value_parse.h"

namespace zd::krm {
namespace {

using timing::PresetId;

const std::string kMax = std::to_string(kMaxSetting);
// Decimal digits up to kMaxSetting, leading zeros allowed as parseCount allows them; 18 digits
// at most, parseCount's limit.
const std::string kCountPattern = "^0*([0-9]{1,6}|" + kMax + ")$";
const std::string kPercentPattern = "^0*([0-9]{1,2}|100)%$";

Json count(ConfigForm form) {
  if (form == ConfigForm::ConfigMap) {
    return Json::object()
        .set("type", Json::str("string"))
        .set("pattern", Json::str(kCountPattern))
        .set("maxLength", Json::num(18));
  }
  return Json::object()
      .set("type", Json::str("integer"))
      .set("minimum", Json::num(0))
      .set("maximum", Json::num(kMaxSetting));
}

Json intOrPercent(ConfigForm form) {
  Json percent =
      Json::object().set("pattern", Json::str(kPercentPattern)).set("maxLength", Json::num(19));
  if (form == ConfigForm::ConfigMap) {
    Json digits =
        Json::object().set("pattern", Json::str(kCountPattern)).set("maxLength", Json::num(18));
    return Json::object()
        .set("type", Json::str("string"))
        .set("anyOf", Json::array({digits, percent}));
  }
  Json text = Json::object().set("type", Json::str("string"));
  text.set("pattern", Json::str(kPercentPattern)).set("maxLength", Json::num(19));
  return Json::object().set("anyOf", Json::array({count(form), text}));
}

// podDisruptionBudgetMaxUnavailable: intOrPercent without 0 and 0% (setPositiveBudget).
Json positiveBudget(ConfigForm form) {
  const std::string digits = "^0*([1-9][0-9]{0,5}|" + kMax + ")$";
  Json percent = Json::object()
                     .set("pattern", Json::str("^0*([1-9][0-9]?|100)%$"))
                     .set("maxLength", Json::num(19));
  if (form == ConfigForm::ConfigMap) {
    Json count = Json::object().set("pattern", Json::str(digits)).set("maxLength", Json::num(18));
    return Json::object()
        .set("type", Json::str("string"))
        .set("anyOf", Json::array({count, percent}));
  }
  Json number = Json::object()
                    .set("type", Json::str("integer"))
                    .set("minimum", Json::num(1))
                    .set("maximum", Json::num(kMaxSetting));
  Json text = Json::object().set("type", Json::str("string"));
  text.set("pattern", Json::str("^0*([1-9][0-9]?|100)%$")).set("maxLength", Json::num(19));
  return Json::object().set("anyOf", Json::array({number, text}));
}

Json boolean(ConfigForm form) {
  if (form == ConfigForm::Policy) return Json::object().set("type", Json::str("boolean"));
  return Json::object().set("type", Json::str("string")).set("pattern", Json::str(kBoolPattern));
}

Json list(ConfigForm form) {
  if (form == ConfigForm::ConfigMap) return Json::object().set("type", Json::str("string"));
  return Json::object()
      .set("type", Json::str("array"))
      .set("items", Json::object().set("type", Json::str("string")));
}

// shellLessImages, as setImagePrefixes (config_options.cpp) reads it: each prefix not empty and
// without white space; in a ConfigMap, items trimmed of spaces and tabs, empty ones dropped.
Json imagePrefixes(ConfigForm form) {
  if (form == ConfigForm::ConfigMap) {
    const std::string item = "[ \\t]*[^ \\t\\n\\r\\f\\v,]*[ \\t]*";
    return Json::object()
        .set("type", Json::str("string"))
        .set("pattern", Json::str("^" + item + "(," + item + ")*$"));
  }
  return Json::object()
      .set("type", Json::str("array"))
      .set("items", Json::object()
                        .set("type", Json::str("string"))
                        .set("pattern", Json::str("^[^ \\t\\n\\r\\f\\v]+$")));
}

std::string typePhrase(ValueKind kind, ConfigForm form) {
  const bool text = form == ConfigForm::ConfigMap;
  switch (kind) {
    case ValueKind::Count:
      return text ? "A string of decimal digits, 0 to " + kMax + ", such as \"30\"."
                  : "An integer from 0 to " + kMax + ".";
    case ValueKind::IntOrPercent:
      return text ? "A string: decimal digits 0 to " + kMax +
                        ", or a percentage such as \"25%\" (0% to 100%)."
                  : "An integer from 0 to " + kMax +
                        ", or a percentage string such as \"25%\" (0% to 100%).";
    case ValueKind::Bool:
      return text ? "A string: true/false, yes/no, on/off or 1/0, in any case." : "true or false.";
    case ValueKind::String:
      return "A string.";
    case ValueKind::StringList:
      return text ? "A comma-separated string; spaces around items and empty items are dropped."
                  : "A list of strings.";
  }
  return "";
}

// "Defaults: alb-ip 10; alb-instance 15. A setting of presets alb-ip and alb-instance only; ..."
std::string presetsSentence(const KnobField& f) {
  std::vector<PresetId> carriers;
  std::string defaults;
  for (PresetId p : adapters::allPresets()) {
    if (!adapters::presetHasGroup(p, f.group)) continue;
    carriers.push_back(p);
    timing::Knobs k = builtInPreset(p);
    defaults +=
        (defaults.empty() ? "" : "; ") + std::string(timing::presetName(p)) + " " + valueText(f, k);
  }
  const std::string whose = carriers.size() == adapters::allPresets().size()
                                ? "A setting of every preset."
                                : "A setting of " + presetsPhrase(carriers) +
                                      " only; with another preset it is ignored, with a warning.";
  return "Defaults: " + defaults + ". " + whose;
}

}  // namespace

Json knobValueSchema(const KnobField& f, ConfigForm form) {
  switch (kindOf(f)) {
    case ValueKind::Count:
      return count(form);
    case ValueKind::IntOrPercent:
      return intOrPercent(form);
    case ValueKind::Bool:
      return boolean(form);
    case ValueKind::StringList:
      return list(form);
    case ValueKind::String:
      break;
  }
  Json s = Json::object().set("type", Json::str("string"));
  // String knobs take one of a few words: checkConflicts in config_checks.cpp holds them to these.
  if (!choicesOf(f).empty()) s.set("enum", Json::strings(choicesOf(f)));
  return s;
}

std::string knobDescription(const KnobField& f, ConfigForm form) {
  std::string type = typePhrase(kindOf(f), form);
  const std::vector<std::string>& choices = choicesOf(f);
  if (!choices.empty()) {
    type.clear();
    for (size_t i = 0; i < choices.size(); ++i)
      type += (i == 0 ? "" : i + 1 == choices.size() ? " or " : ", ") + choices[i];
    type += ".";
  }
  return knobMeaning(f) + " " + type + " " + presetsSentence(f);
}

Json optionValueSchema(const OptionField& o, ConfigForm form) {
  switch (o.type) {
    case OptionType::Bool:
      return boolean(form);
    case OptionType::KubernetesVersion:  // parseKubernetesVersion: major 0..100, minor 0..1000
      return Json::object()
          .set("type", Json::str("string"))
          .set("pattern", Json::str("^v?0*([0-9]{1,2}|100)\\.0*([0-9]{1,3}|1000)(\\.[\\s\\S]*)?$"));
    case OptionType::HttpPath:
      return Json::object().set("type", Json::str("string")).set("pattern", Json::str("^/"));
    case OptionType::ImagePrefixes:
      return imagePrefixes(form);
    case OptionType::Seconds:
      return count(form);
    case OptionType::PositiveBudget:
      return positiveBudget(form);
    case OptionType::Presets:
      break;
  }
  return Json::object();  // `preset`: krm/config_schema_presets.h
}

std::string optionDescription(const OptionField& o, ConfigForm form) {
  std::string type;
  switch (o.type) {
    case OptionType::Bool:
      type = typePhrase(ValueKind::Bool, form);
      break;
    case OptionType::KubernetesVersion:
      type = "A string \"MAJOR.MINOR\", optionally with a leading v and a patch part (v1.31.2).";
      break;
    case OptionType::HttpPath:
      type = "A string starting with /.";
      break;
    case OptionType::ImagePrefixes:
      type = form == ConfigForm::Policy
                 ? "A list of strings, each not empty and without white space."
                 : "A comma-separated string; spaces around items and empty items are dropped, "
                   "and an item holds no white space.";
      break;
    case OptionType::Seconds:
      type = typePhrase(ValueKind::Count, form);
      break;
    case OptionType::PositiveBudget:
      type = form == ConfigForm::ConfigMap
                 ? "A string: decimal digits 1 to " + kMax +
                       ", or a percentage such as \"25%\" (1% to 100%)."
                 : "An integer from 1 to " + kMax +
                       ", or a percentage string such as \"25%\" (1% to 100%).";
      break;
    case OptionType::Presets:
      type = form == ConfigForm::Policy
                 ? "A preset name, names separated by commas, or a list of names."
                 : "A preset name, or names separated by commas.";
      break;
  }
  // `preset`'s description says where it is required.
  if (std::string(o.defaultValue) == "required") return std::string(o.description) + " " + type;
  return std::string(o.description) + " " + type + " Default: " + o.defaultValue + ".";
}

}  // namespace zd::krm
