// The rule catalogue, the code and the documentation name the same ids: a rule the code emits
// without docs, or documented rules the code no longer has, fail here, and so does a docs row that
// says in any column something other than the catalogue (or, for its adapter, the registry).
#include "timing/rule_catalogue.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "adapters/rule_owner.h"

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

// "(AG|IP|...|K)": every registered prefix, the longest first.
std::string prefixAlternation() {
  std::vector<std::string> p;
  for (const RulePrefix& r : rulePrefixes()) p.emplace_back(r.prefix);
  std::sort(p.begin(), p.end(), [](auto& a, auto& b) { return a.size() > b.size(); });
  std::string out;
  for (const std::string& x : p) out += (out.empty() ? "" : "|") + x;
  return "(" + out + ")";
}

// Every string literal in fn/ that is a rule id ("K2", "AG6", "Z10"): what results and explain
// can print.
std::set<std::string> idsInCode() {
  static const std::regex literal("\"(" + prefixAlternation() + "[0-9]+)\"");
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
  static const std::regex row("^\\| (" + prefixAlternation() + "[0-9]+) \\|");
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

// The prefix table of docs/rules.md: `| NL | reserved: ... |`.
std::set<std::string> prefixesInDocs() {
  static const std::regex row("^\\| ([A-Z]{1,2}) \\| ");
  std::set<std::string> out;
  std::istringstream lines(slurp(fs::path(ZD_SOURCE_DIR) / "docs" / "rules.md"));
  std::smatch m;
  for (std::string line; std::getline(lines, line);) {
    if (std::regex_search(line, m, row)) out.insert(m[1]);
  }
  return out;
}

const RulePrefix* prefixOf(std::string_view id) {
  const RulePrefix* found = nullptr;
  for (const RulePrefix& p : rulePrefixes()) {
    if (id.substr(0, p.prefix.size()) != p.prefix) continue;
    std::string_view number = id.substr(p.prefix.size());
    if (number.empty() || number.find_first_not_of("0123456789") != std::string_view::npos)
      continue;
    EXPECT_EQ(found, nullptr) << id << " reads with two prefixes";
    found = &p;
  }
  return found;
}

TEST(RuleIds, EveryIdIsOnePrefixAndANumber) {
  for (const RuleInfo& r : ruleCatalogue()) {
    const RulePrefix* p = prefixOf(r.id);
    ASSERT_NE(p, nullptr) << r.id << " has no registered prefix";
    EXPECT_FALSE(p->reserved) << r.id << ": prefix " << p->prefix << " is still marked reserved";
  }
}

TEST(RuleIds, PrefixesAreNoQuantitySymbolAndUnique) {
  std::set<std::string_view> seen;
  for (const RulePrefix& p : rulePrefixes()) {
    EXPECT_TRUE(seen.insert(p.prefix).second) << p.prefix;
    EXPECT_FALSE(p.prefix.size() == 1 && kQuantitySymbols.find(p.prefix) != std::string_view::npos)
        << p.prefix << " is a quantity symbol of the timing model";
    EXPECT_FALSE(p.concern.empty()) << p.prefix;
    bool used = std::any_of(ruleCatalogue().begin(), ruleCatalogue().end(),
                            [&](const RuleInfo& r) { return prefixOf(r.id) == &p; });
    EXPECT_EQ(used, !p.reserved) << p.prefix << (used ? " has rules" : " has none");
  }
}

TEST(RuleIds, TheDocsListEveryPrefix) {
  std::set<std::string> want;
  for (const RulePrefix& p : rulePrefixes()) want.emplace(p.prefix);
  EXPECT_EQ(prefixesInDocs(), want);
}

// Each row of docs/rules.md's rule table, by id: its cells after the id. No cell holds " | ".
std::map<std::string, std::vector<std::string>> docsRows() {
  static const std::regex row("^\\| (" + prefixAlternation() + "[0-9]+) \\| (.*) \\|$");
  std::map<std::string, std::vector<std::string>> out;
  std::istringstream lines(slurp(fs::path(ZD_SOURCE_DIR) / "docs" / "rules.md"));
  std::smatch m;
  for (std::string line; std::getline(lines, line);) {
    if (!std::regex_match(line, m, row)) continue;
    std::vector<std::string>& cells = out[m[1]];
    const std::string rest = m[3];
    for (size_t from = 0;;) {
      const size_t bar = rest.find(" | ", from);
      cells.push_back(rest.substr(from, bar - from));
      if (bar == std::string::npos) break;
      from = bar + 3;
    }
  }
  return out;
}

// The table's columns after Id, and what the catalogue (or, for Adapter, the registry) says in
// each.
struct DocsColumn {
  const char* name;
  std::string (*expected)(const RuleInfo&);
};

const std::vector<DocsColumn>& docsColumns() {
  static const std::vector<DocsColumn> columns = {
      {"Name", [](const RuleInfo& r) { return std::string(r.name); }},
      {"Protects", [](const RuleInfo& r) { return std::string(r.protects); }},
      {"Rule", [](const RuleInfo& r) { return std::string(r.formula); }},
      {"Severity", [](const RuleInfo& r) { return std::string(r.severity); }},
      // The registry's to say, not the catalogue's: timing names no adapter.
      {"Adapter", [](const RuleInfo& r) { return std::string(adapters::ruleOwner(r)); }},
  };
  return columns;
}

TEST(RuleCatalogue, TheDocsTableHasTheColumnsTheTestChecks) {
  std::string header = "| Id |";
  for (const DocsColumn& c : docsColumns()) header += std::string(" ") + c.name + " |";
  const std::string docs = slurp(fs::path(ZD_SOURCE_DIR) / "docs" / "rules.md");
  EXPECT_NE(docs.find("\n" + header + "\n"), std::string::npos) << "no header " << header;
}

TEST(RuleCatalogue, TheDocsRowsSayWhatTheCatalogueSays) {
  const auto rows = docsRows();
  const auto& columns = docsColumns();
  for (const RuleInfo& r : ruleCatalogue()) {
    auto it = rows.find(std::string(r.id));
    if (it == rows.end()) continue;  // reported by TheDocsTableListsExactlyTheCatalogue
    const std::vector<std::string>& cells = it->second;
    EXPECT_EQ(cells.size(), columns.size()) << r.id << ": cells after the id";
    for (size_t i = 0; i < columns.size() && i < cells.size(); ++i)
      EXPECT_EQ(cells[i], columns[i].expected(r)) << r.id << ", column " << columns[i].name;
  }
}

// What breaking a rule costs reads as one short phrase, in the same form for every rule.
TEST(RuleCatalogue, EveryRuleSaysWhatItProtects) {
  for (const RuleInfo& r : ruleCatalogue()) {
    EXPECT_FALSE(r.protects.empty()) << r.id;
    EXPECT_LE(r.protects.size(), 90u) << r.id << ": " << r.protects;
    EXPECT_FALSE(!r.protects.empty() && r.protects.back() == '.') << r.id << ": " << r.protects;
  }
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
