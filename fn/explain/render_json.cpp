// JSON for tools: keys in a fixed order, two-space indent, times as numbers (null when unknown).
// Shape: {preset, workloadsInScope, summary (with drains), workloads: [{..., before: State, after:
// State}], notes}
#include <cstdio>

#include "explain/render.h"

namespace zd::explain {
namespace {

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

// A tiny writer: the caller opens and closes; commas and indentation are handled here.
class Json {
 public:
  std::string take() { return std::move(out_) + "\n"; }

  void open(const std::string& key, char bracket) {
    item(key);
    out_ += bracket;
    first_.push_back(true);
  }
  void close(char bracket) {
    const bool empty = first_.back();
    first_.pop_back();
    if (!empty) newline();
    out_ += bracket;
  }
  void str(const std::string& key, const std::string& v) { item(key), out_ += quote(v); }
  void num(const std::string& key, int64_t v) { item(key), out_ += std::to_string(v); }
  void opt(const std::string& key, const std::optional<int64_t>& v) {
    item(key);
    out_ += v ? std::to_string(*v) : "null";
  }
  void boolean(const std::string& key, bool v) { item(key), out_ += v ? "true" : "false"; }
  void strings(const std::string& key, const std::vector<std::string>& v) {
    item(key);
    out_ += "[";
    for (size_t i = 0; i < v.size(); ++i) out_ += (i ? ", " : "") + quote(v[i]);
    out_ += "]";
  }

 private:
  void newline() { out_ += "\n" + std::string(2 * first_.size(), ' '); }
  void item(const std::string& key) {
    if (!first_.empty()) {
      if (!first_.back()) out_ += ",";
      first_.back() = false;
      newline();
    }
    if (!key.empty()) out_ += quote(key) + ": ";
  }

  std::string out_;
  std::vector<bool> first_;
};

void state(Json& j, const std::string& key, const State& s) {
  j.open(key, '{');
  j.open("quantities", '[');
  for (const Quantity& q : s.quantities) {
    j.open("", '{');
    j.str("symbol", q.symbol);
    j.str("setting", q.setting);
    j.opt("value", q.value);
    if (!q.shown.empty()) j.str("shown", q.shown);
    j.str("origin", q.origin);
    if (!q.rule.empty()) j.str("rule", q.rule);
    j.boolean("estimate", q.estimate);
    j.str("source", q.source());
    j.close('}');
  }
  j.close(']');
  j.open("events", '[');
  for (const Event& e : s.events) {
    j.open("", '{');
    j.str("id", e.id);
    j.str("lane", laneName(e.lane));
    j.str("label", e.label);
    j.opt("t", e.t);
    j.boolean("estimate", e.estimate);
    j.boolean("upTo", e.upTo);
    j.str("formula", e.formula);
    j.str("source", s.sourceOf(e));
    j.strings("broken", e.broken);
    j.close('}');
  }
  j.close(']');
  j.open("phases", '[');
  for (const Phase& p : s.phases) {
    j.open("", '{');
    j.str("id", p.id);
    j.str("lane", laneName(p.lane));
    j.str("label", p.label);
    j.num("start", p.start);
    j.num("end", p.end);
    j.boolean("estimate", p.estimate);
    j.strings("broken", p.broken);
    j.close('}');
  }
  j.close(']');
  j.open("rules", '[');
  for (const Rule& r : s.rules) {
    j.open("", '{');
    j.str("id", r.id);
    j.str("field", r.field);
    j.str("status", r.holds ? "holds" : "broken");
    j.str("severity", r.severity);
    j.str("reason", r.reason);
    j.close('}');
  }
  j.close(']');
  j.num("broken", static_cast<int64_t>(s.broken()));
  j.close('}');
}

void workload(Json& j, const WorkloadTimeline& w) {
  j.open("", '{');
  j.str("kind", w.kind);
  j.str("namespace", w.namespace_);
  j.str("name", w.name);
  if (!w.preset.empty()) j.str("preset", w.preset);
  // An NLB's Service is its own front door: "frontDoorKind": "Service", and no "ingress".
  if (w.frontDoorKind == "Ingress") {
    j.str("ingress", w.frontDoor);
  } else {
    j.str("frontDoorKind", w.frontDoorKind);
  }
  j.str("service", w.service);
  j.strings("containers", w.containers);
  state(j, "before", w.before);
  state(j, "after", w.after);
  j.open("changes", '[');
  for (const Change& c : w.changes) {
    j.open("", '{');
    j.str("field", c.field);
    j.str("from", c.from);
    j.str("to", c.to);
    j.str("rule", c.rule);
    j.str("message", c.message);
    j.close('}');
  }
  j.close(']');
  j.strings("notes", w.notes);
  j.close('}');
}

}  // namespace

std::string renderJson(const Explanation& x) {
  const Summary s = summarize(x);
  Json j;
  j.open("", '{');
  j.str("preset", x.preset);
  j.num("workloadsInScope", static_cast<int64_t>(x.workloadsInScope));
  j.open("summary", '{');
  j.open("rows", '[');
  for (const SummaryRow& r : s.rows) {
    j.open("", '{');
    j.str("workload", r.workload);
    j.str("via", r.via);
    j.num("brokenBefore", static_cast<int64_t>(r.brokenBefore));
    j.num("changes", static_cast<int64_t>(r.changes));
    j.num("brokenAfter", static_cast<int64_t>(r.brokenAfter));
    j.close('}');
  }
  j.close(']');
  j.num("brokenBefore", static_cast<int64_t>(s.total.brokenBefore));
  j.num("changes", static_cast<int64_t>(s.total.changes));
  j.num("brokenAfter", static_cast<int64_t>(s.total.brokenAfter));
  j.open("stillBroken", '[');
  for (const StillBroken& b : s.stillBroken) {
    j.open("", '{');
    j.str("workload", b.workload);
    j.str("rule", b.id);
    j.str("severity", b.severity);
    j.str("reason", b.reason);
    j.close('}');
  }
  j.close(']');
  j.open("drains", '[');
  for (const DrainNote& d : x.drains) {
    j.open("", '{');
    j.str("workload", d.workload);
    j.str("drain", d.text);
    j.close('}');
  }
  j.close(']');
  j.close('}');
  j.open("workloads", '[');
  for (const WorkloadTimeline& w : x.workloads) workload(j, w);
  j.close(']');
  j.strings("notes", x.notes);
  j.close('}');
  return j.take();
}

}  // namespace zd::explain
