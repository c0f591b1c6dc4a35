// Shared edits: redo() sets a metadata key as the Editor did, and FinalEdits gives each key's
// last value, in the order the keys were first set, whatever state it is redone on.
#include "rewrite/shared_edit.h"

#include <gtest/gtest.h>

#include <string>

#include "yaml/parse.h"
#include "yaml/write.h"

namespace {

using namespace zd::yaml;
using zd::rewrite::FinalEdits;
using zd::rewrite::SharedEdit;

std::string written(const Tree& t) {
  std::string out;
  writeStream(t, t.docs(), out);
  return out;
}

Tree parsed(const char* text) {
  Tree t;
  EXPECT_FALSE(parseStream(text, Limits{}, t));
  return t;
}

TEST(SharedEdit, RedoSetsInPlaceOrAppends) {
  Tree t = parsed("metadata:\n  annotations:\n    a: |\n      x\n    b: 1\n");
  NodeId obj = t.docs()[0];
  zd::rewrite::redo(t, SharedEdit{obj, "annotations", "a", "y\n", Style::Literal});
  zd::rewrite::redo(t, SharedEdit{obj, "annotations", "c", "30", Style::Double});
  zd::rewrite::redo(t, SharedEdit{obj, "labels", "l", "on", Style::Plain});
  EXPECT_EQ(written(t),
            "metadata:\n  annotations:\n    a: |\n      y\n    b: 1\n    c: \"30\"\n"
            "  labels:\n    l: on\n");
}

TEST(SharedEdit, FinalEditsKeepTheLastValueInFirstSetOrder) {
  Tree t = parsed("kind: A\nmetadata:\n  name: a\n---\nkind: B\nmetadata:\n  name: b\n");
  NodeId a = t.docs()[0], b = t.docs()[1];
  FinalEdits finals;
  finals.add(SharedEdit{a, "annotations", "x", "1", Style::Double});
  finals.add(SharedEdit{a, "annotations", "y", "2", Style::Double});
  finals.add(SharedEdit{a, "annotations", "x", "3", Style::Double});
  EXPECT_TRUE(finals.has(a));
  EXPECT_FALSE(finals.has(b));
  // On the state after the first edit only, as when the object is written mid-way.
  zd::rewrite::redo(t, SharedEdit{a, "annotations", "x", "1", Style::Double});
  finals.redo(t, a);
  finals.redo(t, b);
  EXPECT_EQ(written(t),
            "kind: A\nmetadata:\n  name: a\n  annotations:\n    x: \"3\"\n    y: \"2\"\n---\n"
            "kind: B\nmetadata:\n  name: b\n");
}

}  // namespace
