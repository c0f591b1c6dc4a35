#include "krm/config_apply.h"

#include "krm/value_parse.h"

namespace zd::krm {
namespace {

bool isPlainScalar(const Setting& s) { return s.shape == Setting::Shape::Scalar; }

struct Apply {
  const Setting& s;
  std::string operator()(int64_t* m) const { return setCount(*m, s); }
  std::string operator()(std::optional<int64_t>* m) const {
    int64_t v = 0;
    std::string err = setCount(v, s);
    if (err.empty()) *m = v;
    return err;
  }
  std::string operator()(timing::IntOrPercent* m) const { return setIntOrPercent(*m, s); }
  std::string operator()(bool* m) const { return setBool(*m, s); }
  std::string operator()(std::string* m) const { return setString(*m, s); }
  std::string operator()(std::vector<std::string>* m) const {
    if (s.shape == Setting::Shape::List) {
      *m = s.items;
    } else if (s.shape == Setting::Shape::Other || s.typed) {
      return "must be a list of strings";
    } else {
      *m = parseList(s.text);
    }
    return "";
  }
};

}  // namespace

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

std::string setCount(int64_t& out, const Setting& s) {
  if (s.typed && !isPlainScalar(s))
    return "must be an integer number, not the string " + quoted(s.text);
  auto v = parseCount(s.text, kMaxSetting);
  if (!v)
    return "must be a whole number from 0 to " + std::to_string(kMaxSetting) + ", not " +
           quoted(s.text);
  out = *v;
  return "";
}

std::string setIntOrPercent(timing::IntOrPercent& out, const Setting& s) {
  if (s.shape == Setting::Shape::List || s.shape == Setting::Shape::Other) {
    return "must be an integer or a percentage such as \"25%\"";
  }
  auto v = parseIntOrPercent(s.text);
  if (!v || (s.typed && s.shape == Setting::Shape::String && !v->percent)) {
    return "must be an integer or a percentage such as \"25%\", not " + quoted(s.text);
  }
  out = *v;
  return "";
}

std::string setBool(bool& out, const Setting& s) {
  if (s.typed && (!isPlainScalar(s) || (s.text != "true" && s.text != "false"))) {
    return std::string("must be a boolean, true or false, not ") +
           (s.shape == Setting::Shape::String ? "the string " : "") + quoted(s.text);
  }
  auto v = parseBool(s.text);
  if (!v) return "must be true or false, not " + quoted(s.text);
  out = *v;
  return "";
}

std::string setString(std::string& out, const Setting& s) {
  if (s.shape == Setting::Shape::List || s.shape == Setting::Shape::Other)
    return "must be a string";
  out = s.text;
  return "";
}

std::string applyKnob(timing::Knobs& knobs, const KnobField& field, const Setting& s) {
  return std::visit(Apply{s}, field.in(knobs));
}

}  // namespace zd::krm
