#include "test_support.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace zd::test {

std::string readFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::vector<std::string> corpusFiles() {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  fs::path root = fs::path(ZD_SOURCE_DIR) / ".." / "shared" / "corpus";
  if (!fs::exists(root)) return out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file() && e.path().extension() == ".yaml") out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<YAML::Node> loadDocs(const std::string& text) {
  std::vector<YAML::Node> out;
  for (const YAML::Node& d : YAML::LoadAll(text)) {
    if (!d.IsNull()) out.push_back(d);
  }
  return out;
}

bool deepEqual(const YAML::Node& a, const YAML::Node& b, std::string& where) {
  if (a.Type() != b.Type()) {
    where += " (node type differs)";
    return false;
  }
  if (a.IsScalar()) {
    bool typedA = a.Tag() == "?", typedB = b.Tag() == "?";
    if (a.Scalar() != b.Scalar() || typedA != typedB) {
      where += ": \"" + a.Scalar() + "\" (" + a.Tag() + ") vs \"" + b.Scalar() + "\" (" + b.Tag() + ")";
      return false;
    }
    return true;
  }
  if (a.size() != b.size()) {
    where += " (size differs)";
    return false;
  }
  if (a.IsSequence()) {
    for (size_t i = 0; i < a.size(); ++i) {
      std::string w = where + "[" + std::to_string(i) + "]";
      if (!deepEqual(a[i], b[i], w)) return where = w, false;
    }
    return true;
  }
  auto ia = a.begin();
  auto ib = b.begin();
  for (; ia != a.end(); ++ia, ++ib) {
    std::string w = where + "." + ia->first.Scalar();
    if (ia->first.Scalar() != ib->first.Scalar()) return where = w + " (key order differs)", false;
    if (!deepEqual(ia->second, ib->second, w)) return where = w, false;
  }
  return true;
}

}  // namespace zd::test
