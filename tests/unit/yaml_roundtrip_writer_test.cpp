// The writer's promise: whatever a scalar holds, the output is YAML that
// PyYAML and go-yaml (kubectl) read back to the same value. Each test here
// pins one case from the bad-input catalogue (testdata/bad-input/NNN-*).
// Trees are mostly built by hand, so the tests do not depend on how the
// parser decodes escapes.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "test_support.h"
#include "yaml/parse.h"
#include "yaml/scalar_format.h"
#include "yaml/write.h"

namespace zd::yaml {
namespace {

using test::roundTrip;

// `a: <text>`; `parsed` marks the scalar as read from the input (as opposed
// to created by the function).
std::string writeValue(std::string_view text, Style style, bool parsed = false) {
  uint32_t line = parsed ? 1 : 0;
  Tree t;
  NodeId root = t.addContainer(Kind::Map, line);
  NodeId kids[] = {t.addScalar("a", Style::Plain, line), t.addScalar(text, style, line)};
  t.setKids(root, kids, 2);
  std::string out;
  writeDocument(t, root, out);
  return out;
}

// `l: [...]` holding plain scalars, in a container that was flow in the source.
std::string writeFlowSeq(std::initializer_list<std::string_view> items) {
  Tree t;
  NodeId root = t.addContainer(Kind::Map, 1);
  NodeId seq = t.addContainer(Kind::Seq, 1, true);
  std::vector<NodeId> kids;
  for (std::string_view s : items) kids.push_back(t.addScalar(s, Style::Plain, 1));
  t.setKids(seq, kids.data(), static_cast<uint32_t>(kids.size()));
  NodeId pair[] = {t.addScalar("l", Style::Plain, 1), seq};
  t.setKids(root, pair, 2);
  std::string out;
  writeDocument(t, root, out);
  return out;
}

// The value of `a` when `out` is read back by our parser.
std::string readValue(const std::string& out) {
  Tree t;
  auto err = parseStream(out, Limits{}, t);
  EXPECT_FALSE(err) << out << (err ? err->describe() : "");
  if (err || t.docs().empty()) return "<unreadable>";
  return std::string(t.str(t.get(t.docs()[0], "a")));
}

// Code points a reader refuses raw or reads as something else: C0 controls
// but TAB and LF, DEL, C1 (U+0085 is a line break to YAML 1.1), U+2028/9
// (line breaks), U+FEFF (a BOM, dropped at the start), U+FFFE/F.
bool hasUnprintable(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) return true;
    std::string_view rest = s.substr(i);
    for (std::string_view bad :
         {"\xE2\x80\xA8", "\xE2\x80\xA9", "\xEF\xBB\xBF", "\xEF\xBF\xBE", "\xEF\xBF\xBF"}) {
      if (rest.substr(0, bad.size()) == bad) return true;
    }
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) < 0xA0) return true;
  }
  return false;
}

const Style kAllStyles[] = {Style::Plain, Style::Single, Style::Double, Style::Literal,
                            Style::Folded};

// 097: C1 controls and noncharacters were written raw; readers refuse them.
TEST(YamlWriteEscapes, UnprintableCodePointsAreEscapedInEveryStyle) {
  struct Case {
    const char* text;
    const char* written;
  } cases[] = {
      {"a\xC2\x80"
       "b",
       "\"a\\x80b\""},
      {"x\xC2\x85y", "\"x\\x85y\""},
      {"\xC2\x9F", "\"\\x9F\""},
      {"x\xE2\x80\xA8y", "\"x\\Ly\""},
      {"x\xE2\x80\xA9y", "\"x\\Py\""},
      {"x\xEF\xBB\xBFy", "\"x\\uFEFFy\""},
      {"\xEF\xBF\xBE", "\"\\uFFFE\""},
      {"\xEF\xBF\xBF", "\"\\uFFFF\""},
      {"del\x7F", "\"del\\x7F\""},
      {"esc\x1B", "\"esc\\x1B\""},
      {"line\nbreak\xC2\x85", "\"line\\nbreak\\x85\""},
  };
  for (const Case& c : cases) {
    for (Style style : kAllStyles) {
      std::string out = writeValue(c.text, style);
      EXPECT_EQ(out, std::string("a: ") + c.written + "\n") << static_cast<int>(style);
      EXPECT_FALSE(hasUnprintable(out)) << out;
      EXPECT_EQ(readValue(out), c.text) << out;
    }
  }
}

TEST(YamlWriteEscapes, CatalogueCase097) {
  EXPECT_EQ(
      roundTrip("c1: \"a\\u0080b\"\nfffe: \"\\uFFFE\"\nnel: \"x\\u0085y\"\nls: \"x\\u2028y\"\n"),
      "c1: \"a\\x80b\"\nfffe: \"\\uFFFE\"\nnel: \"x\\x85y\"\nls: \"x\\Ly\"\n");
}

