// IdSet keeps numbers whose keys live elsewhere: each key is added once, found again by its hash
// and the caller's comparison, and survives the set's growing.
#include "krm/id_set.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

namespace zd::krm {
namespace {

std::vector<std::string> keys(size_t n) {
  std::vector<std::string> out;
  for (size_t i = 0; i < n; ++i) out.push_back("key " + std::to_string(i));
  return out;
}

// Adds keys[i] as number i, or finds the number it has, with `hash` as the keys' hash.
template <class Hash>
uint32_t lookUp(IdSet& set, const std::vector<std::string>& all, size_t i, Hash hash) {
  return set.findOrAdd(
      hash(all[i]), static_cast<uint32_t>(i), [&](uint32_t id) { return all[id] == all[i]; },
      [&](uint32_t id) { return hash(all[id]); });
}

const std::hash<std::string> kHash;

TEST(IdSet, AddsEachKeyOnceAndFindsItAfterGrowing) {
  const std::vector<std::string> all = keys(20000);  // grows from 16 slots eleven times
  IdSet set;
  for (size_t i = 0; i < all.size(); ++i) ASSERT_EQ(lookUp(set, all, i, kHash), i);
  EXPECT_EQ(set.size(), all.size());
  for (size_t i = 0; i < all.size(); ++i) ASSERT_EQ(lookUp(set, all, i, kHash), i);
  EXPECT_EQ(set.size(), all.size());
}

TEST(IdSet, AKeyAddedAgainUnderANewNumberFindsTheFirst) {
  const std::vector<std::string> all = {"a", "b", "a", "b", "c"};
  IdSet set;
  std::vector<uint32_t> found;
  for (size_t i = 0; i < all.size(); ++i) found.push_back(lookUp(set, all, i, kHash));
  EXPECT_EQ(found, (std::vector<uint32_t>{0, 1, 0, 1, 4}));
  EXPECT_EQ(set.size(), 3u);
}

// Every key in one slot's run: the comparison alone tells them apart, and the probe wraps around
// the end of the slots.
TEST(IdSet, KeysThatHashAlikeAreToldApart) {
  const std::vector<std::string> all = keys(500);
  auto same = [](const std::string&) { return size_t{7}; };
  IdSet set;
  for (size_t i = 0; i < all.size(); ++i) ASSERT_EQ(lookUp(set, all, i, same), i);
  for (size_t i = 0; i < all.size(); ++i) ASSERT_EQ(lookUp(set, all, i, same), i);
  EXPECT_EQ(set.size(), all.size());
}

TEST(IdSet, ReservedRoomRehashesNothing) {
  const std::vector<std::string> all = keys(1000);
  size_t rehashed = 0;
  auto counted = [&](uint32_t id) {
    ++rehashed;
    return kHash(all[id]);
  };
  IdSet set;
  set.reserve(all.size(), counted);
  for (size_t i = 0; i < all.size(); ++i) {
    set.findOrAdd(
        kHash(all[i]), static_cast<uint32_t>(i), [&](uint32_t id) { return all[id] == all[i]; },
        counted);
  }
  EXPECT_EQ(rehashed, 0u);
  EXPECT_EQ(set.size(), all.size());

  IdSet grown;
  for (size_t i = 0; i < all.size(); ++i) {
    grown.findOrAdd(
        kHash(all[i]), static_cast<uint32_t>(i), [&](uint32_t id) { return all[id] == all[i]; },
        counted);
  }
  EXPECT_GT(rehashed, 0u);
}

}  // namespace
}  // namespace zd::krm
