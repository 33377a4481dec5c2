// What every fuzz target shares: the libFuzzer entry point's signature, and a way to split one input into
// a selector byte and the document, so one target covers several parsers of the same family.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace trailguard::fuzz {

struct Input {
  unsigned selector = 0;  // which parser (modulo the target's count)
  std::string_view document;
};

inline Input split(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return {};
  return {data[0], std::string_view(reinterpret_cast<const char*>(data + 1), size - 1)};
}

}  // namespace trailguard::fuzz
