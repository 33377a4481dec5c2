#include "cli/exit_codes.hpp"

namespace trailguard::cli {

ExitCode exit_code_for(const report::Report& report) {
  const auto summary = report::summarize(report);
  if (summary.regions_failed > 0) return ExitCode::fail;
  if (summary.regions_errors > 0 || summary.overall != control::Status::pass) return ExitCode::incomplete;
  return ExitCode::pass;
}

}  // namespace trailguard::cli
