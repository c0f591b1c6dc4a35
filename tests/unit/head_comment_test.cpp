// A stream document's opening comment lines (Helm's `# Source:`) are kept and written back
// before it; every other comment is still dropped.
#include <gtest/gtest.h>

#include "yaml/parse.h"
#include "yaml/write.h"

namespace zd::yaml {
namespace {

std::string stream(const std::string& in) {
  Tree t;
  auto bad = parseStream(in, Limits{}, t);
  EXPECT_FALSE(bad) << bad->describe();
  std::string out;
  writeStream(t, t.docs(), out);
  return out;
}

TEST(HeadComment, HelmSourceLinesStayWithTheirDocuments) {
  EXPECT_EQ(stream("---\n# Source: c/templates/a.yaml\na: 1\n---\n# Source: c/templates/b.yaml\n"
                   "b: 2\n"),
            "# Source: c/templates/a.yaml\na: 1\n---\n# Source: c/templates/b.yaml\nb: 2\n");
}

TEST(HeadComment, CommentsInsideOrAfterADocumentAreDropped) {
  EXPECT_EQ(stream("a: 1 # trailing\n# inside\nb: 2\n# after the last key\n---\nc: 3\n"),
            "a: 1\nb: 2\n---\nc: 3\n");
}

// libyaml counts characters, not bytes: wide characters before a document must not shift
// the next document's comments.
TEST(HeadComment, MultiByteTextBeforeDoesNotShiftTheSpan) {
  EXPECT_EQ(stream("# ünïcødé ✓ 日本\nname: \"日本語\"\n---\n# Source: x ✓\nb: 2\n"),
            "# ünïcødé ✓ 日本\nname: \"日本語\"\n---\n# Source: x ✓\nb: 2\n");
}

TEST(HeadComment, ByteOrderMarkAndCrLf) {
  EXPECT_EQ(stream("\xEF\xBB\xBF# head\r\na: 1\r\n---\r\n# next\r\nb: 2\r\n"),
            "# head\na: 1\n---\n# next\nb: 2\n");
}

TEST(HeadComment, IndentedAndSeveralLinesAndBlankLines) {
  EXPECT_EQ(stream("---\n  # one\n\n# two\nkind: X\n"), "# one\n# two\nkind: X\n");
}

// An empty document is left out, and so are its comments (Helm's `# Source:` of a template that
// rendered nothing): they name no object of the output.
TEST(HeadComment, EmptyDocumentsTakeTheirCommentsAlong) {
  EXPECT_EQ(stream("---\n# Source: c/templates/off.yaml\n---\n# Source: c/templates/on.yaml\n"
                   "a: 1\n"),
            "# Source: c/templates/on.yaml\na: 1\n");
}

// A root in flow style starts at its bracket (and is written in block style).
TEST(HeadComment, FlowRoots) {
  EXPECT_EQ(stream("# m\n{a: 1}\n---\n# s\n[1, 2]\n"), "# m\na: 1\n---\n# s\n- 1\n- 2\n");
}

TEST(HeadComment, ExplicitDocumentEnd) {
  EXPECT_EQ(stream("a: 1\n...\n# after the end marker\n---\nb: 2\n"),
            "a: 1\n---\n# after the end marker\nb: 2\n");
}

// The writer never prints a byte-order mark (or a control character); such a line is dropped.
TEST(HeadComment, UnwritableLinesAreDropped) {
  EXPECT_EQ(stream("# ok\n# bom \xEF\xBB\xBF inside\na: 1\n"), "# ok\na: 1\n");
}

}  // namespace
}  // namespace zd::yaml
