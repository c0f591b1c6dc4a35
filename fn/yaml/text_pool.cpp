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

size_t TextPool::home(uint64_t entry) const {
  std::string_view s =
      at(static_cast<uint32_t>(entry >> 8), static_cast<uint32_t>((entry & 0xFF) - 1));
  return hashOf(s) & (slots_.size() - 1);
}

void TextPool::rehash(size_t slots) {
  slots_.assign(slots, 0);
  for (uint64_t entry : entries_) {
    size_t i = home(entry);
    while (slots_[i] != 0) i = (i + 1) & (slots_.size() - 1);
    slots_[i] = entry;
  }
  grownAt_ = entries_.size();
}

// The newest entries leave first: with no rehash since they came, each is the last of its probe
// run, so emptying its slot leaves the table as it was before it came.
void TextPool::rollbackTo(const Mark& m) {
  if (grownAt_ > m.entries) {
    entries_.resize(m.entries);
    rehash(slots_.size());
  } else {
    for (size_t e = entries_.size(); e-- > m.entries;) {
      size_t i = home(entries_[e]);
      while (slots_[i] != entries_[e]) i = (i + 1) & (slots_.size() - 1);
      slots_[i] = 0;
    }
    entries_.resize(m.entries);
  }
  text_.resize(m.bytes);
}

uint32_t TextPool::add(std::string_view text) {
  if (text.size() > kShort) return append(text);
  if (2 * (entries_.size() + 1) > slots_.size()) rehash(slots_.empty() ? 1024 : slots_.size() * 2);
  size_t i = hashOf(text) & (slots_.size() - 1);
  for (; slots_[i] != 0; i = (i + 1) & (slots_.size() - 1)) {
    auto off = static_cast<uint32_t>(slots_[i] >> 8);
    auto len = static_cast<uint32_t>((slots_[i] & 0xFF) - 1);
    if (at(off, len) == text) return off;
  }
  uint32_t off = append(text);
  slots_[i] = (static_cast<uint64_t>(off) << 8) | (text.size() + 1);
  entries_.push_back(slots_[i]);
  return off;
}

}  // namespace zd::yaml
