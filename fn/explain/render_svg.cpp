// A self-contained SVG picture (no fonts, scripts or links from outside): per workload two rows,
// "as is" and "after", each with the termination lanes on the left and the rollout lanes on the
// right, phases as coloured bars on a time axis, event markers, and the broken rules listed below
// in red. Broken phases and events are red too. Every row is a <g class="row"> carrying
// data-top / data-height / data-broken, so a test can look for red where a rule is broken.
#include <algorithm>
#include <cstdint>
#include <sstream>

#include "explain/render.h"
#include "explain/render_util.h"

namespace zd::explain {

using namespace detail;

namespace {

constexpr int kWidth = 1100;
constexpr int kLane = 18;           // lane pitch
constexpr int kBar = 12;            // bar height
constexpr int kMarkerRows = 3;      // levels of event labels above the lanes
constexpr int kLine = 15;           // a line of rule text
constexpr size_t kMaxRules = 8;     // broken rules listed under a row
constexpr size_t kRuleChars = 150;  // characters of bold 11 px text across the row
constexpr const char* kRed = "#d62728";
constexpr const char* kFont = "DejaVu Sans, Verdana, Arial, sans-serif";

struct Panel {
  Lane lane;
  int labelRight;  // right edge of the lane labels
  int x0, x1;      // the time axis
  const char* title;
};

const Panel kPanels[] = {
    {Lane::Termination, 215, 220, 600, "termination (t = 0: old pod deleted)"},
    {Lane::Rollout, 755, 760, 1040, "rollout (t = 0: new pod starts)"},
};

std::string esc(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

const char* phaseFill(const std::string& id) {
  const std::string base = id.substr(0, id.find(':'));
  if (base == "lb-sends" || base == "registering") return "#f2a900";
  if (base == "draining" || base == "health-check") return "#4e79a7";
  if (base == "prestop" || base == "starting") return "#59a14f";
  if (base == "app-shutdown") return "#b07aa1";
  if (base == "min-ready") return "#76b7b2";
  if (base == "gap") return "#edc948";
  return "#9aa5b1";
}

// Short tags for the events worth a marker line.
std::string markerTag(const Event& e) {
  const std::string base = e.id.substr(0, e.id.find(':'));
  if (base == "lb-stops") return "E";
  if (base == "draining-ends") return e.formula;
  if (base == "sigterm") return "SIGTERM";
  if (base == "shutdown-ends") return "P+S";
  if (base == "sigkill") return "SIGKILL";
  if (base == "pod-ready") return "Ready";
  if (base == "lb-healthy") return "healthy";
  if (base == "old-removed") return "old deleted";
  return "";
}

class Svg {
 public:
  explicit Svg(const Explanation& x) : x_(x) {}

  std::string render() {
    const Summary s = summarize(x_);
    int y = 0;
    text(20, y += 30, "zero-downtime explain: preset " + x_.preset, 18, "bold");
    text(20, y += 20,
         std::to_string(x_.workloadsInScope) +
             " workload(s) behind the load balancer; rules broken as is: " +
             std::to_string(s.total.brokenBefore) +
             "; changes: " + std::to_string(s.total.changes) +
             "; rules still broken after: " + std::to_string(s.total.brokenAfter),
         12, "normal");
    y = legend(y + 12);
    if (x_.workloads.empty())
      text(20, y += 24, "No workload sits behind an Ingress of this preset.", 13, "normal");
    for (size_t i = 0; i < x_.workloads.size(); ++i) y = workload(x_.workloads[i], i, y + 16);
    const int height = y + 20;
    std::ostringstream out;
    out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << kWidth << "\" height=\""
        << height << "\" viewBox=\"0 0 " << kWidth << " " << height << "\" font-family=\"" << kFont
        << "\">\n";
    out << "<title>zero-downtime explain: preset " << esc(x_.preset) << "</title>\n";
    out << "<rect width=\"" << kWidth << "\" height=\"" << height << "\" fill=\"#ffffff\"/>\n";
    out << body_.str() << "</svg>\n";
    return out.str();
  }

 private:
  void text(int x, int y, const std::string& s, int size, const char* weight,
            const char* fill = "#1f2328", const char* anchor = "start") {
    body_ << "<text x=\"" << x << "\" y=\"" << y << "\" font-size=\"" << size << "\" font-weight=\""
          << weight << "\" fill=\"" << fill << "\" text-anchor=\"" << anchor << "\">" << esc(s)
          << "</text>\n";
  }

  void rect(int x, int y, int w, int h, const char* fill, double opacity = 1.0,
            const char* extra = "") {
    body_ << "<rect x=\"" << x << "\" y=\"" << y << "\" width=\"" << std::max(w, 1)
          << "\" height=\"" << h << "\" fill=\"" << fill << "\"";
    if (opacity < 1.0) body_ << " fill-opacity=\"" << opacity << "\"";
    body_ << extra << "/>\n";
  }

  void lineTo(int x0, int y0, int x1, int y1, const char* stroke, double width,
              const char* dash = "") {
    body_ << "<line x1=\"" << x0 << "\" y1=\"" << y0 << "\" x2=\"" << x1 << "\" y2=\"" << y1
          << "\" stroke=\"" << stroke << "\" stroke-width=\"" << width << "\"";
    if (*dash) body_ << " stroke-dasharray=\"" << dash << "\"";
    body_ << "/>\n";
  }

  int legend(int y) {
    struct Item {
      const char* id;
      const char* label;
    };
    const Item items[] = {
        {"lb-sends", "LB sends new requests"},   {"draining", "LB draining / health check"},
        {"prestop", "preStop sleep / starting"}, {"app-shutdown", "app shutdown"},
        {"alive", "pod alive until SIGKILL"},    {"min-ready", "minReadySeconds"},
        {"gap", "new pod not yet healthy"}};
    int x = 20;
    y += 8;
    for (const Item& it : items) {
      const int w = 30 + static_cast<int>(width(it.label)) * 64 / 10;
      if (x + w > kWidth - 20) x = 20, y += 16;
      rect(x, y, 14, 10, phaseFill(it.id));
      text(x + 18, y + 9, it.label, 11, "normal");
      x += w;
    }
    if (x + 110 > kWidth - 20) x = 20, y += 16;
    rect(x, y, 14, 10, kRed);
    text(x + 18, y + 9, "broken rule", 11, "bold", kRed);
    text(20, y + 26,
         "Faded bars are estimated lags (lbPropagationSeconds, registrationLagSeconds); others "
         "come from the manifests or the config.",
         11, "normal", "#57606a");
    return y + 30;
  }

  int workload(const WorkloadTimeline& w, size_t index, int y) {
    lineTo(20, y, kWidth - 20, y, "#d0d7de", 1);
    text(20, y += 22, w.display(), 15, "bold");
    std::string via = w.route() + "; serving container(s): ";
    for (size_t i = 0; i < w.containers.size(); ++i) via += (i ? ", " : "") + w.containers[i];
    text(20, y += 16, via, 11, "normal", "#57606a");
    for (const Panel& p : kPanels) text(p.x0, y + 20, p.title, 11, "bold", "#57606a");
    y += 20;
    y = row(w, w.before, "as is", "w" + std::to_string(index) + "-before", y + 4);
    y = row(w, w.after, "after", "w" + std::to_string(index) + "-after", y + 8);
    return y;
  }

  static int lanesOf(const State& s, Lane lane) {
    return static_cast<int>(std::count_if(s.phases.begin(), s.phases.end(),
                                          [&](const Phase& p) { return p.lane == lane; }));
  }

  int row(const WorkloadTimeline& w, const State& s, const std::string& title,
          const std::string& id, int top) {
    const int lanes =
        std::max({lanesOf(w.before, Lane::Termination), lanesOf(w.after, Lane::Termination),
                  lanesOf(w.before, Lane::Rollout), lanesOf(w.after, Lane::Rollout), 1});
    const int lanesTop = top + kMarkerRows * 11 + 4;
    const int axisY = lanesTop + lanes * kLane + 2;
    // Broken rules in red, each on at most two lines.
    std::vector<std::string> lines;
    size_t shown = 0;
    for (const Rule& r : s.rules) {
      if (r.holds) continue;
      if (shown++ == kMaxRules) {
        lines.push_back("... and " + std::to_string(s.broken() - kMaxRules) +
                        " more: see --format text");
        break;
      }
      std::vector<std::string> wrapped =
          wrap("✗ " + r.id + " (" + r.severity + "): " + r.reason, kRuleChars);
      lines.push_back(wrapped[0]);
      if (wrapped.size() > 1) {
        std::string rest;
        for (size_t i = 1; i < wrapped.size(); ++i) rest += (i > 1 ? " " : "") + wrapped[i];
        lines.push_back("    " + fit(rest, kRuleChars - 4));
      }
    }
    const int ruleLines = lines.empty() ? 1 : static_cast<int>(lines.size());
    const int height = axisY + 20 + ruleLines * kLine + 4 - top;
    body_ << "<g class=\"row\" id=\"" << id << "\" data-top=\"" << top << "\" data-height=\""
          << height << "\" data-broken=\"" << s.broken() << "\">\n";
    rect(14, top, kWidth - 28, height, title == "as is" ? "#f6f8fa" : "#f3faf4");
    text(24, top + 18, title, 14, "bold");
    for (const Panel& p : kPanels) panel(w, s, p, lanesTop, axisY);
    int y = axisY + 20;
    if (lines.empty()) {
      text(24, y + 11, "✓ every rule holds (" + std::to_string(s.rules.size()) + ")", 12, "bold",
           "#1a7f37");
    }
    for (size_t i = 0; i < lines.size(); ++i) {
      const bool more = lines[i].rfind("... and ", 0) == 0;
      text(24, y + 11 + static_cast<int>(i) * kLine, lines[i], 11, more ? "normal" : "bold", kRed);
    }
    body_ << "</g>\n";
    return top + height;
  }

  // In 128 bits: times reach 2^53 s (a grace period at the function's cap), and 2^53 times the
  // panel's width in pixels overflows int64.
  int xOf(const Panel& p, int64_t t, int64_t scale) const {
    __extension__ typedef __int128 Wide;
    const Wide span = p.x1 - p.x0;
    return p.x0 + static_cast<int>(Wide{std::min<int64_t>(t, scale)} * span / scale);
  }

  void panel(const WorkloadTimeline& w, const State& s, const Panel& p, int lanesTop, int axisY) {
    const int64_t scale = scaleOf(w, p.lane);
    const int64_t step = niceStep(scale);
    for (int64_t t = 0; t <= scale; t += step) {
      const int x = xOf(p, t, scale);
      lineTo(x, lanesTop - 2, x, axisY, "#d8dee4", 1);
      text(x, axisY + 13, std::to_string(t) + (t == 0 ? " s" : ""), 10, "normal", "#57606a",
           "middle");
    }
    lineTo(p.x0, axisY, p.x1, axisY, "#8c959f", 1);
    int lane = 0;
    for (const Phase& ph : s.phases) {
      if (ph.lane != p.lane) continue;
      const int y = lanesTop + lane++ * kLane;
      const bool bad = !ph.broken.empty();
      text(p.labelRight - 4, y + 10, ph.label, 11, bad ? "bold" : "normal", bad ? kRed : "#1f2328",
           "end");
      const int x0 = xOf(p, ph.start, scale);
      const int x1 = xOf(p, ph.end, scale);
      rect(x0, y, x1 - x0, kBar, bad ? kRed : phaseFill(ph.id), ph.estimate && !bad ? 0.55 : 1.0);
      if (ph.end > scale)
        text(p.x1 + 3, y + 10, "▸ " + std::to_string(ph.end) + " s", 10, "normal",
             bad ? kRed : "#57606a");
    }
    markers(s, p, scale, lanesTop, axisY);
  }

  // A vertical line per key event, its tag staggered over up to three levels so close ones stay
  // readable.
  void markers(const State& s, const Panel& p, int64_t scale, int lanesTop, int axisY) {
    struct Mark {
      int x;
      std::string label;
      bool bad;
    };
    std::vector<Mark> marks;
    for (const Event& e : s.events) {
      const std::string tag = markerTag(e);
      if (e.lane != p.lane || tag.empty() || !e.t || *e.t > scale) continue;
      marks.push_back({xOf(p, *e.t, scale), tag + " " + timeText(e), !e.broken.empty()});
    }
    std::stable_sort(marks.begin(), marks.end(),
                     [](const Mark& a, const Mark& b) { return a.x < b.x; });
    std::vector<std::pair<int, int>> taken[kMarkerRows];  // label spans per level
    for (const Mark& m : marks) {
      const int labelWidth = static_cast<int>(width(m.label)) * 64 / 10 + 4;
      // Near the right edge the tag goes left of its line.
      const bool left = m.x + labelWidth > kWidth - 16;
      const int from = left ? m.x - labelWidth : m.x;
      const int to = left ? m.x : m.x + labelWidth;
      int level = 0;
      auto clash = [&](int l) {
        return std::any_of(taken[l].begin(), taken[l].end(), [&](const std::pair<int, int>& s) {
          return from < s.second && s.first < to;
        });
      };
      while (level < kMarkerRows - 1 && clash(level)) ++level;
      taken[level].push_back({from, to});
      const int y = lanesTop - 4 - (kMarkerRows - 1 - level) * 11;
      const char* color = m.bad ? kRed : "#24292f";
      lineTo(m.x, y + 2, m.x, axisY, color, m.bad ? 2 : 1, m.bad ? "" : "3,2");
      text(left ? m.x - 2 : m.x + 2, y, m.label, 10, m.bad ? "bold" : "normal", color,
           left ? "end" : "start");
    }
  }

  const Explanation& x_;
  std::ostringstream body_;
};

}  // namespace

std::string renderSvg(const Explanation& x) { return Svg(x).render(); }

}  // namespace zd::explain