// 098: `\N` is U+0085 and is escaped; U+00A0 is printable and stays raw.
TEST(YamlWriteEscapes, NextLineIsEscapedNoBreakSpaceIsKept) {
  EXPECT_EQ(roundTrip("nel: \"x\\Ny\"\n"), "nel: \"x\\x85y\"\n");
  EXPECT_EQ(writeValue("x\xC2\xA0y", Style::Plain), "a: x\xC2\xA0y\n");
  EXPECT_EQ(writeValue("x\xC2\xA0y", Style::Double), "a: \"x\xC2\xA0y\"\n");
}

// Bytes that are not UTF-8 cannot be spelled in YAML. yaml-cpp decodes `\N`
// and `\_` to the lone bytes 0x85 / 0xA0; `\xNN` reads back as the code
// point those bytes stand for, and keeps the output UTF-8.
TEST(YamlWriteEscapes, LoneBytesAreEscapedAsTheirCodePoint) {
  EXPECT_EQ(writeValue("x\x85y", Style::Plain), "a: \"x\\x85y\"\n");
  EXPECT_EQ(writeValue("x\xA0y", Style::Single), "a: \"x\\xA0y\"\n");
  EXPECT_EQ(writeValue("\xE2\x80", Style::Double), "a: \"\\xE2\\x80\"\n");
}

// 118 and friends: text a reader would not read back as the same string when
// written bare. Checked everywhere, not only where the writer puts a root
// scalar at column 0.
TEST(YamlWritePlain, TextAReaderWouldMisreadIsNotPlain) {
  for (const char* s : {"",
                        " x",
                        "x ",
                        "\tx",
                        "x\t",  // blanks at the ends are dropped
                        "---",
                        "...",
                        "--- x",
                        "---\tx",
                        "... x",
                        "...\tx",  // document markers
                        "\xEF\xBB\xBFhello",
                        "x\xEF\xBB\xBFy",  // U+FEFF
                        "\xC2\xA0x",
                        "x\xC2\xA0",  // U+00A0 at an end
                        "a: b",
                        "a:\tb",
                        "x:",
                        "-x:",
                        "?x:",  // `:` makes a key
                        "a #b",
                        "a\t#b",
                        "#x",  // comments
                        "-",
                        "?",
                        ":",
                        "- x",
                        "-\tx",
                        "? x",
                        ": x",  // indicators alone
                        "&x",
                        "*x",
                        "!x",
                        "|",
                        ">",
                        "'x",
                        "\"x",
                        "%x",
                        "@x",
                        "`x",
                        ",x",
                        "[x",
                        "]x",
                        "{x",
                        "}x",
                        "x\x85y",
                        "x\xC2\x85y",
                        "x\ny",
                        "x\ry"}) {
    EXPECT_FALSE(plainReadsBack(s)) << s;
    EXPECT_FALSE(plainReadsBack(s, true)) << s;
  }
}

TEST(YamlWritePlain, OrdinaryTextStaysPlain) {
  for (const char* s :
       {"web", "-1", "-x", "---x", "-- -", "....", ".inf", "a:b", "http://x/y", "a#b", "a b",
        "a\tb", "25%", "/healthz", "x\xC2\xA0y", "\xE6\x97\xA5", "\xF0\x9F\x9A\x80"}) {
    EXPECT_TRUE(plainReadsBack(s)) << s;
    EXPECT_TRUE(plainReadsBack(s, true)) << s;
  }
  // Block context only: flow indicators, and `?` / `:` starts, which PyYAML
  // and go-yaml refuse (or end the scalar at) inside `[...]` and `{...}`.
  for (const char* s : {"?x", ":x", "::1", "a,b", "a[0]", "x{y}", "a?b", "http://x?y=1"}) {
    EXPECT_TRUE(plainReadsBack(s)) << s;
    EXPECT_FALSE(plainReadsBack(s, true)) << s;
  }
}

TEST(YamlWritePlain, FlowCollectionsQuoteWhatFlowContextWouldSplit) {
  EXPECT_EQ(writeFlowSeq({"a?b", "::1", "a:b", "x"}), "l: [\"a?b\", \"::1\", a:b, x]\n");
}

