#include "krm/preset_loader.h"

#include "krm/knob_table.h"
#include "krm/native_sleep.h"
#include "krm/value_parse.h"
#include "timing/preset_sources.h"
#include "yaml/parse.h"

namespace zd::krm {
namespace {

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

bool isPlainScalar(const Setting& s) { return s.shape == Setting::Shape::Scalar; }

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

struct Apply {
  const Setting& s;
  std::string operator()(int64_t* m) const { return setCount(*m, s); }
  std::string operator()(std::optional<int64_t>* m) const {
    int64_t v = 0;
    std::string err = setCount(v, s);
    if (err.empty()) *m = v;
    return err;
  }
  std::string operator()(timing::IntOrPercent* m) const {
    if (s.shape == Setting::Shape::List || s.shape == Setting::Shape::Other) {
      return "must be an integer or a percentage such as \"25%\"";
    }
    auto v = parseIntOrPercent(s.text);
    if (!v || (s.typed && s.shape == Setting::Shape::String && !v->percent)) {
      return "must be an integer or a percentage such as \"25%\", not " + quoted(s.text);
    }
    *m = *v;
    return "";
  }
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

std::string applyOption(Options& o, const Setting& s) {
  if (s.key == "check") return setBool(o.check, s);
  if (s.key == "nativeSleep") return setBool(o.nativeSleep, s);
  if (s.key == "defaultIngressClass") {
    bool v = false;
    std::string err = setBool(v, s);
    if (err.empty()) o.defaultIngressClass = v;
    return err;
  }
  if (s.key == "partialInput") return setBool(o.partialInput, s);
  if (s.key == "kubernetesVersion") {  // what it implies for nativeSleep: resolveNativeSleep
    std::string err = setString(o.kubernetesVersion, s);
    if (!err.empty()) return err;
    if (!parseKubernetesVersion(o.kubernetesVersion)) {
      return "must be a Kubernetes version such as \"1.31\", not " + quoted(s.text);
    }
    return "";
  }
  if (s.key == "readinessProbePath") {
    std::string err = setString(o.readinessProbePath, s);
    if (err.empty() && (o.readinessProbePath.empty() || o.readinessProbePath[0] != '/')) {
      return "must be an HTTP path starting with \"/\", not " + quoted(s.text);
    }
    return err;
  }
  return "is not a known setting";
}

}  // namespace

std::string presetNames() { return "alb-ip, alb-instance, agic"; }

std::string applySetting(Config& config, const Setting& s) {
  if (const KnobField* f = findKnob(s.key)) return std::visit(Apply{s}, f->in(config.knobs));
  return applyOption(config.options, s);
}

std::optional<timing::Knobs> loadPreset(const std::string& name, std::string& error) {
  auto id = timing::presetFromName(name);
  if (!id) {
    error = "must be one of " + presetNames() + ", not " + quoted(name);
    return std::nullopt;
  }
  for (const auto& src : timing::presetSources()) {
    if (name != src.name) continue;
    yaml::Tree tree;
    if (auto bad = yaml::parseStream(src.yaml, yaml::Limits{}, tree)) {
      error = "preset file presets/" + name + ".yaml is broken: " + bad->describe();
      return std::nullopt;
    }
    Config c;
    c.knobs.preset = *id;
    yaml::NodeId root = tree.docs().empty() ? yaml::kNone : tree.docs()[0];
    for (uint32_t i = 0; tree.isMap(root) && i < tree.mapSize(root); ++i) {
      std::string key(tree.str(tree.keyAt(root, i)));
      Setting s;
      s.key = key;
      s.typed = true;
      yaml::NodeId v = tree.valueAt(root, i);
      if (tree.isSeq(v)) {
        s.shape = Setting::Shape::List;
        for (uint32_t j = 0; j < tree.size(v); ++j) s.items.emplace_back(tree.str(tree.kid(v, j)));
      } else {
        s.text = std::string(tree.str(v));
        s.shape = tree.isString(v) ? Setting::Shape::String : Setting::Shape::Scalar;
      }
      std::string err = findKnob(key) ? applySetting(c, s) : "is not a knob";
      if (!err.empty()) {
        error = "preset file presets/" + name + ".yaml: `" + key + "` " + err;
        return std::nullopt;
      }
    }
    return c.knobs;
  }
  error = "preset " + quoted(name) + " is not built into this binary";
  return std::nullopt;
}

}  // namespace zd::krm
