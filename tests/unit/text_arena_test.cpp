// The index's name store: views that stay put while it fills, after a move, and while the tree
// they were read from grows.
#include "scope/text_arena.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "krm/envelope.h"
#include "scope/object_index.h"
#include "yaml/parse.h"

namespace zd::scope {
namespace {

TEST(TextArena, ViewsStayValidAcrossBlocksAndMoves) {
  TextArena arena;
  std::vector<std::string_view> views;
  for (int i = 0; i < 20000; ++i) views.push_back(arena.add("name-" + std::to_string(i)));
  TextArena moved = std::move(arena);
  for (int i = 0; i < 20000; ++i) EXPECT_EQ(views[i], "name-" + std::to_string(i)) << i;
  EXPECT_EQ(moved.add("after the move"), "after the move");
  EXPECT_EQ(views.front(), "name-0");
}

TEST(TextArena, TextLongerThanABlockAndEmptyText) {
  TextArena arena;
  std::string_view small = arena.add("small");
  const std::string big(100000, 'x');
  std::string_view large = arena.add(big);
  std::string_view next = arena.add("next");
  EXPECT_EQ(small, "small");
  EXPECT_EQ(large, big);
  EXPECT_EQ(next, "next");
  EXPECT_TRUE(arena.add("").empty());
}

TEST(TextArena, AMovedFromArenaStartsAfresh) {
  TextArena arena;
  std::string_view kept = arena.add("kept");
  TextArena moved = std::move(arena);
  EXPECT_EQ(arena.add("other"), "other");
  EXPECT_EQ(kept, "kept");  // not overwritten by the moved-from arena
}

// The rewrite adds text to the tree, which moves it: the index's names must not follow.
TEST(ObjectIndex, NamesOutliveTheTreeGrowing) {
  yaml::Tree tree;
  ASSERT_FALSE(yaml::parseStream(
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\n",
      yaml::Limits{}, tree));
  std::vector<krm::Result> results;
  krm::Envelope env = krm::readEnvelope(tree, results);
  ObjectIndex index = buildIndex(tree, env);
  for (int i = 0; i < 100000; ++i)
    tree.addScalar("grows the tree's text " + std::to_string(i), yaml::Style::Plain);
  ASSERT_EQ(index.objects.size(), 1u);
  EXPECT_EQ(index.objects[0].name, "web");
  EXPECT_EQ(index.objects[0].ns, "shop");
}

}  // namespace
}  // namespace zd::scope
