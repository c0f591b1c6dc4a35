#include "yaml/text_pool.h"

#include <stdexcept>

namespace zd::yaml {
namespace {

uint64_t hashOf(std::string_view s) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

}  // namespace

uint32_t TextPool::append(std::string_view text) {
  if (text_.size() + text.size() > UINT32_MAX) throw std::length_error("YAML text arena full");
  auto off = static_cast<uint32_t>(text_.size());
  text_.append(text);
  return off;
}

void TextPool::grow() {
  std::vector<uint64_t> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, 0);
  for (uint64_t slot : old) {
    if (slot == 0) continue;
    std::string_view s =
        at(static_cast<uint32_t>(slot >> 8), static_cast<uint32_t>((slot & 0xFF) - 1));
    size_t i = hashOf(s) & (slots_.size() - 1);
    while (slots_[i] != 0) i = (i + 1) & (slots_.size() - 1);
    slots_[i] = slot;
  }
}

uint32_t TextPool::add(std::string_view text) {
  if (text.size() > kShort) return append(text);
  if (2 * (used_ + 1) > slots_.size()) grow();
  size_t i = hashOf(text) & (slots_.size() - 1);
  for (; slots_[i] != 0; i = (i + 1) & (slots_.size() - 1)) {
    auto off = static_cast<uint32_t>(slots_[i] >> 8);
    auto len = static_cast<uint32_t>((slots_[i] & 0xFF) - 1);
    if (at(off, len) == text) return off;
  }
  uint32_t off = append(text);
  slots_[i] = (static_cast<uint64_t>(off) << 8) | (text.size() + 1);
  ++used_;
  return off;
}

}  // namespace zd::yaml
