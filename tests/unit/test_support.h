// Helpers shared by the tests: files, the corpus, an independent deep-equal.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "krm/run.h"

namespace zd::test {

std::string readFile(const std::string& path);
// The corpus of real-world manifests: $ZD_CORPUS_DIR, else ../shared/corpus beside the
// repository when it exists; "" when there is none (the corpus tests then skip).
std::string corpusDir();
// Every *.yaml under corpusDir(), sorted; empty without a corpus.
std::vector<std::string> corpusFiles();
// The line a corpus test skips with.
inline constexpr const char* kNoCorpus =
    "SKIP: no corpus of real-world manifests (set ZD_CORPUS_DIR to a folder of them to run this "
    "test)";
// Non-null documents as yaml-cpp (not our parser) reads them.
std::vector<YAML::Node> loadDocs(const std::string& text);
// Same structure, key order, scalar text and plain/non-plain tag. On a
// mismatch, `where` gets the path of the first difference.
bool deepEqual(const YAML::Node& a, const YAML::Node& b, std::string& where);
// True when `a` and `b` hold the same documents (deepEqual, one by one).
bool sameDocs(const std::string& a, const std::string& b);

// Parses `in` with our parser (a parse error fails the test) and writes it back.
std::string roundTrip(const std::string& in);

// What `--preset NAME` (and `--check`) on the command line give.
krm::RunOptions presetOptions(const std::string& preset, bool check = false);

// A stream: Deployment shop/web (one container, grace 60, readiness probe,
// preStop sleep 30, RollingUpdate 1/0) behind Service and ALB Ingress "web".
// Tests change one line of it with replaced().
extern const char* const kWebApp;
// `text` with its only occurrence of `from` replaced by `to` (throws if none).
std::string replaced(std::string text, const std::string& from, const std::string& to);

}  // namespace zd::test
