// `trailguard logs athena-ddl S3URI`: prints the Athena table over CloudTrail's files (sources/athena).
// A subcommand of `logs` that leaves `trailguard logs SOURCE...` as it was: SOURCE is required unless
// athena-ddl is on the command line, and `logs`' own options are refused with it.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/command.hpp"

namespace trailguard::cli {

// Adds athena-ddl under `logs` (whose SOURCE positional must already exist). The runner is called only
// when the returned app was parsed.
struct LogsSubcommand {
  CLI::App* app;
  Runner run;
};
LogsSubcommand add_athena_ddl_subcommand(CLI::App& logs);

}  // namespace trailguard::cli
