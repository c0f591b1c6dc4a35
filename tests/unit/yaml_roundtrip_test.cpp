// The YAML layer: what goes in comes out, with its type, order and style.
#include <gtest/gtest.h>

#include "test_support.h"
#include "yaml/parse.h"
#include "yaml/scalar_format.h"
#include "yaml/write.h"

namespace zd::yaml {
namespace {

using test::roundTrip;

// Text that is already in the writer's layout must come back byte for byte.
void expectSame(const std::string& in) { EXPECT_EQ(roundTrip(in), in); }

TEST(YamlRoundTrip, QuotedStringsStayStrings) {
  expectSame(
      "a: \"true\"\nb: \"30\"\nc: \"0755\"\nd: \"yes\"\ne: \"on\"\nf: \"null\"\ng: \"1e3\"\n"
      "h: \"\"\ni: 'single'\nj: 'it''s'\n");
}

TEST(YamlRoundTrip, PlainScalarsStayPlain) {
  expectSame("i: 42\nb: true\nf: 1.5\nbig: 123456789012345678901234567890\nneg: -7\ns: web\n");
}

TEST(YamlRoundTrip, NullsKeepTheirSpelling) { expectSame("a: null\nb: ~\nc:\nd: Null\n"); }

TEST(YamlRoundTrip, KeyOrderIsKept) { expectSame("z: 1\na: 2\nm: 3\nb: 4\n"); }

TEST(YamlRoundTrip, LiteralBlocksStayBlocks) {
  expectSame("clip: |\n  line one\n  line two\nstrip: |-\n  x\n  y\nkeep: |+\n  x\n\nnext: 1\n");
  expectSame("script: |\n  #!/bin/sh\n\n  echo \"hi\" \\\n    --flag\n");
}

TEST(YamlRoundTrip, LeadingSpaceGetsAnIndentationIndicator) {
  expectSame("a: |2\n    indented\n  next\n");
}

TEST(YamlRoundTrip, FoldedBecomesLiteralWithTheSameValue) {
  EXPECT_EQ(roundTrip("a: >\n  one\n  two\n"), "a: |\n  one two\n");
}

TEST(YamlRoundTrip, ListsAreCompactUnderTheirKey) {
  expectSame("l:\n- a\n- b: 1\n  c: 2\n- - x\n  - y\n-\nempty: []\nmap: {}\n");
}

TEST(YamlRoundTrip, ShortFlowCollectionsStayFlow) {
  expectSame(
      "args: [\"--a\", '--b', --c]\nlabels: {app: web, tier: \"1\"}\nl:\n- [1, [x, y], {k: v}]\n");
  // In flow context commas and brackets need quotes even where block plain would not.
  expectSame("a: [\"x,y\", \"[z]\"]\n");
}

TEST(YamlRoundTrip, RootAndLongFlowBecomeBlock) {
  EXPECT_EQ(roundTrip("{a: 1, b: [x, \"y\"]}\n"), "a: 1\nb: [x, \"y\"]\n");
  std::string longList = "l: [" + std::string(60, 'a') + ", " + std::string(60, 'b') + "]\n";
  EXPECT_EQ(roundTrip(longList),
            "l:\n- " + std::string(60, 'a') + "\n- " + std::string(60, 'b') + "\n");
}

TEST(YamlRoundTrip, MultiDocumentStreams) {
  expectSame("a: 1\n---\nb: 2\n---\n- x\n");
  EXPECT_EQ(roundTrip("---\na: 1\n---\n---\nb: 2\n...\n"), "a: 1\n---\nb: 2\n");
}

TEST(YamlRoundTrip, UnicodeIsKeptAndLineSeparatorsEscaped) {
  expectSame("a: \"héllo 日本 🚀\"\nb: plain-ü\n");
  EXPECT_EQ(roundTrip("a: \"x\\u2028y\"\n"), "a: \"x\\Ly\"\n");
}

TEST(YamlRoundTrip, EscapesInDoubleQuotes) {
  expectSame("a: \"tab\\there\"\nb: \"nl\\nthere\"\nc: \"q\\\"b\\\\\"\nd: \"\\x01\"\n");
}

TEST(YamlRoundTrip, TagsAreKept) { expectSame("a: !!str 123\nb: !custom x\n"); }

TEST(YamlRoundTrip, AnchorsAreExpanded) {
  EXPECT_EQ(roundTrip("a: &x {k: v}\nb: *x\n"), "a: {k: v}\nb: {k: v}\n");
  EXPECT_EQ(roundTrip("a: &x\n  k: v\nb: *x\n"), "a:\n  k: v\nb:\n  k: v\n");
}

TEST(YamlParse, DuplicateKeysAreRejected) {
  Tree t;
  auto err = parseStream("a: 1\nb: 2\na: 3\n", Limits{}, t);
  ASSERT_TRUE(err);
  EXPECT_EQ(err->describe(), "document 0, line 3: duplicate mapping key \"a\"");
}

TEST(YamlParse, DepthLimit) {
  Limits lim;
  lim.maxDepth = 10;
  std::string deep(20, '[');
  deep += std::string(20, ']');
  Tree t;
  auto err = parseStream(deep, lim, t);
  ASSERT_TRUE(err);
  EXPECT_NE(err->message.find("nesting deeper than 10"), std::string::npos);
}

TEST(YamlParse, AliasBombIsRefused) {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  std::string prev = "a";
  for (char c = 'b'; c <= 'i'; ++c) {
    std::string name(1, c);
    bomb += name + ": &" + name + " [";
    for (int i = 0; i < 10; ++i) bomb += (i ? ", *" : "*") + prev;
    bomb += "]\n";
    prev = name;
  }
  Tree t;
  auto err = parseStream(bomb, Limits{}, t);
  ASSERT_TRUE(err);
  EXPECT_NE(err->message.find("alias"), std::string::npos);
}

TEST(YamlParse, BadBytes) {
  Tree t;
  auto nul = parseStream(std::string("a: x\0y\n", 7), Limits{}, t);
  ASSERT_TRUE(nul);
  EXPECT_EQ(nul->describe(),
            "document 0, line 1, column 5: a NUL byte is not allowed in YAML text");
  auto utf = parseStream("a: \xC3\x28\n", Limits{}, t);
  ASSERT_TRUE(utf);
  EXPECT_NE(utf->message.find("invalid UTF-8"), std::string::npos);
}

TEST(YamlParse, InputSizeLimit) {
  Limits lim;
  lim.maxInputBytes = 4;
  Tree t;
  auto err = parseStream("a: 12345\n", lim, t);
  ASSERT_TRUE(err);
  EXPECT_NE(err->message.find("--max-input-bytes"), std::string::npos);
}

TEST(YamlWrite, CreatedStringsThatLookTypedAreQuoted) {
  for (const char* s : {"30", "true", "on", "NO", "null", "~", "1e3", "0755", "", "0x1F", "1.5"}) {
    EXPECT_EQ(stringStyle(s), Style::Double) << s;
  }
  for (const char* s :
       {"web", "ip", "deregistration_delay.timeout_seconds=30", "/healthz", "25%"}) {
    EXPECT_EQ(stringStyle(s), Style::Plain) << s;
  }
}

TEST(YamlTree, EditsKeepOrderAndAppendNewKeys) {
  Tree t;
  ASSERT_FALSE(parseStream("a: 1\nb:\n  c: 2\nd: 3\n", Limits{}, t));
  NodeId root = t.docs()[0];
  t.set(t.get(root, "b"), "e", t.addScalar("30", stringStyle("30")));
  t.setScalar(t.get(root, "a"), "5", Style::Plain);
  t.erase(root, "d");
  std::string out;
  writeDocument(t, root, out);
  EXPECT_EQ(out, "a: 5\nb:\n  c: 2\n  e: \"30\"\n");
}

}  // namespace
}  // namespace zd::yaml
