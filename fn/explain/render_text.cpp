// The terminal view: 80 columns, a proportional bar per phase, colour only when asked (main
// passes it when stdout is a terminal). Without colour every broken item also carries "✗".
#include <algorithm>
#include <cstdint>

#include "explain/render.h"
#include "explain/render_util.h"

namespace zd::explain {

using namespace detail;

namespace {

constexpr size_t kBarLabel = 18;  // phase label column, with its indent
constexpr size_t kBarWidth = 48;  // columns of the time scale

class Text {
 public:
  explicit Text(bool color) : color_(color) {}

  std::string take() { return std::move(out_); }

  std::string paint(const std::string& s, const char* code) const {
    return color_ && !s.empty() ? std::string("\x1b[") + code + "m" + s + "\x1b[0m" : s;
  }

  void line(const std::string& s = "") {
    std::string l = s;
    while (!l.empty() && l.back() == ' ') l.pop_back();
    out_ += l + "\n";
  }

  void summary(const Explanation& x);
  void workload(const WorkloadTimeline& w);

 private:
  void events(const WorkloadTimeline& w, Lane lane);
  void settings(const WorkloadTimeline& w);
  void bars(const WorkloadTimeline& w, Lane lane);
  void barRows(const State& s, Lane lane, int64_t scale);
  void rules(const WorkloadTimeline& w);
  void changes(const WorkloadTimeline& w);
  std::string status(const Rule& r) const;

