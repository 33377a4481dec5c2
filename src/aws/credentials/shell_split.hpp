// Splitting a command line into words as Python's shlex.split does in POSIX mode, which is how botocore
// turns credential_process into an argument list (no shell runs it, so no expansion, pipes or
// redirection) and how it reads "[profile name]" section headers.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace trailguard::aws {

// Words separated by spaces, tabs and newlines; '...' keeps everything literally; "..." keeps
// everything but lets \" and \\ escape; outside quotes a backslash escapes the next character.
// Fails (malformed_input) on an unclosed quote or a trailing backslash, as shlex does.
Result<std::vector<std::string>> shell_split(std::string_view text);

}  // namespace trailguard::aws
