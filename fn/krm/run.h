// The whole function as text in -> text out + exit code. main() is only
// argv, stdin and stdout around this, so every test runs it in memory.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "krm/config.h"
#include "krm/envelope.h"
#include "yaml/parse.h"

namespace zd::krm {

struct RunOptions {
  yaml::Limits limits;
  std::string configFileText;  // --config FILE's text, "" when not given
  std::string configFileName;  // for messages
  std::vector<Setting> flags;  // command-line overrides; they win over every config
  // Stream mode: leave Kptfiles and config.kubernetes.io/local-config objects
  // out of the output (Argo CD applies whatever a plugin prints).
  bool dropLocalConfig = false;
  // The bytes of edits the transform keeps in the tree before it rewrites workloads as they are
  // written (transform/transform.h); unset: its default. Tests set 0 and SIZE_MAX: the output
  // must not depend on it.
  std::optional<size_t> inPlaceBudget;
};

struct RunOutput {
  std::string out;  // stdout: the ResourceList or stream; empty only on exit 1
  std::string err;  // stderr: a summary, and the results in stream mode
  int exitCode = 0;
  std::vector<Result> results;  // what `out` or `err` reports, for tests and explain
};

RunOutput run(std::string_view input, const RunOptions& options);

// Settings from every config source, lowest priority first: functionConfig
// or --config FILE (both at once is an error), then flags. `fileTree` holds
// the parsed --config file; `source` names the config object for messages.
std::vector<Setting> collectSettings(const yaml::Tree& tree, const Envelope& env,
                                     const RunOptions& options, yaml::Tree& fileTree,
                                     std::vector<Result>& errors, ConfigSource& source);

// The same for main: `input` is freed once parsed, and stdout, then stderr, are written in
// chunks through `writeOut` and `writeErr`, so that neither a large input nor a large output
// (a million results) is ever held whole. Returns the exit code.
using Writer = std::function<void(std::string_view)>;
int runStreaming(std::string&& input, const RunOptions& options, const Writer& writeOut,
                 const Writer& writeErr);

}  // namespace zd::krm
