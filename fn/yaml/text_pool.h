// The scalar text of a tree, with short strings stored once: Kubernetes
// manifests repeat the same keys and values ("name", "image", "80", "TCP")
// millions of times, and a 30 MB ResourceList has only ~16,000 distinct short
// scalars. Text is addressed by offset, so the pool may grow freely.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace zd::yaml {

class TextPool {
 public:
  // Offset of `text` in the pool (an existing copy when `text` is short).
  uint32_t add(std::string_view text);
  std::string_view at(uint32_t offset, uint32_t length) const {
    return std::string_view(text_).substr(offset, length);
  }
  void reserve(size_t bytes) { text_.reserve(bytes); }
  size_t size() const { return text_.size(); }
  void clear() {
    text_.clear();
    slots_.clear();
    entries_.clear();
    grownAt_ = 0;
  }

  // The pool as it is now; rollbackTo(m) forgets the text added since (Tree::rollbackTo, once no
  // node refers to it).
  struct Mark {
    size_t bytes, entries;
  };
  Mark mark() const { return Mark{text_.size(), entries_.size()}; }
  void rollbackTo(const Mark& m);

 private:
  static constexpr size_t kShort = 32;  // longer strings are rarely repeated
  uint32_t append(std::string_view text);
  void rehash(size_t slots);
  size_t home(uint64_t entry) const;

  std::string text_;
  std::vector<uint64_t> slots_;    // open addressing: offset << 8 | length + 1; 0 = empty
  std::vector<uint64_t> entries_;  // the pooled strings, as slots_ holds them, oldest first
  size_t grownAt_ = 0;             // entries_.size() when slots_ was last rebuilt
};

}  // namespace zd::yaml
