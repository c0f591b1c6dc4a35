// A hash set of numbers that stand for keys kept elsewhere (a string in a StringTable, a resource
// or a result in a ResultStore): the caller hashes and compares the keys, the set keeps only their
// numbers. A slot is 4 bytes, where std::unordered_map spends about 50 an entry on its nodes and
// buckets; a run that reports a million results holds a few hundred thousand keys.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace zd::krm {

class IdSet {
 public:
  // Not a number the set can hold: it marks an empty slot.
  static constexpr uint32_t kEmpty = UINT32_MAX;

  // Makes room for `n` numbers in all, so that adding that many moves nothing. hashOf(id) is the
  // hash of the key of a number already in the set.
  template <class HashOf>
  void reserve(size_t n, HashOf hashOf) {
    size_t slots = 16;
    while (!roomFor(n, slots)) slots *= 2;
    if (slots > slots_.size()) rehash(slots, hashOf);
  }

  // The number in the set whose key is the one asked for (`hash` is its hash, same(id) says
  // whether id's key equals it); when there is none, `fresh` is added and returned.
  template <class Same, class HashOf>
  uint32_t findOrAdd(size_t hash, uint32_t fresh, Same same, HashOf hashOf) {
    if (!roomFor(size_ + 1, slots_.size())) rehash(std::max<size_t>(16, slots_.size() * 2), hashOf);
    const size_t mask = slots_.size() - 1;
    for (size_t i = mix(hash) & mask;; i = (i + 1) & mask) {
      const uint32_t id = slots_[i];
      if (id == kEmpty) {
        slots_[i] = fresh;
        ++size_;
        return fresh;
      }
      if (same(id)) return id;
    }
  }

  size_t size() const { return size_; }

 private:
  // At most three quarters full, at least three eighths after growing: linear probing stays
  // short, and a number costs 5 to 11 bytes.
  static bool roomFor(size_t n, size_t slots) { return n * 4 <= slots * 3; }

  // splitmix64's finalizer: callers' hashes may vary in a few bits only (numbers side by side),
  // and the slot is taken from the low bits.
  static size_t mix(size_t h) {
    uint64_t x = h;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return static_cast<size_t>(x ^ (x >> 31));
  }

  template <class HashOf>
  void rehash(size_t slots, HashOf hashOf) {
    std::vector<uint32_t> old(slots, kEmpty);
    old.swap(slots_);
    const size_t mask = slots - 1;
    for (uint32_t id : old) {
      if (id == kEmpty) continue;
      size_t i = mix(hashOf(id)) & mask;
      while (slots_[i] != kEmpty) i = (i + 1) & mask;
      slots_[i] = id;
    }
  }

  std::vector<uint32_t> slots_;  // a power of two of them, or none
  size_t size_ = 0;
};

}  // namespace zd::krm
