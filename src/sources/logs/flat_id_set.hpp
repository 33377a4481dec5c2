// A set of 64-bit event-id hashes in one flat, open-addressed array (8 bytes a slot, at most half full):
// the log scan keeps millions of them, and a node-based set would cost five times the memory.
// 0 marks an empty slot, so 0 is never stored (hashes are made non-zero). Not thread-safe.
#pragma once

#include <cstdint>
#include <vector>

namespace trailguard::sources::logs {

class FlatIdSet {
 public:
  // true when `id` was not in the set (and now is).
  bool insert(std::uint64_t id) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    return place(id);
  }
  bool contains(std::uint64_t id) const {
    if (slots_.empty()) return false;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t at = mix(id) & mask;; at = (at + 1) & mask) {
      if (slots_[at] == id) return true;
      if (slots_[at] == 0) return false;
    }
  }
  std::size_t size() const { return size_; }
  std::size_t bytes() const { return slots_.capacity() * sizeof(std::uint64_t); }

 private:
  static std::size_t mix(std::uint64_t id) {  // the hashes may be weak in their low bits
    id ^= id >> 33;
    id *= 0xff51afd7ed558ccdULL;
    id ^= id >> 33;
    return static_cast<std::size_t>(id);
  }
  bool place(std::uint64_t id) {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t at = mix(id) & mask;; at = (at + 1) & mask) {
      if (slots_[at] == id) return false;
      if (slots_[at] == 0) {
        slots_[at] = id;
        ++size_;
        return true;
      }
    }
  }
  void grow() {
    std::vector<std::uint64_t> old(slots_.empty() ? 64 : slots_.size() * 2, 0);
    old.swap(slots_);
    size_ = 0;
    for (const auto id : old)
      if (id != 0) place(id);
  }
  std::vector<std::uint64_t> slots_;
  std::size_t size_ = 0;
};

}  // namespace trailguard::sources::logs
