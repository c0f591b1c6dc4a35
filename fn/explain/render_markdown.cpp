// Markdown for a pull-request comment (GitHub-flavoured tables): the summary, then per workload
// its timeline table, the rules that break in either state, the changes, and the rules that hold
// throughout folded away in <details>.
#include "explain/render.h"
#include "explain/render_util.h"

namespace zd::explain {

using namespace detail;

namespace {

// A table cell: pipes escaped, no line breaks.
std::string cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += ' ';
    else
      out += c;
  }
  return out;
}

std::string code(const std::string& s) { return "`" + s + "`"; }

std::string ruleStatus(const Rule& r) { return r.holds ? "✅ holds" : "❌ " + r.severity; }

std::string name(const WorkloadTimeline& w) {
  return w.kind + " " + code(w.namespace_.empty() ? w.name : w.namespace_ + "/" + w.name);
}

void summary(const Explanation& x, std::string& out) {
  const Summary s = summarize(x);
  out += "## zero-downtime explain: preset " + code(x.preset) + "\n\n";
  out += std::to_string(x.workloadsInScope) + " workload(s) behind the load balancer.\n\n";
  if (!s.rows.empty()) {
    out += "| workload | via | rules broken as is | changes | rules broken after |\n";
    out += "|---|---|--:|--:|--:|\n";
    for (size_t i = 0; i < s.rows.size(); ++i) {
      const SummaryRow& r = s.rows[i];
      out += "| " + name(x.workloads[i]) + " | " + x.workloads[i].frontDoorKind + " " +
             code(x.workloads[i].frontDoor) + " | " + std::to_string(r.brokenBefore) + " | " +
             std::to_string(r.changes) + " | " + std::to_string(r.brokenAfter) + " |\n";
    }
    if (s.rows.size() > 1) {
      out += "| **total** | | " + std::to_string(s.total.brokenBefore) + " | " +
             std::to_string(s.total.changes) + " | " + std::to_string(s.total.brokenAfter) + " |\n";
    }
    out += "\n";
    if (s.stillBroken.empty()) {
      out += "Every rule holds after the function.\n\n";
    } else {
      out += "**Still broken after the function, and why:**\n\n";
      for (const StillBroken& b : s.stillBroken) {
        out += "- " + b.workload + ": **" + b.id + "** (" + b.severity + ") " + b.reason + "\n";
      }
      out += "\n";
    }
  }
  if (!x.drains.empty()) {
    out += "**Node drains** (cluster upgrades, consolidation, spot interruptions):\n\n";
    for (const DrainNote& d : x.drains) out += "- " + d.workload + ": " + d.text + "\n";
    out += "\n";
  }
  if (!x.notes.empty()) {
    out += "Notes:\n\n";
    for (const std::string& n : x.notes) out += "- " + n + "\n";
    out += "\n";
  }
}

std::string timeCell(const Event* e) {
  if (!e) return "";
  const std::string t = timeText(*e);
  return e->broken.empty() ? t : "❌ " + t + " (" + joinIds(e->broken) + ")";
}

void timeline(const WorkloadTimeline& w, std::string& out) {
  out += "| event | as is (s) | after (s) | formula | from |\n";
  out += "|---|--:|--:|---|---|\n";
  for (Lane lane : {Lane::Termination, Lane::Rollout}) {
    out += lane == Lane::Termination
               ? "| **termination**: t = 0 when the old pod is deleted | | | | |\n"
               : "| **rollout**: t = 0 when the new pod's containers start | | | | |\n";
    for (const std::string& id : eventIds(w, lane)) {
      const Event* b = findEvent(w.before, id);
      const Event* a = findEvent(w.after, id);
      const Event* any = a ? a : b;
      std::string formula = code(any->formula);
      if (a && b && a->formula != b->formula)
        formula = "as is " + code(b->formula) + "<br>after " + code(a->formula);
      const std::string from = sourceDiff(w.before, b, w.after, a);
      out += "| " + cell(any->label) + " | " + timeCell(b) + " | " + timeCell(a) + " | " +
             cell(formula) + " | " + cell(from) + " |\n";
    }
  }
  out += "\n";
}

void rules(const WorkloadTimeline& w, std::string& out) {
  std::string broken, holding;
  size_t held = 0;
  for (size_t i = 0; i < w.after.rules.size() && i < w.before.rules.size(); ++i) {
    const Rule& b = w.before.rules[i];
    const Rule& a = w.after.rules[i];
    if (b.holds && a.holds) {
      holding += "| " + a.id + " | " + cell(a.reason) + " |\n";
      ++held;
      continue;
    }
    std::string why = "as is: " + b.reason + "<br>after: " + a.reason;
    if (!b.holds && !a.holds && a.reason.compare(0, b.reason.size(), b.reason) == 0) why = a.reason;
    broken += "| **" + a.id + "** | " + ruleStatus(b) + " | " + ruleStatus(a) + " | " + cell(why) +
              " |\n";
  }
  if (!broken.empty()) {
    out += "| rule | as is | after | why |\n|---|---|---|---|\n" + broken + "\n";
  }
  if (held > 0) {
    out +=
        "<details><summary>" + std::to_string(held) + " rule(s) hold as is and after</summary>\n\n";
    out += "| rule | why it holds (after) |\n|---|---|\n" + holding + "\n</details>\n\n";
  }
}

void changes(const WorkloadTimeline& w, std::string& out) {
  if (w.changes.empty()) {
    out += "The function changes nothing here.\n\n";
    return;
  }
  out += "Changes the function makes (" + std::to_string(w.changes.size()) + "):\n\n";
  out += "| field | as is | after | rule |\n|---|---|---|---|\n";
  for (const Change& c : w.changes) {
    out += "| " + cell(code(c.field)) + " | " + cell(c.from) + " | " + cell(c.to) + " | " + c.rule +
           " |\n";
  }
  out += "\n";
}

}  // namespace

std::string renderMarkdown(const Explanation& x) {
  std::string out;
  summary(x, out);
  for (const WorkloadTimeline& w : x.workloads) {
    out += "### " + name(w) + "\n\n";
    const bool own = w.frontDoorKind == "Service" && w.frontDoor == w.service;
    out += w.frontDoorKind + " " + code(w.frontDoor) +
           (own ? std::string() : " → Service " + code(w.service)) + "; serving container(s): ";
    for (size_t i = 0; i < w.containers.size(); ++i) out += (i ? ", " : "") + code(w.containers[i]);
    out += "\n\n";
    timeline(w, out);
    rules(w, out);
    changes(w, out);
    for (const std::string& n : w.notes) out += "> " + n + "\n\n";
  }
  while (out.size() > 1 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n')
    out.pop_back();
  return out;
}

}  // namespace zd::explain
