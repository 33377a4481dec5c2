// The AWS CLI command(s) equivalent to one plan action: what a reviewer can read, or run by hand instead.
// One shell line each, words quoted for POSIX shells. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "remediate/plan.hpp"

namespace trailguard::remediate {

std::vector<std::string> aws_cli_commands(const Action& action);

// `word` as one POSIX shell word: unchanged when it has only safe characters, else in single quotes.
std::string shell_quote(std::string_view word);

}  // namespace trailguard::remediate