  bool color_;
  std::string out_;
};

const char* kRed = "31";
const char* kGreen = "32";
const char* kBold = "1";
const char* kDim = "2";

const char* phaseColor(const std::string& id) {
  const std::string base = id.substr(0, id.find(':'));
  if (base == "lb-sends" || base == "registering") return "33";
  if (base == "draining" || base == "health-check") return "34";
  if (base == "prestop" || base == "starting") return "32";
  if (base == "app-shutdown") return "35";
  if (base == "gap") return "33";
  return "36";
}

void Text::summary(const Explanation& x) {
  const Summary s = summarize(x);
  line(paint("zero-downtime explain: preset " + x.preset, kBold));
  line(std::to_string(x.workloadsInScope) + " workload(s) behind the load balancer");
  line();
  if (s.rows.empty()) {
    line("No workload sits behind an Ingress of this preset: nothing to explain.");
  } else {
    line(padRight("workload", 44) + padLeft("broken as is", 12) + padLeft("changes", 10) +
         padLeft("broken after", 14));
    for (const SummaryRow& r : s.rows) {
      line(padRight(fit(r.workload, 43), 44) + padLeft(std::to_string(r.brokenBefore), 12) +
           padLeft(std::to_string(r.changes), 10) + padLeft(std::to_string(r.brokenAfter), 14));
    }
    if (s.rows.size() > 1) {
      line(padRight("total", 44) + padLeft(std::to_string(s.total.brokenBefore), 12) +
           padLeft(std::to_string(s.total.changes), 10) +
           padLeft(std::to_string(s.total.brokenAfter), 14));
    }
    line();
    if (s.stillBroken.empty()) {
      line("Every rule holds after the function.");
    } else {
      line("Still broken after the function, and why:");
      for (const StillBroken& b : s.stillBroken) {
        const std::vector<std::string> text =
            wrap(b.workload + ": " + b.id + " (" + b.severity + ") " + b.reason, 76);
        for (size_t i = 0; i < text.size(); ++i) line((i == 0 ? "  " : "    ") + text[i]);
      }
    }
  }
  if (!x.drains.empty()) {
    line();
    line("Node drains (cluster upgrades, consolidation, spot interruptions):");
    for (const DrainNote& d : x.drains) {
      const std::vector<std::string> text = wrap(d.workload + ": " + d.text, 76);
      for (size_t i = 0; i < text.size(); ++i) line((i == 0 ? "  " : "    ") + text[i]);
    }
  }
  if (!x.notes.empty()) line();
  for (const std::string& n : x.notes) {
    const std::vector<std::string> text = wrap("note: " + n, 78);
    for (size_t i = 0; i < text.size(); ++i) line((i == 0 ? "" : "  ") + text[i]);
  }
}

void Text::workload(const WorkloadTimeline& w) {
  line();
  std::string rule;
  for (int i = 0; i < 80; ++i) rule += "═";
  line(rule);
  line(paint(w.display(), kBold));
  line(fit("via " + w.route(), 80));
  std::string serving = "serving container(s): ";
  for (size_t i = 0; i < w.containers.size(); ++i) serving += (i ? ", " : "") + w.containers[i];
  for (const std::string& l : wrap(serving, 80)) line(l);
  line();
  line(paint("Termination", kBold) + ": t = 0 when the old pod is deleted");
  events(w, Lane::Termination);
  line();
  line(paint("Rollout", kBold) + ": t = 0 when the new pod's containers start");
  events(w, Lane::Rollout);
  line();
  settings(w);
  line();
  bars(w, Lane::Termination);
  line();
  bars(w, Lane::Rollout);
  line();
  rules(w);
  line();
  changes(w);
  for (const std::string& n : w.notes) {
    const std::vector<std::string> text = wrap("note: " + n, 78);
    for (size_t i = 0; i < text.size(); ++i) line((i == 0 ? "" : "  ") + text[i]);
  }
}

void Text::events(const WorkloadTimeline& w, Lane lane) {
  line(
      paint("  " + padRight("event", 34) + padLeft("as is", 7) + padLeft("after", 8) + "   formula",
            kDim));
  for (const std::string& id : eventIds(w, lane)) {
    const Event* b = findEvent(w.before, id);
    const Event* a = findEvent(w.after, id);
    const Event* any = a ? a : b;
    // A time as wide as its column (int32's 2147483647 is) still gets a space before it.
    auto cell = [&](const Event* e, size_t width) {
      if (!e) return padLeft("", width);
      std::string t = timeText(*e);
      if (!e->broken.empty()) t = "✗ " + t;
      t = detail::width(t) < width ? padLeft(t, width) : " " + t;
      return e->broken.empty() ? t : paint(t, kRed);
    };
    line("  " + padRight(fit(any->label, 33), 34) + cell(b, 7) + cell(a, 8) + "   " +
         fit(any->formula, 26));
    if (a && b && a->formula != b->formula)
      line(std::string(54, ' ') + fit("as is: " + b->formula, 26));
  }
}

void Text::settings(const WorkloadTimeline& w) {
  line(paint("  " + padRight("setting", 44) + padRight("as is", 17) + "after", kDim));
  for (const Quantity& q : w.after.quantities) {
    const Quantity* b = w.before.quantity(q.symbol);
    const std::string before = b ? quantityText(*b) : "";
    std::string after = quantityText(q);
    if (q.origin == "function") after = paint(after, kGreen);
    line("  " + padRight(q.symbol, 7) + padRight(fit(q.setting, 36), 37) +
         padRight(fit(before, 16), 17) + after);
  }
}

size_t col(int64_t t, int64_t scale) {
  return static_cast<size_t>((t * static_cast<int64_t>(kBarWidth) + scale / 2) / scale);
}

void Text::bars(const WorkloadTimeline& w, Lane lane) {
  const int64_t scale = scaleOf(w, lane);
  const int64_t step = niceStep(scale);
  std::string axis(kBarWidth + 6, ' ');
  size_t free = 0;
  for (int64_t t = 0; t <= scale; t += step) {
    const std::string label = std::to_string(t) + (t == 0 ? "s" : "");
    const size_t c = col(t, scale);
    if (c < free || c + label.size() > axis.size()) continue;
    axis.replace(c, label.size(), label);
    free = c + label.size() + 1;
  }
  line(paint(lane == Lane::Termination ? "Termination, to scale" : "Rollout, to scale", kBold) +
       "  (█ set by the manifests or config, ░ estimated lag)");
  line(paint("  " + padRight("", kBarLabel) + " " + axis, kDim));
  for (const State* s : {&w.before, &w.after}) {
    line("  " + std::string(s == &w.before ? "as is" : "after"));
    barRows(*s, lane, scale);
  }
}

void Text::barRows(const State& s, Lane lane, int64_t scale) {
  for (const Phase& p : s.phases) {
    if (p.lane != lane) continue;
    const size_t from = std::min(col(p.start, scale), kBarWidth);
    size_t to = std::min(col(p.end, scale), kBarWidth);
    if (p.end > p.start && to == from && from < kBarWidth) ++to;
    const std::string glyph = p.estimate ? "░" : "█";
    std::string bar;
    for (size_t i = 0; i < to - from; ++i) bar += glyph;
    std::string suffix;
    if (p.end > scale) suffix += "▸" + std::to_string(p.end);
    if (!p.broken.empty())
      suffix += (suffix.empty() ? " " : " ") + std::string("✗ ") + joinIds(p.broken);
    const char* code = p.broken.empty() ? phaseColor(p.id) : kRed;
    if (p.end == p.start) {
      bar = "│";
      suffix = " 0 s" + suffix;
      to = from + 1;
    }
    const size_t room = 80 - std::min<size_t>(80, 4 + (kBarLabel - 2) + 1 + to);
    line("    " + padRight(fit(p.label, kBarLabel - 2), kBarLabel - 2) + " " +
         std::string(from, ' ') + paint(bar, code) +
         paint(fit(suffix, room), p.broken.empty() ? "" : kRed));
  }
}

// A padded status cell: "ok", or "✗ " and the severity of what breaks it.
std::string Text::status(const Rule& r) const {
  if (r.holds) return paint(padRight("ok", 9), kGreen);
  const std::string word = r.severity == "warning" ? "warn"
                           : r.severity == "error" ? "error"
                                                   : "info";
  return paint(padRight("✗ " + word, 9), kRed);
}

void Text::rules(const WorkloadTimeline& w) {
  line(paint("Rules", kBold) + "  (one line each: why it holds, or what breaks it)");
  line(paint("  " + padRight("rule", 6) + padRight("as is", 9) + padRight("after", 9) + "why",
             kDim));
  const size_t indent = 2 + 6 + 9 + 9;
  const std::string gap(indent, ' ');
  for (size_t i = 0; i < w.after.rules.size() && i < w.before.rules.size(); ++i) {
    const Rule& b = w.before.rules[i];
    const Rule& a = w.after.rules[i];
    std::vector<std::string> reasons;
    if (b.holds && a.holds) {
      reasons.push_back(a.reason);
    } else if (!b.holds && !a.holds && a.reason.compare(0, b.reason.size(), b.reason) == 0) {
      reasons.push_back(a.reason);
    } else {
      reasons.push_back("as is: " + b.reason);
      reasons.push_back("after: " + a.reason);
    }
    const std::string head = "  " + padRight(a.id, 6) + status(b) + status(a);
    bool first = true;
    for (const std::string& reason : reasons) {
      for (const std::string& l : wrap(reason, 80 - indent)) {
        line((first ? head : gap) + l);
        first = false;
      }
    }
  }
}

void Text::changes(const WorkloadTimeline& w) {
  line(paint("Changes the function makes", kBold) + " (" + std::to_string(w.changes.size()) + ")");
  if (w.changes.empty()) line("  none");
  for (const Change& c : w.changes) {
    const std::string& rule = c.rule;
    const std::vector<std::string> text =
        wrap(c.field + ": " + c.from + " -> " + c.to + "  [" + rule + "]", 76);
    for (size_t i = 0; i < text.size(); ++i) line((i == 0 ? "  " : "      ") + text[i]);
  }
}

}  // namespace

std::string renderText(const Explanation& x, bool color) {
  Text t(color);
  t.summary(x);
  for (const WorkloadTimeline& w : x.workloads) t.workload(w);
  return t.take();
}

}  // namespace zd::explain
