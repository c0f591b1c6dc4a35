#include "krm/read_input.h"

#include <sys/stat.h>

#include <algorithm>
#include <optional>

namespace zd::krm {

namespace {

// Bytes left in `in` when it is a regular file (`< manifests.yaml`); nullopt
// for a pipe, a terminal, or memory, whose size is known only at the end.
std::optional<uint64_t> bytesAhead(std::FILE* in) {
  int fd = fileno(in);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  off_t pos = ftello(in);  // not lseek: stdio may have buffered ahead
  if (pos < 0) return std::nullopt;
  return st.st_size > pos ? static_cast<uint64_t>(st.st_size - pos) : 0;
}

// Room for `need` bytes. Doubling keeps appends amortised, as std::string
// would, but a step that would reach the limit goes straight to limit + 1
// (`cap`): one byte over the limit is all it takes to refuse, and a buffer
// doubled past it (512 MiB for the default 256 MiB) is memory for nothing.
void makeRoom(std::string& out, size_t need, size_t cap) {
  if (need <= out.capacity()) return;
  size_t doubled = std::max(need, out.capacity() * 2);
  // A fresh string, because libstdc++'s reserve() on a non-empty one rounds
  // any growth below 2x up to 2x: exactly the overshoot to avoid.
  std::string bigger;
  bigger.reserve(doubled >= cap - 1 ? cap : doubled);
  bigger.append(out);
  out.swap(bigger);
}

}  // namespace

ReadStatus readLimited(std::FILE* in, uint64_t limit, std::string& out) {
  const size_t cap = limit >= out.max_size() - 1 ? out.max_size() : static_cast<size_t>(limit) + 1;
  if (std::optional<uint64_t> ahead = bytesAhead(in)) {
    if (*ahead > limit) return ReadStatus::TooLarge;  // known without reading a byte
    out.reserve(static_cast<size_t>(*ahead) + 1);     // + 1: room to see the end
  }
  // Reading into a small buffer and appending touches only the pages the
  // input fills; reserved, untouched capacity costs no memory.
  char buf[1 << 16];
  while (out.size() < cap) {
    size_t n = std::fread(buf, 1, std::min(sizeof buf, cap - out.size()), in);
    if (n == 0) break;
    makeRoom(out, out.size() + n, cap);
    out.append(buf, n);
  }
  if (out.size() > limit) return ReadStatus::TooLarge;
  return std::ferror(in) ? ReadStatus::Failed : ReadStatus::Ok;
}

}  // namespace zd::krm
