// Helpers shared by the tests: files, the corpus, an independent deep-equal.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

namespace zd::test {

std::string readFile(const std::string& path);
// Every *.yaml under ../shared/corpus, sorted.
std::vector<std::string> corpusFiles();
// Non-null documents as yaml-cpp (not our parser) reads them.
std::vector<YAML::Node> loadDocs(const std::string& text);
// Same structure, key order, scalar text and plain/non-plain tag. On a
// mismatch, `where` gets the path of the first difference.
bool deepEqual(const YAML::Node& a, const YAML::Node& b, std::string& where);

}  // namespace zd::test
