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
    used_ = 0;
  }

 private:
  static constexpr size_t kShort = 32;  // longer strings are rarely repeated
  uint32_t append(std::string_view text);
  void grow();

  std::string text_;
  std::vector<uint64_t> slots_;  // open addressing: offset << 8 | length + 1; 0 = empty
  size_t used_ = 0;
};

}  // namespace zd::yaml
