#include "krm/config_docs.h"

#include "krm/config_options.h"
#include "krm/config_sections.h"
#include "krm/knob_table.h"
#include "krm/preset_loader.h"

namespace zd::krm {
namespace {

std::string typeOf(const KnobField& f) {
  switch (kindOf(f)) {
    case ValueKind::Count:
      return "integer";
    case ValueKind::IntOrPercent:
      return "integer or \"N%\"";
    case ValueKind::Bool:
      return "boolean";
    case ValueKind::String:
      return "string";
    case ValueKind::StringList:
      return "list of strings";
  }
  return "";
}

std::string typeOf(const OptionField& o) {
  switch (o.type) {
    case OptionType::Presets:
      return "preset names";
    case OptionType::Bool:
      return "boolean";
    case OptionType::KubernetesVersion:
    case OptionType::HttpPath:
      return "string";
    case OptionType::ImagePrefixes:
      return "list of strings";
    case OptionType::Seconds:
      return "integer";
    case OptionType::PositiveBudget:
      return "integer or percentage";
  }
  return "";
}

std::string row(const std::vector<std::string>& cells) {
  std::string out = "|";
  for (const std::string& c : cells) out += " " + c + " |";
  return out + "\n";
}

std::string header(const std::vector<std::string>& columns) {
  std::string rule = "|";
  for (size_t i = 0; i < columns.size(); ++i) rule += "---|";
  return row(columns) + rule + "\n";
}

std::string optionsTable() {
  std::string out = "### Options\n\n" + header({"Key", "Type", "Default", "Meaning"});
  for (const OptionField& o : optionFields()) {
    out += row({"`" + std::string(o.name) + "`", typeOf(o), o.defaultValue, o.description});
  }
  return out;
}

std::string sectionTable(const KnobSection& s) {
  std::vector<std::string> columns = {"Key", "Type"};
  for (timing::PresetId p : s.presets) columns.emplace_back(timing::presetName(p));
  columns.emplace_back("Meaning");
  std::string out = "### " + s.title + "\n\n" + header(columns);
  for (const KnobField* f : knobsOf(s.group)) {
    std::vector<std::string> cells = {"`" + std::string(f->name) + "`", typeOf(*f)};
    for (timing::PresetId p : s.presets) {
      timing::Knobs k = builtInPreset(p);
      cells.push_back(valueText(*f, k));
    }
    cells.push_back(knobMeaning(*f));
    out += row(cells);
  }
  return out;
}

}  // namespace

std::string keyTables() {
  std::string out = optionsTable();
  for (const KnobSection& s : knobSections()) out += "\n" + sectionTable(s);
  return out + "\n";  // a table ends at a blank line, before the end marker
}

}  // namespace zd::krm
