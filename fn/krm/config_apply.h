// One setting's value into the field it sets: the strict decoding every config form and the
// presets share. A typed setting (ZeroDowntimePolicy, preset file) must have the YAML type of its
// field; a text setting (ConfigMap, flag) is parsed (krm/value_parse.h).
#pragma once

#include <string>

#include "krm/config.h"
#include "krm/knob_table.h"

namespace zd::krm {

// Each returns an error message ("must be ...") or "", and sets the field only on success.
std::string applyKnob(timing::Knobs& knobs, const KnobField& field, const Setting& s);
std::string setBool(bool& out, const Setting& s);
std::string setCount(int64_t& out, const Setting& s);  // 0 to kMaxSetting
std::string setIntOrPercent(timing::IntOrPercent& out, const Setting& s);
std::string setString(std::string& out, const Setting& s);

std::string quoted(const std::string& s);  // "\"" + s + "\"", as messages show a value

}  // namespace zd::krm
