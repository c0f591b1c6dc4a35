#include "krm/read_input.h"

namespace zd::krm {

bool readLimited(std::FILE* in, uint64_t limit, std::string& out) {
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, in)) > 0) {
    out.append(buf, n);
    if (out.size() > limit) return false;
  }
  return true;
}

}  // namespace zd::krm
