// Every real-world manifest of the corpus (test::corpusDir) through every preset: exit 0,
// every object the function did not report changing deep-equal to its input
// (read back by yaml-cpp, not by our parser), the output a fixed point, and
// the output passing --check.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "krm/run.h"
#include "test_support.h"

namespace zd {
namespace {

std::string identity(const YAML::Node& d) {
  auto md = d["metadata"];
  std::string ns = md && md["namespace"] ? md["namespace"].Scalar() : "";
  std::string name = md && md["name"] ? md["name"].Scalar() : "";
  return d["kind"].Scalar() + "/" + ns + "/" + name;
}

class Corpus : public ::testing::TestWithParam<std::string> {};

TEST_P(Corpus, UnchangedObjectsAreDeepEqualAndOutputIsAFixedPoint) {
  auto files = test::corpusFiles();
  if (files.empty()) GTEST_SKIP() << test::kNoCorpus;
  for (const std::string& file : files) {
    SCOPED_TRACE(file);
    std::string input = test::readFile(file);
    krm::RunOutput first = krm::run(input, test::presetOptions(GetParam()));
    ASSERT_EQ(first.exitCode, 0) << first.err;
    std::set<std::string> changed;
    for (const krm::Result& r : first.results) {
      if (r.resource && r.proposed)
        changed.insert(r.resource->kind + "/" + r.resource->namespace_ + "/" + r.resource->name);
    }
    auto in = test::loadDocs(input);
    auto out = test::loadDocs(first.out);
    // Objects the run adds come after the input's, each announced by a "created" result.
    ASSERT_GE(out.size(), in.size());
    for (size_t i = in.size(); i < out.size(); ++i)
      EXPECT_TRUE(changed.count(identity(out[i])))
          << "added, never announced: " << identity(out[i]);
    for (size_t i = 0; i < in.size(); ++i) {
      if (changed.count(identity(in[i]))) continue;
      std::string where = "document " + std::to_string(i);
      EXPECT_TRUE(test::deepEqual(in[i], out[i], where)) << where;
    }
    krm::RunOutput second = krm::run(first.out, test::presetOptions(GetParam()));
    EXPECT_EQ(second.exitCode, 0);
    EXPECT_EQ(second.out, first.out) << "output is not idempotent";
  }
}

// What the function writes is what --check asks for: checking its own output
// finds no error, under the same preset. A failure here is a rule the fix
// does not satisfy, or one check reads differently from the rewrite.
TEST_P(Corpus, CheckModeAfterAMutationReportsNoErrors) {
  auto files = test::corpusFiles();
  if (files.empty()) GTEST_SKIP() << test::kNoCorpus;
  size_t mutated = 0;
  for (const std::string& file : files) {
    SCOPED_TRACE(file);
    krm::RunOutput fixed = krm::run(test::readFile(file), test::presetOptions(GetParam()));
    ASSERT_EQ(fixed.exitCode, 0) << fixed.err;
    mutated += std::any_of(fixed.results.begin(), fixed.results.end(),
                           [](const krm::Result& r) { return r.proposed.has_value(); });
    // Corpus files are excerpts (a Service without its Deployment): the references they cannot
    // follow are the only errors a strict check may report on the function's own output.
    krm::RunOutput checked = krm::run(fixed.out, test::presetOptions(GetParam(), true));
    for (const krm::Result& r : checked.results) {
      if (!r.unresolved) {
        EXPECT_NE(r.severity, krm::Severity::Error) << krm::resultLine(r);
      }
    }
  }
  EXPECT_GT(mutated, 0u) << "no corpus manifest was changed: the property checked nothing";
}

INSTANTIATE_TEST_SUITE_P(EveryPreset, Corpus,
                         ::testing::Values("alb-ip", "alb-instance", "agic", "nlb-ip",
                                           "nlb-instance"),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (char& c : n) c = c == '-' ? '_' : c;
                           return n;
                         });

}  // namespace
}  // namespace zd
