// Where a byte offset falls in a text, as 1-based line and column (columns count bytes): for the parsers that
// know only the offset of what they could not read (nlohmann::json's parse_error.byte).
#pragma once

#include <cstddef>
#include <string_view>

namespace trailguard {

struct TextPosition {
  int line = 1;
  int column = 1;
};

inline TextPosition position_of(std::string_view text, std::size_t offset) {
  TextPosition position;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++position.line;
      position.column = 1;
    } else {
      ++position.column;
    }
  }
  return position;
}

}  // namespace trailguard
