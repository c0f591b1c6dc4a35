// The rule catalogue, the code and the documentation name the same ids: a rule the code emits
// without docs, or documented rules the code no longer has, fail here.
#include "timing/rule_catalogue.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace zd::timing {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

std::set<std::string> catalogueIds(bool printedOnly) {
  std::set<std::string> ids;
  for (const RuleInfo& r : ruleCatalogue()) {
    if (!printedOnly || r.printed) ids.insert(std::string(r.id));
  }
  return ids;
}

// Every string literal in fn/ that is a rule id ("K2", "AG6", "Z10"): what results and explain
// can print.
std::set<std::string> idsInCode() {
  static const std::regex literal("\"((K|A|IP|IN|AG|Z)[0-9]+)\"");
  std::set<std::string> ids;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(ZD_SOURCE_DIR) / "fn")) {
    const std::string ext = entry.path().extension().string();
    if (ext != ".cpp" && ext != ".h") continue;
    const std::string text = slurp(entry.path());
    for (std::sregex_iterator it(text.begin(), text.end(), literal), end; it != end; ++it)
      ids.insert((*it)[1]);
  }
  return ids;
}

// The first column of docs/rules.md's table rows: `| K2 | ...`.
std::set<std::string> idsInDocs() {
  static const std::regex row("^\\| ((K|A|IP|IN|AG|Z)[0-9]+) \\|");
  std::set<std::string> ids;
  std::istringstream lines(slurp(fs::path(ZD_SOURCE_DIR) / "docs" / "rules.md"));
  std::smatch m;
  for (std::string line; std::getline(lines, line);) {
    if (std::regex_search(line, m, row)) ids.insert(m[1]);
  }
  return ids;
}

std::string joined(const std::set<std::string>& s) {
  std::string out;
  for (const std::string& x : s) out += (out.empty() ? "" : ", ") + x;
  return out;
}

std::set<std::string> minus(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::set<std::string> out;
  for (const std::string& x : a) {
    if (!b.count(x)) out.insert(x);
  }
  return out;
}

TEST(RuleCatalogue, EveryIdTheCodeEmitsIsCatalogued) {
  const std::set<std::string> code = idsInCode();
  EXPECT_TRUE(minus(code, catalogueIds(false)).empty())
      << "not catalogued: " << joined(minus(code, catalogueIds(false)));
}

TEST(RuleCatalogue, EveryPrintedRuleIsStillInTheCode) {
  const std::set<std::string> code = idsInCode();
  EXPECT_TRUE(minus(catalogueIds(true), code).empty())
      << "never emitted: " << joined(minus(catalogueIds(true), code));
}

TEST(RuleCatalogue, TheDocsTableListsExactlyTheCatalogue) {
  const std::set<std::string> docs = idsInDocs();
  ASSERT_FALSE(docs.empty()) << "docs/rules.md has no rule table";
  EXPECT_TRUE(minus(catalogueIds(false), docs).empty())
      << "undocumented: " << joined(minus(catalogueIds(false), docs));
  EXPECT_TRUE(minus(docs, catalogueIds(false)).empty())
      << "documented, not catalogued: " << joined(minus(docs, catalogueIds(false)));
}

TEST(RuleCatalogue, IdsAreUniqueAndNamed) {
  std::set<std::string_view> seen;
  for (const RuleInfo& r : ruleCatalogue()) {
    EXPECT_TRUE(seen.insert(r.id).second) << r.id;
    EXPECT_FALSE(r.name.empty()) << r.id;
    EXPECT_EQ(findRule(r.id), &r);
  }
}

}  // namespace
}  // namespace zd::timing
