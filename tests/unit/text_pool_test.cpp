// TextPool: short strings are stored once, and rollbackTo(mark) forgets what came after the mark,
// its pooled strings too, whether or not the table was rebuilt since.
#include "yaml/text_pool.h"

#include <gtest/gtest.h>

#include <string>

namespace {

using zd::yaml::TextPool;

TEST(TextPool, ShortStringsAreStoredOnce) {
  TextPool p;
  const uint32_t a = p.add("name");
  EXPECT_EQ(p.add("name"), a);
  const std::string longer(40, 'x');
  EXPECT_NE(p.add(longer), p.add(longer));  // longer ones are appended each time
}

TEST(TextPool, RollbackForgetsTheStringsAddedSince) {
  TextPool p;
  const uint32_t kept = p.add("kept");
  const TextPool::Mark m = p.mark();
  p.add("gone");
  p.add(std::string(40, 'y'));
  p.rollbackTo(m);
  EXPECT_EQ(p.size(), m.bytes);
  EXPECT_EQ(p.add("kept"), kept);
  const uint32_t again = p.add("gone");  // new text, at the end: it was forgotten
  EXPECT_EQ(again, m.bytes + 0u);
  EXPECT_EQ(p.at(again, 4), "gone");
}

TEST(TextPool, RollbackAcrossARebuildOfTheTable) {
  TextPool p;
  for (int i = 0; i < 100; ++i) p.add("a" + std::to_string(i));
  const TextPool::Mark m = p.mark();
  for (int i = 0; i < 5000; ++i) p.add("b" + std::to_string(i));  // grows the table
  p.rollbackTo(m);
  for (int i = 0; i < 100; ++i) {
    const std::string s = "a" + std::to_string(i);
    const size_t before = p.size();
    EXPECT_EQ(p.at(p.add(s), static_cast<uint32_t>(s.size())), s);
    EXPECT_EQ(p.size(), before);  // found, not added
  }
  EXPECT_EQ(p.add("b1"), m.bytes + 0u);
}

}  // namespace
