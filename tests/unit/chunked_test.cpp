// The tree's chunked arrays: indexing across chunk boundaries, copies, moves.
#include "yaml/chunked.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace zd::yaml {
namespace {

constexpr size_t kPastTwoChunks = 2 * 4096 + 3;

Chunked<uint32_t> filled(size_t n) {
  Chunked<uint32_t> c;
  for (size_t i = 0; i < n; ++i) c.push_back(static_cast<uint32_t>(i * 7));
  return c;
}

TEST(Chunked, IndexesAcrossChunkBoundaries) {
  Chunked<uint32_t> c = filled(kPastTwoChunks);
  ASSERT_EQ(c.size(), kPastTwoChunks);
  for (size_t i :
       {size_t{0}, size_t{4095}, size_t{4096}, size_t{8191}, size_t{8192}, kPastTwoChunks - 1})
    EXPECT_EQ(c[i], i * 7) << i;
}

TEST(Chunked, PushingAnElementOfItselfCopiesItsValue) {
  Chunked<uint32_t> c = filled(4096);  // the next push opens a chunk
  c.push_back(c[3]);
  EXPECT_EQ(c[4096], 21u);
}

TEST(Chunked, ACopyIsIndependent) {
  Chunked<uint32_t> a = filled(70000);
  Chunked<uint32_t> b = a;
  b[69999] = 1;
  b.push_back(2);
  EXPECT_EQ(a[69999], 69999u * 7);
  EXPECT_EQ(a.size(), 70000u);
  EXPECT_EQ(b.size(), 70001u);
}

TEST(Chunked, AMovedFromArrayIsEmptyAndUsable) {
  Chunked<uint32_t> a = filled(70000);
  Chunked<uint32_t> b = std::move(a);
  EXPECT_EQ(b.size(), 70000u);
  EXPECT_EQ(b[69999], 69999u * 7);
  EXPECT_EQ(a.size(), 0u);  // NOLINT(bugprone-use-after-move): the state is the point
  a.push_back(5);
  EXPECT_EQ(a[0], 5u);
  Chunked<uint32_t> c;
  c = std::move(b);
  EXPECT_EQ(c.size(), 70000u);
  EXPECT_EQ(b.size(), 0u);  // NOLINT(bugprone-use-after-move)
}

TEST(Chunked, ClearEmpties) {
  Chunked<uint32_t> c = filled(10);
  c.clear();
  EXPECT_EQ(c.size(), 0u);
  c.push_back(9);
  EXPECT_EQ(c[0], 9u);
}

}  // namespace
}  // namespace zd::yaml
