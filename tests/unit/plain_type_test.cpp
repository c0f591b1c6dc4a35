#include "yaml/plain_type.h"

#include <gtest/gtest.h>

namespace zd::yaml {
namespace {

// What go-yaml v2 (through sigs.k8s.io/yaml, as kubectl reads) leaves a string.
TEST(PlainIsString, WordsWithDigitsAndHexDigestsAreStrings) {
  for (const char* s : {"e2e", "a0",    "db1",  "abc",   "8d5e957f297893487bd98fa830fa6413",
                        "v1",  "1.2.3", "1e",   "e1",    "0x",
                        "1-2", "--1",   ".",    "_1",    "2024-01-release",
                        "web", "0xZZ",  "0b12", "1e3e3", "yes please"}) {
    EXPECT_TRUE(plainIsString(s)) << s;
  }
}

TEST(PlainIsString, NumbersBooleansNullsAndTimestampsAreNot) {
  for (const char* s : {"30",
                        "-1",
                        "+1",
                        "0x1F",
                        "0o17",
                        "017",
                        "018",
                        "0b101",
                        "-0b101",
                        "1_000",
                        "1e3",
                        "1E-3",
                        "1.",
                        "-.5",
                        ".5",
                        ".5e3",
                        ".inf",
                        "-.Inf",
                        ".NaN",
                        "True",
                        "on",
                        "NO",
                        "y",
                        "~",
                        "",
                        "null",
                        "2024-01-02",
                        "2001-12-14t21:59:43.10-05:00",
                        "99999999999999999999",
                        "<<"}) {
    EXPECT_FALSE(plainIsString(s)) << s;
  }
}

}  // namespace
}  // namespace zd::yaml
