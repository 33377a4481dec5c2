// A writer's output compared with its golden file (tests/report/golden/NAME). TRAILGUARD_UPDATE_GOLDEN=1
// rewrites the golden files after an intended change (then read the diff).
#pragma once

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace trailguard::report::golden {

inline void compare_with_golden(const std::string& actual, const std::string& name) {
  const std::string path = std::string(TRAILGUARD_SOURCE_DIR) + "/tests/report/golden/" + name;
  if (const char* update = std::getenv("TRAILGUARD_UPDATE_GOLDEN"); update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << path << " is missing; run with TRAILGUARD_UPDATE_GOLDEN=1";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(actual, expected.str()) << "differs from " << path;
}

}  // namespace trailguard::report::golden
