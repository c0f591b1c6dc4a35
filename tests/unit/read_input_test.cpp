// Reading stdin with a limit: an oversized input is refused as soon as it
// is seen to be one, and the buffer never grows past the limit plus a byte
// (a doubling std::string took 512 MiB to refuse 300 MB over 256 MiB).
#include "krm/read_input.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <string>

namespace zd::krm {
namespace {

using File = std::unique_ptr<std::FILE, int (*)(std::FILE*)>;

// A stream without a file descriptor: reads like a pipe, size unknown.
File memoryStream(std::string& bytes) {
  return File(fmemopen(bytes.data(), bytes.size(), "r"), &std::fclose);
}

// A regular file: its size is known before reading.
File regularFile(const std::string& bytes) {
  File f(std::tmpfile(), &std::fclose);
  std::fwrite(bytes.data(), 1, bytes.size(), f.get());
  std::rewind(f.get());
  return f;
}

TEST(ReadInput, AnOversizedStreamIsRefusedWithoutGrowingPastTheLimit) {
  std::string bytes(1 << 20, 'a');
  const uint64_t limit = 300000;  // doubling from 64 KiB would overshoot to 512 KiB
  File f = memoryStream(bytes);
  std::string out;
  EXPECT_EQ(readLimited(f.get(), limit, out), ReadStatus::TooLarge);
  EXPECT_LE(out.capacity(), limit + 1);
  EXPECT_EQ(out.size(), limit + 1);  // read no further than needed to know
}

TEST(ReadInput, AStreamOfExactlyTheLimitIsAccepted) {
  for (size_t size : {0, 1, 65536, 65537, 300000}) {
    std::string bytes(size, 'b');
    File f = memoryStream(bytes);
    std::string out;
    EXPECT_EQ(readLimited(f.get(), 300000, out), ReadStatus::Ok) << size;
    EXPECT_EQ(out, bytes);
    EXPECT_LE(out.capacity(), 300001u);
  }
  std::string over(300001, 'c');
  File f = memoryStream(over);
  std::string out;
  EXPECT_EQ(readLimited(f.get(), 300000, out), ReadStatus::TooLarge);
}

TEST(ReadInput, AnOversizedFileIsRefusedBeforeReadingIt) {
  File f = regularFile(std::string(1 << 20, 'd'));
  std::string out;
  EXPECT_EQ(readLimited(f.get(), 300000, out), ReadStatus::TooLarge);
  EXPECT_EQ(out.size(), 0u);
}

TEST(ReadInput, AFileIsReadIntoABufferOfItsSize) {
  std::string bytes(200000, 'e');
  File f = regularFile(bytes);
  std::string out;
  EXPECT_EQ(readLimited(f.get(), 300000, out), ReadStatus::Ok);
  EXPECT_EQ(out, bytes);
  EXPECT_LE(out.capacity(), bytes.size() + 1);
}

// A read error must not pass for the end of the input: a truncated stream
// can still be valid YAML, and kpt deletes the files a function leaves out.
TEST(ReadInput, AReadErrorIsNotTheEndOfTheInput) {
  File dir(std::fopen(ZD_SOURCE_DIR, "r"), &std::fclose);  // reading a directory fails: EISDIR
  ASSERT_TRUE(dir);
  std::string out;
  EXPECT_EQ(readLimited(dir.get(), 300000, out), ReadStatus::Failed);
}

}  // namespace
}  // namespace zd::krm
