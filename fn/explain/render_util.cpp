#include "explain/render_util.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>

#include "explain/render.h"

namespace zd::explain {

bool parseFormat(const std::string& name, Format& out) {
  if (name == "text")
    out = Format::Text;
  else if (name == "markdown")
    out = Format::Markdown;
  else if (name == "json")
    out = Format::Json;
  else if (name == "svg")
    out = Format::Svg;
  else
    return false;
  return true;
}

std::string render(const Explanation& x, Format f, bool color) {
  switch (f) {
    case Format::Text:
      return renderText(x, color);
    case Format::Markdown:
      return renderMarkdown(x);
    case Format::Json:
      return renderJson(x);
    case Format::Svg:
      return renderSvg(x);
  }
  return renderText(x, color);
}

// A workload reached through several front doors has a timeline per door: its rows say which.
Summary summarize(const Explanation& x) {
  Summary s;
  s.total.workload = "total";
  // Per workload: the kinds of its front doors; rows say the kind when they differ, else the
  // Service.
  std::map<std::string, std::set<std::string>> kinds;
  std::map<std::string, int> rows;
  for (const WorkloadTimeline& w : x.workloads) {
    kinds[w.display()].insert(w.frontDoorKind);
    ++rows[w.display()];
  }
  for (const WorkloadTimeline& w : x.workloads) {
    SummaryRow r;
    const std::string service = w.service.substr(w.service.find('/') + 1);
    r.workload = w.display();
    if (rows[w.display()] > 1)
      r.workload +=
          kinds[w.display()].size() > 1 ? " (" + w.frontDoorKind + ")" : " (" + service + ")";
    r.via = w.frontDoorKind + " " + w.frontDoor;
    r.brokenBefore = w.before.broken();
    r.changes = w.changes.size();
    r.brokenAfter = w.after.broken();
    s.total.brokenBefore += r.brokenBefore;
    s.total.changes += r.changes;
    s.total.brokenAfter += r.brokenAfter;
    s.rows.push_back(std::move(r));
    for (const Rule& rule : w.after.rules) {
      if (!rule.holds)
        s.stillBroken.push_back(StillBroken{w.display(), rule.id, rule.severity, rule.reason});
    }
  }
  return s;
}

namespace detail {

size_t width(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string padRight(const std::string& s, size_t w) {
  const size_t n = width(s);
  return n >= w ? s : s + std::string(w - n, ' ');
}

std::string padLeft(const std::string& s, size_t w) {
  const size_t n = width(s);
  return n >= w ? s : std::string(w - n, ' ') + s;
}

std::string fit(const std::string& s, size_t w) {
  if (width(s) <= w) return s;
  std::string out;
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80) {
      if (n + 1 == w) break;
      ++n;
    }
    out += s[i];
  }
  return out + "…";
}

std::vector<std::string> wrap(const std::string& s, size_t w) {
  std::vector<std::string> lines;
  std::string line;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t end = s.find(' ', pos);
    if (end == std::string::npos) end = s.size();
    const std::string word = s.substr(pos, end - pos);
    pos = end + 1;
    if (word.empty()) continue;
    if (!line.empty() && width(line) + 1 + width(word) > w) {
      lines.push_back(line);
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

std::string timeText(const Event& e) {
  if (!e.t) return e.formula == "-" ? "-" : "?";
  const std::string v = std::to_string(*e.t);
  if (e.upTo) return "≤" + v;
  if (e.estimate && *e.t != 0) return "~" + v;
  return v;
}

std::string originText(const Quantity& q) {
  if (q.origin == "function") return "set by " + q.rule;
  return q.origin;
}

std::string quantityText(const Quantity& q) {
  std::string v = "?";
  if (!q.shown.empty())
    v = q.shown;
  else if (q.value)
    v = std::to_string(*q.value);
  return v + " " + originText(q);
}

const Event* findEvent(const State& s, const std::string& id) {
  for (const Event& e : s.events) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

std::vector<std::string> eventIds(const WorkloadTimeline& w, Lane lane) {
  std::vector<std::string> ids;
  for (const State* s : {&w.after, &w.before}) {
    for (const Event& e : s->events) {
      if (e.lane == lane && std::find(ids.begin(), ids.end(), e.id) == ids.end())
        ids.push_back(e.id);
    }
  }
  // In time order of the state the function leaves; an event without a time keeps its place
  // after the one before it.
  auto at = [&](const std::string& id) -> int64_t {
    for (const State* s : {&w.after, &w.before}) {
      if (const Event* e = findEvent(*s, id); e && e->t) return *e->t;
    }
    return INT64_MAX;
  };
  std::stable_sort(ids.begin(), ids.end(),
                   [&](const std::string& a, const std::string& b) { return at(a) < at(b); });
  return ids;
}

int64_t niceStep(int64_t max) {
  static const int64_t steps[] = {1,   2,   5,   10,  15,   20,   30,  60,
                                  120, 300, 600, 900, 1800, 3600, 7200};
  for (int64_t s : steps) {
    if (max <= s * 6) return s;
  }
  return (max / 6 / 3600 + 1) * 3600;
}

int64_t scaleOf(const WorkloadTimeline& w, Lane lane) {
  int64_t max = 1;
  for (const State* s : {&w.before, &w.after}) {
    for (const Phase& p : s->phases) {
      if (p.lane == lane && p.id != "draining") max = std::max(max, p.end);
    }
    for (const Event& e : s->events) {
      if (e.lane == lane && e.t && e.id != "draining-ends") max = std::max(max, *e.t);
    }
  }
  const int64_t step = niceStep(max);
  return (max + step - 1) / step * step;
}

std::string sourceDiff(const State& before, const Event* b, const State& after, const Event* a) {
  std::vector<std::string> symbols;
  for (const Event* e : {a, b}) {
    if (!e) continue;
    for (const std::string& u : e->uses) {
      if (std::find(symbols.begin(), symbols.end(), u) == symbols.end()) symbols.push_back(u);
    }
  }
  std::string out;
  for (const std::string& sym : symbols) {
    auto used = [&](const Event* e) {
      return e && std::find(e->uses.begin(), e->uses.end(), sym) != e->uses.end();
    };
    const Quantity* qb = used(b) ? before.quantity(sym) : nullptr;
    const Quantity* qa = used(a) ? after.quantity(sym) : nullptr;
    std::string part;
    if (qa && qb && originText(*qa) != originText(*qb)) {
      part = qa->setting + " (" + originText(*qb) + " → " + originText(*qa) + ")";
    } else if (qa) {
      part = qa->setting + " (" + originText(*qa) + (qb ? "" : ", after only") + ")";
    } else if (qb) {
      part = qb->setting + " (" + originText(*qb) + ", as is only)";
    }
    if (!part.empty()) out += (out.empty() ? "" : ", ") + part;
  }
  return out.empty() ? "Kubernetes, at once" : out;
}

std::string joinIds(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : ",") + id;
  return out;
}

}  // namespace detail
}  // namespace zd::explain
