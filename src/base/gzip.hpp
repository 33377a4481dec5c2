// Inflating gzip files (CloudTrail delivers .json.gz) with libdeflate, into a buffer the caller keeps and
// reuses from file to file, so that a scan of a million files allocates as often as its largest file grows.
// Thread-safety: one GzipInflater per thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/result.hpp"

struct libdeflate_decompressor;

namespace trailguard {

// A growable byte buffer that never shrinks and never zero-fills what it reuses. `padding` bytes past the end
// of the data are always allocated, so simdjson can read its padded_string_view straight from it.
class ByteBuffer {
 public:
  static constexpr std::size_t padding = 64;
  // Room for `size` bytes (+ padding), keeping the bytes already there; only growth is ever filled.
  char* grow(std::size_t size);
  char* data() { return storage_.data(); }
  void set_size(std::size_t size) { size_ = size; }
  std::string_view view() const { return {storage_.data(), size_}; }
  std::size_t capacity() const { return storage_.size() - padding; }
  std::size_t size() const { return size_; }

 private:
  std::string storage_ = std::string(padding, '\0');
  std::size_t size_ = 0;
};

class GzipInflater {
 public:
  GzipInflater();
  ~GzipInflater();
  GzipInflater(const GzipInflater&) = delete;
  GzipInflater& operator=(const GzipInflater&) = delete;

  // Inflates every gzip member of `compressed` into `out`. Errors (malformed_input) name `input`: not gzip,
  // truncated, corrupt, or more than `max_size` bytes inflated.
  Status inflate(std::string_view compressed, ByteBuffer& out, std::size_t max_size, const std::string& input);

 private:
  libdeflate_decompressor* decompressor_;
};

}  // namespace trailguard
