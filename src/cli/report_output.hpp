// Evaluating accounts and writing the report in the chosen format, shared by every command that reports.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/exit_codes.hpp"
#include "model/account.hpp"
#include "report/report.hpp"

namespace trailguard::cli {

struct ReportOptions {
  std::string format = "text";
  std::string out_file;
  bool allow_excluded = false;
  bool no_color = false;
};

void add_report_options(CLI::App& command, ReportOptions& options);

// `report` in options.format to `out`; text is coloured when `out` is a terminal's standard output.
void write_report(const report::Report& report, const ReportOptions& options, std::ostream& out);

// An empty Report stamped with the time (milliseconds since the epoch) and trailguard's version.
report::Report new_report();

ExitCode evaluate_and_report(const std::vector<model::Account>& accounts, const std::vector<std::string>& problems,
                             const std::string& source, const ReportOptions& options);

}  // namespace trailguard::cli