// 117, 118: a plain scalar read from the input used to be written back bare
// without these checks, on the grounds that it was plain in the source. But
// the source position can differ (a root scalar after a space goes to column
// 0) and the parser decodes what the writer must not write raw.
TEST(YamlWritePlain, ParsedPlainScalarsAreCheckedLikeAnyOther) {
  EXPECT_EQ(roundTrip(" \xEF\xBB\xBFhello\n"), "\"\\uFEFFhello\"\n");
  EXPECT_EQ(roundTrip(" ---\n"), "\"---\"\n");
  EXPECT_EQ(roundTrip(" ...\n"), "\"...\"\n");
  EXPECT_EQ(roundTrip("a: x\xEF\xBB\xBFy\nb: --- x\nc: ---x\n"),
            "a: \"x\\uFEFFy\"\nb: \"--- x\"\nc: ---x\n");
  for (const char* s : {"---", "--- x", "\xEF\xBB\xBFhello", "\tx", "a:\tb", "a\t#b",
                        "-x:", "x\xC2\x85y", "\xC2\xA0x"}) {
    std::string out = writeValue(s, Style::Plain, true);
    EXPECT_EQ(out.substr(0, 4), "a: \"") << out;
    EXPECT_EQ(readValue(out), s) << out;
  }
  EXPECT_EQ(writeValue("web", Style::Plain, true), "a: web\n");
}

// A map {key: value} at the root, key and value both parsed scalars.
std::string writeKey(std::string_view key, Style style, const std::string& tag = "") {
  Tree t;
  NodeId root = t.addContainer(Kind::Map, 1);
  NodeId k = t.addScalar(key, style, 1);
  if (!tag.empty()) t.setTag(k, tag);
  NodeId kids[] = {k, t.addScalar("v", Style::Plain, 1)};
  t.setKids(root, kids, 2);
  std::string out;
  writeDocument(t, root, out);
  return out;
}

// 103: readers (PyYAML, libyaml, go-yaml) refuse an implicit key longer than
// 1024 characters, counted as written (quotes, escapes, tag). PyYAML itself
// writes such a key in explicit form, `? key` then `: value`.
TEST(YamlWriteKeys, KeysLongerThan1024AreExplicit) {
  const std::string k1024(1024, 'k'), k1025(1025, 'k');
  EXPECT_EQ(writeKey(k1024, Style::Plain), k1024 + ": v\n");
  EXPECT_EQ(writeKey(k1025, Style::Plain), "? " + k1025 + "\n: v\n");
  // Short enough as text, too long as written.
  const std::string k1023(1023, 'k'), k1020(1020, 'k');
  EXPECT_EQ(writeKey(k1023, Style::Double), "? \"" + k1023 + "\"\n: v\n");
  EXPECT_EQ(writeKey(k1020, Style::Plain, "tag:yaml.org,2002:str"), "? !!str " + k1020 + "\n: v\n");
}

TEST(YamlWriteKeys, ExplicitKeysInEveryPosition) {
  const std::string k(1100, 'k');
  // Block values go on the lines after `:`, laid out as after an implicit key.
  for (const std::string& in : {
           "? " + k + "\n: v\n",
           "? " + k + "\n:\n  x: 1\n  y: 2\nnext: 1\n",
           "? " + k + "\n:\n- 1\n- 2\nnext: 1\n",
           "l:\n- ? " + k + "\n  : v\n  b: 2\n",
           "m:\n  ? " + k + "\n  : [1, 2]\n",
       }) {
    EXPECT_EQ(roundTrip(in), in);
  }
}

TEST(YamlWriteKeys, CatalogueCase103) {
  const std::string in = "data:\n  ? " + std::string(1100, 'k') + "\n  : v\n";
  EXPECT_EQ(roundTrip(in), in);
}

// A key with a line break is double-quoted with `\n` escapes, so it stays on
// one line: an implicit key every reader takes.
TEST(YamlWriteKeys, KeysWithLineBreaksStayOnOneLine) {
  EXPECT_EQ(writeKey("a\nb", Style::Literal), "\"a\\nb\": v\n");
  EXPECT_EQ(writeKey("a\nb", Style::Plain), "\"a\\nb\": v\n");
  EXPECT_EQ(roundTrip("? |\n  a\n  b\n: v\n"), "\"a\\nb\\n\": v\n");
}

// Tags `id` and returns it, to build tagged nodes inline.
NodeId addTagged(Tree& t, NodeId id, const std::string& tag) {
  t.setTag(id, tag);
  return id;
}

