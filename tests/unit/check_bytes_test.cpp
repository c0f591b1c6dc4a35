// The byte checks run before the parser: what they refuse, and that the
// position they report is right whichever path (word-at-a-time or byte) found it.
#include <gtest/gtest.h>

#include <string>

#include "yaml/parse.h"

namespace {

using zd::yaml::checkBytes;
using zd::yaml::Limits;

// Puts `bad` after `column - 1` printable bytes on line 3 of a stream.
std::string placed(const std::string& bad, size_t column) {
  return "a: 1\n---\n" + std::string(column - 1, 'x') + bad + " tail\n";
}

TEST(CheckBytes, PositionOfAControlCharacterAtEveryColumn) {
  for (size_t column = 1; column <= 40; ++column) {
    auto err = checkBytes(placed("\x01", column), Limits{});
    ASSERT_TRUE(err) << "column " << column;
    EXPECT_EQ(err->line, 3u);
    EXPECT_EQ(err->column, column);
    EXPECT_EQ(err->document, zd::yaml::kNoDocument);  // the line is the stream's
    EXPECT_NE(err->message.find("control character 0x01"), std::string::npos) << err->message;
  }
}

TEST(CheckBytes, DeleteAndNulAreFoundInsideLongPrintableRuns) {
  for (size_t column : {1u, 8u, 9u, 17u, 33u}) {
    auto del = checkBytes(placed("\x7f", column), Limits{});
    ASSERT_TRUE(del);
    EXPECT_EQ(del->column, column);
    auto nul = checkBytes(placed(std::string(1, '\0'), column), Limits{});
    ASSERT_TRUE(nul);
    EXPECT_EQ(nul->column, column);
    EXPECT_NE(nul->message.find("NUL"), std::string::npos);
  }
}

TEST(CheckBytes, RefusesCodePointsYamlReadersDisagreeOn) {
  const std::pair<const char*, const char*> cases[] = {
      {"\xC2\x85", "U+0085"},     {"\xE2\x80\xA8", "U+2028"},
      {"\xE2\x80\xA9", "U+2029"}, {"\xC2\x80", "C1 control character U+0080"},
      {"\xC2\x9F", "U+009F"},     {"\xEF\xBF\xBE", "noncharacter U+FFFE"},
      {"\xEF\xBF\xBF", "U+FFFF"},
  };
  for (const auto& [bytes, words] : cases) {
    auto err = checkBytes(placed(bytes, 12), Limits{});
    ASSERT_TRUE(err) << words;
    EXPECT_EQ(err->column, 12u);
    EXPECT_NE(err->message.find(words), std::string::npos) << err->message;
  }
}

// A lone CR ends a line for libyaml too, so both kinds of error agree on lines.
TEST(CheckBytes, LinesCountLoneCarriageReturns) {
  auto err = checkBytes("a: 1\rb: 2\r\nc: \x01\n", Limits{});
  ASSERT_TRUE(err);
  EXPECT_EQ(err->line, 3u);
  EXPECT_EQ(err->column, 4u);
}

TEST(CheckBytes, AcceptsOrdinaryUnicodeTabsAndCrLf) {
  EXPECT_FALSE(checkBytes(
      "\xEF\xBB\xBFname: caf\xC3\xA9\r\n\tx: \xC2\xA0\xE2\x82\xAC \xF0\x9F\x9A\x80\n", Limits{}));
}

TEST(CheckBytes, InvalidUtf8IsNamed) {
  auto err = checkBytes(placed("\xC3(", 5), Limits{});
  ASSERT_TRUE(err);
  EXPECT_EQ(err->column, 5u);
  EXPECT_NE(err->message.find("invalid UTF-8 byte 0xC3"), std::string::npos) << err->message;
}

}  // namespace
