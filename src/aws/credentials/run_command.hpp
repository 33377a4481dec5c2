// Runs a program with an argument list (no shell: nothing in the words is expanded or interpreted),
// with stdin inherited and stdout/stderr captured, as botocore's ProcessProvider runs credential_process.
// Thread-safety: any number of threads may run commands at once (posix_spawn, pipes opened close-on-exec).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"

namespace trailguard::aws {

struct CommandResult {
  int exit_code = -1;   // when it exited
  int signal = 0;       // when a signal ended it
  std::string out;
  std::string err;
};

// argv[0] is looked up on PATH as execvp does. Fails (not_found) when it cannot be started, and
// (timeout) when `timeout` passes first; the program is then killed.
Result<CommandResult> run_command(const std::vector<std::string>& argv,
                                  std::optional<std::chrono::milliseconds> timeout);

}  // namespace trailguard::aws
