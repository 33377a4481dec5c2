// The process exit codes: a documented contract (README.md, "Exit codes").
#pragma once

#include "report/report.hpp"

namespace trailguard::cli {

enum class ExitCode : int {
  pass = 0,        // every evaluated region passes
  fail = 1,        // at least one region fails
  usage = 2,       // bad arguments or unusable input
  incomplete = 3,  // no failure, but at least one region could not be judged (ERROR)
  internal = 4,    // a bug in trailguard
};

inline int to_int(ExitCode code) { return static_cast<int>(code); }

ExitCode exit_code_for(const report::Report& report);

}  // namespace trailguard::cli
