// How often a piece of text occurs in a writer's output: the writers' tests count elements, cells and escapes.
#pragma once

#include <cstddef>
#include <string>

namespace trailguard::report::golden {

inline std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = 0; (at = text.find(what, at)) != std::string::npos; at += what.size()) ++n;
  return n;
}

}  // namespace trailguard::report::golden
