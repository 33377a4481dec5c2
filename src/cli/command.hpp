// The subcommand table: each command declares its options on its own CLI11 sub-app and returns
// the function that runs it. --help and "did you mean" are generated from this table.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/exit_codes.hpp"

namespace trailguard::cli {

using Runner = std::function<ExitCode()>;

struct Command {
  std::string name;
  std::string help;
  std::function<Runner(CLI::App& sub)> define;
};

Command scan_command();
Command collect_command();
Command evidence_script_command();
Command control_command();
Command fix_command();
Command iam_policy_command();
Command logs_command();
Command iac_command();

const std::vector<Command>& all_commands();

// The command name closest to `typed` (edit distance at most 2), or "" when none is close.
std::string closest_command(const std::string& typed);

}  // namespace trailguard::cli
