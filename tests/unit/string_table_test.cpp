// StringTable numbers each distinct string once, in the order first seen, and its views stay
// valid while it grows: the ResultStore hands them out as results' text.
#include "krm/string_table.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace zd::krm {
namespace {

TEST(StringTable, NumbersInTheOrderFirstSeen) {
  StringTable t;
  EXPECT_EQ(t.id(""), 0u);
  EXPECT_EQ(t.id("b"), 1u);
  EXPECT_EQ(t.id("a"), 2u);
  EXPECT_EQ(t.id("b"), 1u);
  EXPECT_EQ(t.id(std::string("a\0b", 3)), 3u);  // not "a": the length counts
  EXPECT_EQ(t.id(""), 0u);
  EXPECT_EQ(t.size(), 4u);
  EXPECT_EQ(t.at(0), "");
  EXPECT_EQ(t.at(1), "b");
  EXPECT_EQ(t.at(3), std::string("a\0b", 3));
}

// Past several chunks of characters and of views, with a string longer than a chunk among them:
// a view taken first still reads its string at the end.
TEST(StringTable, ViewsStayValidAsItGrows) {
  StringTable t;
  const std::string huge(200000, 'x');
  std::vector<std::string_view> views;
  std::vector<std::string> expected;
  for (size_t i = 0; i < 30000; ++i) {
    std::string s = i == 777 ? huge : "string number " + std::to_string(i);
    views.push_back(t.at(t.id(s)));
    expected.push_back(s);
  }
  for (size_t i = 0; i < views.size(); ++i) {
    ASSERT_EQ(views[i], expected[i]) << i;
    ASSERT_EQ(t.id(expected[i]), i + 1) << i;
  }
}

// A caller may ask for a piece of a string the table holds (intern(str(id)) and the like).
TEST(StringTable, TakesAPieceOfItsOwnString) {
  StringTable t;
  const uint32_t whole = t.id("Z3: a message");
  const uint32_t piece = t.id(t.at(whole).substr(4));
  EXPECT_EQ(t.at(piece), "a message");
  EXPECT_EQ(t.at(whole), "Z3: a message");
}

TEST(StringTable, ViewsSurviveAMove) {
  StringTable t;
  std::string_view view = t.at(t.id("kept"));
  StringTable moved = std::move(t);
  EXPECT_EQ(view, "kept");
  EXPECT_EQ(moved.at(1), "kept");
  EXPECT_EQ(moved.id("kept"), 1u);
}

}  // namespace
}  // namespace zd::krm
