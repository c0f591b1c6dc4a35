// A growing array in fixed chunks: indexing as a vector's (one shift, one mask), but growth never
// copies what is already there, and never holds twice the elements while it does. The tree of a
// large input grows during the rewrite; as one vector it briefly needed its old and its doubled
// buffer at once, which set the run's peak memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace zd::yaml {

template <class T>
class Chunked {
 public:
  Chunked() = default;
  Chunked(const Chunked& o) { *this = o; }
  Chunked& operator=(const Chunked& o) {
    if (this == &o) return *this;
    clear();
    for (size_t i = 0; i < o.size_; ++i) push_back(o[i]);
    return *this;
  }
  // A moved-from array is empty, not a size over no storage.
  Chunked(Chunked&& o) noexcept : chunks_(std::move(o.chunks_)), size_(std::exchange(o.size_, 0)) {}
  Chunked& operator=(Chunked&& o) noexcept {
    chunks_ = std::move(o.chunks_);
    o.chunks_.clear();
    size_ = std::exchange(o.size_, 0);
    return *this;
  }

  T& operator[](size_t i) { return chunks_[i >> kShift][i & kMask]; }
  const T& operator[](size_t i) const { return chunks_[i >> kShift][i & kMask]; }
  size_t size() const { return size_; }

  void push_back(const T& v) {
    if ((size_ & kMask) == 0 && (size_ >> kShift) == chunks_.size())
      chunks_.push_back(std::make_unique<T[]>(kChunk));
    (*this)[size_++] = v;
  }
  template <class It>
  void append(It first, It last) {
    for (; first != last; ++first) push_back(*first);
  }
  void clear() {
    chunks_.clear();
    size_ = 0;
  }
  // Keeps the first `n` elements and frees the chunks past them.
  void truncate(size_t n) {
    if (n >= size_) return;
    size_ = n;
    chunks_.resize((n + kMask) >> kShift);
  }

 private:
  // 4,096 elements a chunk: small enough that a tiny input costs no more than a vector would.
  static constexpr size_t kShift = 12;
  static constexpr size_t kChunk = size_t{1} << kShift;
  static constexpr size_t kMask = kChunk - 1;
  std::vector<std::unique_ptr<T[]>> chunks_;
  size_t size_ = 0;
};

}  // namespace zd::yaml
