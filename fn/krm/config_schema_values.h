// The parts of the generated schemas that describe one key: its value's schema and its
// description, per config form (a ZeroDowntimePolicy is typed YAML, a ConfigMap all strings).
#pragma once

#include <string>

#include "krm/config_json.h"
#include "krm/config_options.h"
#include "krm/config_schema.h"
#include "krm/knob_table.h"

namespace zd::krm {

Json knobValueSchema(const KnobField& f, ConfigForm form);
std::string knobDescription(const KnobField& f, ConfigForm form);

// Every option but `preset`, whose schema is krm/config_schema_presets.h's.
Json optionValueSchema(const OptionField& o, ConfigForm form);
std::string optionDescription(const OptionField& o, ConfigForm form);

// What the function takes as true/false from text: parseBool's spellings.
inline constexpr const char* kBoolPattern =
    "^([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]|[Yy][Ee][Ss]|[Nn][Oo]|[Oo][Nn]|[Oo][Ff][Ff]|[01])$";

}  // namespace zd::krm
