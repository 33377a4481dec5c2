#include "base/gzip.hpp"

#include <libdeflate.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <new>

namespace trailguard {

char* ByteBuffer::grow(std::size_t size) {
  if (size + padding > storage_.size()) storage_.resize(std::max(size + padding, storage_.size() * 3 / 2));
  return storage_.data();
}

GzipInflater::GzipInflater() : decompressor_(libdeflate_alloc_decompressor()) {
  if (!decompressor_) throw std::bad_alloc();
}

GzipInflater::~GzipInflater() { libdeflate_free_decompressor(decompressor_); }

namespace {
// The gzip trailer's ISIZE: the member's inflated size modulo 2^32 (a hint only: a wrong one is retried).
std::size_t size_hint(std::string_view member) {
  std::uint32_t size = 0;
  std::memcpy(&size, member.data() + member.size() - 4, 4);  // little-endian, as x86 and ARM are
  return size;
}
}  // namespace

Status GzipInflater::inflate(std::string_view compressed, ByteBuffer& out, std::size_t max_size, const std::string& input) {
  const auto malformed = [&](std::string message) {
    return Error{ErrorKind::malformed_input, std::move(message), input, "malformed_gzip"};
  };
  if (compressed.size() < 18 || static_cast<unsigned char>(compressed[0]) != 0x1f ||
      static_cast<unsigned char>(compressed[1]) != 0x8b)
    return malformed("not a gzip file");
  std::size_t produced = 0;
  out.set_size(0);
  std::size_t room = std::min(max_size, std::max<std::size_t>(size_hint(compressed) + 1, compressed.size() * 4));
  while (!compressed.empty()) {
    std::size_t consumed = 0, inflated = 0;
    for (;;) {
      char* data = out.grow(produced + room);
      const auto result = libdeflate_gzip_decompress_ex(decompressor_, compressed.data(), compressed.size(),
                                                        data + produced, room, &consumed, &inflated);
      if (result == LIBDEFLATE_SUCCESS) break;
      if (result != LIBDEFLATE_INSUFFICIENT_SPACE) return malformed("truncated or corrupt gzip data");
      if (produced + room >= max_size)
        return malformed("inflates to more than " + std::to_string(max_size >> 20) + " MiB, the limit per file");
      room = std::min(max_size - produced, room * 2);
    }
    produced += inflated;
    out.set_size(produced);
    compressed.remove_prefix(consumed);
    // Trailing zero bytes after the last member are padding some writers add, not another member.
    if (std::all_of(compressed.begin(), compressed.end(), [](char c) { return c == '\0'; })) break;
    if (compressed.size() < 18) return malformed("trailing bytes after the gzip data");
    room = std::min(max_size - produced, std::max<std::size_t>(size_hint(compressed) + 1, compressed.size() * 4));
  }
  out.set_size(produced);
  return ok_status();
}

}  // namespace trailguard
