// What every `trailguard iac` writer says the same way, so text, JSON, SARIF and JUnit cannot drift apart:
// the path a report shows for a file, a place (file:line:col), a reason's line and a finding's reason codes.
// Internal to src/report. Pure functions, except that relative paths are resolved against the current
// directory (where the readers were given them).
#pragma once

#include <string>

#include "control/iac_judgement.hpp"

namespace trailguard::report {

struct IacReportPath {
  std::string path;  // relative to the base directory, '/'-separated, when under_base; else the file as given
  bool under_base = false;
};

// `file` as reports name it. Lexical (no symlink resolution), so the answer does not depend on what exists
// on disk: "/repo/infra/./main.tf" under "/repo" is "infra/main.tf"; "/elsewhere/x.tf" stays as given, as
// does every path when base_directory is "".
IacReportPath iac_report_path(const std::string& file, const std::string& base_directory);

// `file` as an absolute, lexically normal, '/'-separated path (relative ones resolved against the current
// directory): where SARIF points at files outside the base directory.
std::string iac_absolute_path(const std::string& file);

// "file:line:col", "file:line" without a column, "file" without a line.
std::string iac_place(const std::string& file, const model::CodeLocation& location);

// "failure (single_region_only): Trail ... is single-region": how every writer spells a reason.
std::string iac_reason_line(const control::Reason& reason);

// "single_region_only,not_logging": the reason codes of a finding, in order.
std::string iac_reason_codes(const control::IacFinding& finding);

}  // namespace trailguard::report
