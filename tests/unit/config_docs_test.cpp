// What the repository commits from the key tables stays what they generate: the key tables of
// docs/configuration.md and schemas/*.schema.json. On a difference, regenerate them with
// UPDATE=1 tests/generated.sh build/zero-downtime (make update-golden runs it) and review.
#include "krm/config_docs.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "krm/config_options.h"
#include "krm/config_schema.h"
#include "krm/knob_table.h"

namespace zd::krm {
namespace {

namespace fs = std::filesystem;

std::string slurp(const std::string& relative) {
  std::ifstream f(fs::path(ZD_SOURCE_DIR) / relative, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

// The lines between the key-table markers of docs/configuration.md.
std::string docsKeyTables() {
  const std::string docs = slurp("docs/configuration.md");
  const size_t begin = docs.find(std::string(kKeyTablesBegin) + "\n");
  const size_t end = docs.find(std::string("\n") + kKeyTablesEnd + "\n");
  if (begin == std::string::npos || end == std::string::npos || end < begin) return "(no markers)";
  const size_t from = begin + std::string(kKeyTablesBegin).size() + 1;
  return docs.substr(from, end + 1 - from);
}

TEST(ConfigDocs, TheDocsKeyTablesAreTheKnobTables) {
  EXPECT_EQ(docsKeyTables(), keyTables())
      << "docs/configuration.md: regenerate with UPDATE=1 tests/generated.sh build/zero-downtime";
}

TEST(ConfigDocs, TheSchemasAreWhatTheTablesGenerate) {
  for (ConfigForm form : {ConfigForm::Policy, ConfigForm::ConfigMap}) {
    EXPECT_EQ(slurp(schemaPath(form)), configSchema(form))
        << schemaPath(form) << ": regenerate with UPDATE=1 tests/generated.sh build/zero-downtime";
  }
}

// Every key of the tables is in the docs' tables as a row of its own.
TEST(ConfigDocs, EveryKeyHasARow) {
  const std::string tables = docsKeyTables();
  for (const OptionField& o : optionFields()) {
    EXPECT_NE(tables.find("\n| `" + std::string(o.name) + "` |"), std::string::npos) << o.name;
  }
  for (const KnobField& f : knobFields()) {
    EXPECT_NE(tables.find("\n| `" + std::string(f.name) + "` |"), std::string::npos) << f.name;
  }
}

TEST(ConfigDocs, EveryKeyIsDescribed) {
  for (const OptionField& o : optionFields()) {
    EXPECT_GT(std::string(o.help).size(), 10u) << o.name;
    EXPECT_GT(std::string(o.description).size(), 20u) << o.name;
  }
  for (const KnobField& f : knobFields()) {
    EXPECT_GT(std::string(f.help).size(), 10u) << f.name;
    EXPECT_GT(std::string(f.detail).size(), 10u) << f.name;
  }
}

}  // namespace
}  // namespace zd::krm
