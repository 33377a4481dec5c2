// Runs the trailguard binary (or any command) as a child process and captures what it printed,
// so tests exercise the real program, exit codes included.
#pragma once

#include <string>
#include <vector>

namespace trailguard::test_support {

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs argv[0] with the given arguments (no shell), optionally with extra "NAME=value" environment entries.
ProcessResult run_process(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env = {},
                          const std::string& stdin_text = {});

}  // namespace trailguard::test_support
