// The fuzz target's printable oracle (fuzz/printable.h) against planted
// output: an oracle that passes what the writer must escape finds nothing.
#include <gtest/gtest.h>

#include <string>

#include "../../fuzz/printable.h"

namespace zd {
namespace {

using fuzz::unprintable;

TEST(FuzzPrintable, PassesWhatMayBeWrittenRaw) {
  EXPECT_EQ(unprintable("a: b\n\tc\r\n"), "");
  EXPECT_EQ(unprintable("name: caf\xC3\xA9 \xC2\xA0 \xE2\x80\xA7 \xEF\xBB\xBE \xF0\x9F\x98\x80\n"),
            "");
  // The writer's escapes are plain ASCII.
  EXPECT_EQ(unprintable("k: \"\\N \\L \\P \\uFEFF\"\n"), "");
}

// U+0085, U+2028 and U+2029 are line breaks to YAML 1.1 readers, and U+FEFF
// is taken for a byte-order mark: the writer escapes all four.
TEST(FuzzPrintable, RefusesYaml11LineBreaksAndTheBom) {
  for (const char* raw : {"\xC2\x85", "\xE2\x80\xA8", "\xE2\x80\xA9", "\xEF\xBB\xBF"}) {
    SCOPED_TRACE(raw);
    EXPECT_NE(unprintable(std::string("k: a") + raw + "b\n"), "");
    EXPECT_NE(unprintable(std::string(raw) + "k: ab\n"),
              "");  // first character too: we write no BOM
  }
}

TEST(FuzzPrintable, RefusesWhatYamlForbids) {
  for (const char* bad : {"\x01", "\x7F", "\xC2\x80", "\xC2\x9F", "\xEF\xBF\xBE", "\xEF\xBF\xBF",
                          "\xED\xA0\x80", "\xFF", "\xC3", "\x80"}) {
    SCOPED_TRACE(bad);
    EXPECT_NE(unprintable(std::string("k: a") + bad + "b\n"), "");
  }
}

// Byte patterns that look like UTF-8 but are not: overlong forms, past
// U+10FFFF, lead bytes no UTF-8 has.
TEST(FuzzPrintable, RefusesWhatOnlyLooksLikeUtf8) {
  for (const char* bad : {"\xE0\x80\x80", "\xE0\x9F\xBF", "\xF0\x80\x80\x80", "\xF0\x8F\xBF\xBF",
                          "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xF8\x88\x80\x80"}) {
    SCOPED_TRACE(bad);
    EXPECT_NE(unprintable(std::string("k: a") + bad + "b\n"), "");
  }
  EXPECT_EQ(unprintable("k: \xE0\xA0\x80 \xF0\x90\x80\x80 \xF4\x8F\xBF\xBD\n"),
            "");  // the smallest and largest
}

}  // namespace
}  // namespace zd
