// Renderers of an Explanation. Each is a pure function of it; main decides the format and, for
// text, whether stdout is a terminal (colour).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "explain/timeline.h"

namespace zd::explain {

enum class Format { Text, Markdown, Json, Svg };

// "text", "markdown", "json", "svg"; false for anything else.
bool parseFormat(const std::string& name, Format& out);

std::string renderText(const Explanation& x, bool color);
std::string renderMarkdown(const Explanation& x);
std::string renderJson(const Explanation& x);
std::string renderSvg(const Explanation& x);

std::string render(const Explanation& x, Format f, bool color);

// The whole-input summary every format leads with.
struct SummaryRow {
  std::string workload;  // "Deployment shop/checkout"
  std::string via;       // "Ingress shop/checkout"
  size_t brokenBefore = 0, changes = 0, brokenAfter = 0;
};

struct StillBroken {
  std::string workload, id, severity, reason;  // reason ends with "; not fixed: <why>"
};

struct Summary {
  std::vector<SummaryRow> rows;
  SummaryRow total;
  std::vector<StillBroken> stillBroken;
};

Summary summarize(const Explanation& x);

}  // namespace zd::explain
