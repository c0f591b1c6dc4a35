#include "krm/config_schema_presets.h"

#include <algorithm>

#include "adapters/registry.h"
#include "krm/config_sections.h"
#include "krm/knob_table.h"

namespace zd::krm {
namespace {

using timing::PresetId;

std::string alternation(const std::vector<PresetId>& ids) {
  std::string out;
  for (PresetId p : ids) out += (out.empty() ? "" : "|") + std::string(timing::presetName(p));
  return "(" + out + ")";
}

std::vector<std::string> names(const std::vector<PresetId>& ids) {
  std::vector<std::string> out;
  for (PresetId p : ids) out.emplace_back(timing::presetName(p));
  return out;
}

// The text form names one of `ids` as an item (spaces around commas allowed, as the function
// trims them).
std::string namesOneOf(const std::vector<PresetId>& ids) {
  return "(^|,)[ \\t]*" + alternation(ids) + "[ \\t]*(,|$)";
}

Json stringMatching(std::vector<std::string> patterns) {
  Json all = Json::array();
  for (const std::string& p : patterns) all.push(Json::object().set("pattern", Json::str(p)));
  return Json::object().set("type", Json::str("string")).set("allOf", all);
}

Json listContaining(const std::vector<std::vector<PresetId>>& sets) {
  Json all = Json::array();
  for (const auto& ids : sets) {
    all.push(Json::object().set("contains", Json::object().set("enum", Json::strings(names(ids)))));
  }
  return Json::object().set("type", Json::str("array")).set("allOf", all);
}

// A `preset` value that names one of `a` and one of `b`, in either form.
Json namesBoth(ConfigForm form, const std::vector<PresetId>& a, const std::vector<PresetId>& b) {
  Json text = stringMatching({namesOneOf(a), namesOneOf(b)});
  if (form == ConfigForm::ConfigMap) return text;
  return Json::object().set("anyOf", Json::array({text, listContaining({a, b})}));
}

// What `preset` may not name: a preset twice (the text form; a list has uniqueItems), two
// presets of one adapter.
Json refused(ConfigForm form) {
  Json any = Json::array();
  for (PresetId p : adapters::allPresets()) {
    const std::string name = timing::presetName(p);
    any.push(
        stringMatching({"(^|,)[ \\t]*" + name + "[ \\t]*,(.*,)?[ \\t]*" + name + "[ \\t]*(,|$)"}));
  }
  for (const adapters::AdapterInfo& a : adapters::adapters()) {
    for (size_t i = 0; i < a.presets.size(); ++i) {
      for (size_t j = i + 1; j < a.presets.size(); ++j) {
        any.push(namesBoth(form, {a.presets[i]}, {a.presets[j]}));
      }
    }
  }
  return Json::object().set("anyOf", any);
}

}  // namespace

Json presetSchema(ConfigForm form, const std::string& description) {
  const std::string item = alternation(adapters::allPresets());
  const std::string commaList = "^[ \\t]*" + item + "[ \\t]*(,[ \\t]*" + item + "[ \\t]*)*$";
  Json s = Json::object().set("description", Json::str(description));
  if (form == ConfigForm::ConfigMap) {
    s.set("type", Json::str("string")).set("pattern", Json::str(commaList));
  } else {
    Json text =
        Json::object().set("type", Json::str("string")).set("pattern", Json::str(commaList));
    Json list = Json::object()
                    .set("type", Json::str("array"))
                    .set("minItems", Json::num(1))
                    .set("uniqueItems", Json::boolean(true))
                    .set("items", Json::object()
                                      .set("type", Json::str("string"))
                                      .set("enum", Json::strings(names(adapters::allPresets()))));
    s.set("anyOf", Json::array({text, list}));
  }
  return s.set("not", refused(form));
}

namespace {

// With presets of adapters `a` and `b` named, the keys of `group` (both carry it) are refused
// unqualified.
Json sharedRule(ConfigForm form, timing::KnobGroup group, const adapters::AdapterInfo& a,
                const adapters::AdapterInfo& b) {
  Json forbidden = Json::object();
  for (const KnobField* f : knobsOf(group)) forbidden.set(f->name, Json::boolean(false));
  const std::string example =
      std::string(timing::presetName(a.presets[0])) + "." + knobsOf(group)[0]->name;
  const std::string why = "With presets of two adapters that share the " +
                          std::string(groupName(group)) + " (" + std::string(a.name) + "; " +
                          std::string(b.name) + "), its keys must name their preset, as " +
                          example + ".";
  Json when =
      Json::object()
          .set("type", Json::str("object"))
          .set("required", Json::strings({"preset"}))
          .set("properties", Json::object().set("preset", namesBoth(form, a.presets, b.presets)));
  return Json::object()
      .set("description", Json::str(why))
      .set("if", when)
      .set("then", Json::object().set("properties", forbidden));
}

}  // namespace

std::vector<Json> sharedGroupRules(ConfigForm form) {
  std::vector<Json> rules;
  for (const KnobSection& section : knobSections()) {
    std::vector<const adapters::AdapterInfo*> owners;
    for (const adapters::AdapterInfo& a : adapters::adapters()) {
      const auto& g = a.knobGroups;
      if (std::find(g.begin(), g.end(), section.group) != g.end()) owners.push_back(&a);
    }
    for (size_t i = 0; i < owners.size(); ++i) {
      for (size_t j = i + 1; j < owners.size(); ++j) {
        rules.push_back(sharedRule(form, section.group, *owners[i], *owners[j]));
      }
    }
  }
  return rules;
}

}  // namespace zd::krm
