// `zero-downtime explain` as text in -> text out + exit code, like krm::run. main() only adds
// argv, stdin, stdout and whether stdout is a terminal.
#pragma once

#include <string>
#include <string_view>

#include "explain/render.h"
#include "explain/timeline.h"
#include "krm/run.h"

namespace zd::explain {

struct Options {
  krm::RunOptions run;  // the same input limits, --config and flag overrides as the function
  Format format = Format::Text;
  bool color = false;
};

struct Output {
  std::string out;  // the rendered explanation; empty on exit 1
  std::string err;  // on exit 1: the function's own error results and summary
  int exitCode = 0;
};

// Exit 0 whatever the rules say (explaining is not failing); 1 exactly when the function itself
// would refuse the input or the config, with the same messages.
Output explain(std::string_view input, const Options& options);

// The model of the output, for tests and other renderers. `err` gets the error text when the
// input or config is invalid (then the Explanation is empty).
Explanation explanationOf(std::string_view input, const krm::RunOptions& options, std::string& err);

}  // namespace zd::explain