// 119: `!!` alone, or `!` with nothing readable after it, is not a tag any
// reader takes: the non-specific `!`, or the core prefix with nothing after
// it (yaml-cpp's reading of `!` at the end of the input, once written `!!`).
// Such a tag is dropped; on a scalar it meant "a string", so the scalar is
// quoted.
TEST(YamlWriteTags, EmptyOrNonSpecificTagsAreNeverWritten) {
  EXPECT_EQ(roundTrip("a: !"), "a: \"\"\n");
  for (const char* tag : {"!", "tag:yaml.org,2002:", "!!"}) {
    Tree t;
    NodeId root = t.addContainer(Kind::Map, 1);
    NodeId inner = addTagged(t, t.addContainer(Kind::Map, 1), tag);
    NodeId innerKids[] = {t.addScalar("k", Style::Plain, 1), t.addScalar("v", Style::Plain, 1)};
    t.setKids(inner, innerKids, 2);
    NodeId seq = t.addContainer(Kind::Seq, 1);
    NodeId seqKids[] = {addTagged(t, t.addScalar("true", Style::Plain, 1), tag)};
    t.setKids(seq, seqKids, 1);
    NodeId kids[] = {addTagged(t, t.addScalar("a", Style::Plain, 1), tag),
                     addTagged(t, t.addScalar("123", Style::Plain, 1), tag),
                     t.addScalar("m", Style::Plain, 1),
                     inner,
                     t.addScalar("l", Style::Plain, 1),
                     seq};
    t.setKids(root, kids, 6);
    std::string out;
    writeDocument(t, root, out);
    EXPECT_EQ(out, "\"a\": \"123\"\nm:\n  k: v\nl:\n- \"true\"\n") << tag;
  }
}

TEST(YamlWriteTags, RealTagsAreKept) {
  EXPECT_EQ(
      roundTrip("a: !!str 123\nb: !local x\nc: !<tag:example.com,2000:x> y\nd: !!map\n  k: v\n"),
      "a: !!str 123\nb: !local x\nc: !<tag:example.com,2000:x> y\nd: !!map\n  k: v\n");
}

// yaml-cpp takes tags no other reader does (`a: !e!x y` with no %TAG for
// `!e!` gives the tag `!e!x`, once written back as it came).
// Characters a tag cannot hold as written are %-escaped, which PyYAML and
// go-yaml decode back. The parser decodes %XX, so a `%` in the tree is a
// literal one and is always written %25.
TEST(YamlWriteTags, CharactersReadersRefuseInATagAreEscaped) {
  EXPECT_EQ(tagSpelling("!e!x"), "!e%21x");
  EXPECT_EQ(tagSpelling("!a b"), "!a%20b");
  EXPECT_EQ(tagSpelling("!a%20b"), "!a%2520b");
  EXPECT_EQ(tagSpelling("!a%zz"), "!a%25zz");
  EXPECT_EQ(tagSpelling("!a#b{c}"), "!a%23b%7Bc%7D");
  EXPECT_EQ(tagSpelling("!\xC3\xBC"), "!%C3%BC");
  EXPECT_EQ(tagSpelling("tag:yaml.org,2002:a,b"), "!!a%2Cb");
  EXPECT_EQ(tagSpelling("tag:example.com,2000:a>b"), "!<tag:example.com,2000:a%3Eb>");
  EXPECT_EQ(tagSpelling("tag:example.com,2000:x[1]!"), "!<tag:example.com,2000:x[1]!>");
  EXPECT_EQ(tagSpelling("!local-tag_1.x~y"), "!local-tag_1.x~y");
  for (const char* none : {"", "!", "!!", "tag:yaml.org,2002:"})
    EXPECT_EQ(tagSpelling(none), "") << none;
}

// Found in review: `!a%2541` was read as the tag `!a%41`, written `!a%41`,
// read back as `!aA`: the output changed on every run.
TEST(YamlWriteTags, PercentEscapedTagsAreAFixedPoint) {
  for (const char* in :
       {"a: !a%2541 x\n", "a: !<tag:ex.com,2000:p%2541> x\n", "a: !!x%2541 x\n", "a: !a%20b x\n"}) {
    std::string once = roundTrip(in);
    EXPECT_EQ(roundTrip(once), once) << in;
  }
  EXPECT_EQ(roundTrip("a: !a%2541 x\n"), "a: !a%2541 x\n");
}

// Strings the function creates are quoted when a reader would type them
// plain; PyYAML also types YAML 1.1 timestamps, and refuses `=` and `<<`.
TEST(YamlWritePlain, CreatedStringsThatPyYamlWouldTypeOrRefuseAreQuoted) {
  for (const char* s :
       {"2024-01-02T03:04:05Z", "2001-12-14 21:59:43.10 -5", "2024-01-02", "=", "<<"}) {
    EXPECT_EQ(stringStyle(s), Style::Double) << s;
  }
  for (const char* s : {"2024q", "v2024-01-02", "a=b", "<<x", "1234-zz"}) {
    EXPECT_EQ(stringStyle(s), Style::Plain) << s;
  }
}

}  // namespace
}  // namespace zd::yaml
