// Equal parts of the graph are stored once (scope/shared.h).
#include "scope/shared.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace zd::scope {
namespace {

TEST(Interner, EqualValuesShareOneCopy) {
  Interner<std::vector<std::string>> ports;
  Shared<std::vector<std::string>> a = ports({"8080"});
  Shared<std::vector<std::string>> b = ports({"8080"});
  Shared<std::vector<std::string>> c = ports({"8080", "http"});
  EXPECT_EQ(a.get(), b.get());
  EXPECT_NE(a.get(), c.get());
  EXPECT_EQ(*c, (std::vector<std::string>{"8080", "http"}));
}

TEST(Interner, ValuesOutliveTheInterner) {
  Shared<std::string> kept;
  {
    Interner<std::string> texts;
    kept = texts("a Service not in the input");
  }
  EXPECT_EQ(*kept, "a Service not in the input");
}

}  // namespace
}  // namespace zd::scope
