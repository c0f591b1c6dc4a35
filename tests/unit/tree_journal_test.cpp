// Tree's journal: every kind of edit the rewrites make is undone by
// rollback(), and endJournal() keeps them; rollbackTo(mark) undoes only the
// edits made since the mark and frees the nodes made since.
#include <gtest/gtest.h>

#include <string>

#include "yaml/parse.h"
#include "yaml/write.h"

namespace {

using namespace zd::yaml;

const char* kDoc =
    "spec:\n"
    "  grace: 30\n"
    "  tagged: !!str 5\n"
    "  lifecycle: null\n"
    "  args:\n"
    "  - a\n"
    "  - b\n"
    "  keep: x\n";

std::string written(const Tree& t) {
  std::string out;
  writeStream(t, t.docs(), out);
  return out;
}

// Every edit kind: scalar rewrite (of a tagged node too), value replaced in
// place, keys appended, a key erased, a list pushed to and shortened.
void editEverything(Tree& t) {
  NodeId spec = t.get(t.docs()[0], "spec");
  t.setScalar(t.get(spec, "grace"), "50", Style::Plain);
  t.setScalar(t.get(spec, "tagged"), "7", Style::Plain);
  NodeId hook = t.ensureMap(t.ensureMap(spec, "lifecycle"), "preStop");
  t.set(hook, "sleep", t.addScalar("10", Style::Plain));
  NodeId args = t.get(spec, "args");
  t.push(args, t.addScalar("c", Style::Plain));
  t.removeKid(args, 0);
  t.erase(spec, "keep");
  t.set(spec, "added", t.addScalar("y", Style::Plain));
}

TEST(TreeJournal, RollbackRestoresEveryEditKind) {
  Tree t;
  ASSERT_FALSE(parseStream(kDoc, Limits{}, t));
  const std::string before = written(t);
  t.startJournal();
  editEverything(t);
  ASSERT_NE(written(t), before);
  t.rollback();
  EXPECT_EQ(written(t), before);
}

TEST(TreeJournal, EndJournalKeepsTheEdits) {
  Tree t, u;
  ASSERT_FALSE(parseStream(kDoc, Limits{}, t));
  ASSERT_FALSE(parseStream(kDoc, Limits{}, u));
  t.startJournal();
  editEverything(t);
  t.endJournal();
  editEverything(u);  // the same edits, never journaled
  EXPECT_EQ(written(t), written(u));
  EXPECT_NE(written(t).find("sleep: 10"), std::string::npos);
  EXPECT_EQ(written(t).find("keep:"), std::string::npos);
}

TEST(TreeJournal, EditsBeforeTheJournalStay) {
  Tree t;
  ASSERT_FALSE(parseStream(kDoc, Limits{}, t));
  NodeId spec = t.get(t.docs()[0], "spec");
  t.setScalar(t.get(spec, "grace"), "40", Style::Plain);
  t.startJournal();
  t.setScalar(t.get(spec, "grace"), "50", Style::Plain);
  t.rollback();
  EXPECT_EQ(t.str(t.get(spec, "grace")), "40");
}

TEST(TreeJournal, RollbackToAMarkKeepsTheEditsBeforeIt) {
  Tree t, u;
  ASSERT_FALSE(parseStream(kDoc, Limits{}, t));
  ASSERT_FALSE(parseStream(kDoc, Limits{}, u));
  t.startJournal();
  NodeId spec = t.get(t.docs()[0], "spec");
  t.set(spec, "first", t.addScalar("1", Style::Plain));
  u.set(u.get(u.docs()[0], "spec"), "first", u.addScalar("1", Style::Plain));
  const Tree::Mark m = t.mark();
  editEverything(t);
  t.set(spec, "first", t.addScalar("2", Style::Plain));
  t.rollbackTo(m);
  EXPECT_EQ(written(t), written(u));
  EXPECT_EQ(t.nodeCount(), m.nodes);  // what the edits made is freed
  // The tree takes edits again after it, and a full rollback still reaches the input.
  editEverything(t);
  editEverything(u);
  EXPECT_EQ(written(t), written(u));
  t.rollback();
  Tree input;
  ASSERT_FALSE(parseStream(kDoc, Limits{}, input));
  EXPECT_EQ(written(t), written(input));
}

TEST(TreeJournal, MarksNest) {
  Tree t;
  ASSERT_FALSE(parseStream(kDoc, Limits{}, t));
  t.startJournal();
  NodeId spec = t.get(t.docs()[0], "spec");
  const Tree::Mark outer = t.mark();
  t.setScalar(t.get(spec, "grace"), "50", Style::Plain);
  const Tree::Mark inner = t.mark();
  t.setScalar(t.get(spec, "grace"), "60", Style::Plain);
  t.erase(spec, "keep");
  t.rollbackTo(inner);
  EXPECT_EQ(t.str(t.get(spec, "grace")), "50");
  EXPECT_NE(t.get(spec, "keep"), kNone);
  t.rollbackTo(outer);
  EXPECT_EQ(t.str(t.get(spec, "grace")), "30");
}

TEST(TreeJournal, GrowthIsCountedSinceTheJournalStarted) {
  Tree t;
  ASSERT_FALSE(parseStream(kDoc, Limits{}, t));
  t.startJournal();
  EXPECT_EQ(t.bytesSinceJournal(), 0u);
  EXPECT_GT(t.bytesAtJournal(), 0u);
  editEverything(t);
  EXPECT_GT(t.bytesSinceJournal(), 0u);
  t.rollback();
  EXPECT_EQ(t.bytesSinceJournal(), 0u);
}

}  // namespace
