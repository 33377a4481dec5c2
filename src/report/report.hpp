// Report: every account's evaluation from one run, plus what the run wants said about itself.
// Writers take a Report and nothing else, so every output format shows the same facts.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "control/finding.hpp"

namespace trailguard::report {

// The version of the JSON report's shape (docs/schema/report.schema.json), written in the JSON report and the
// ndjson summary line: the minor grows when fields are added, the major if a field ever changes meaning.
inline constexpr std::string_view kSchemaVersion = "1.0";

struct Report {
  std::string source;  // "evidence DIR", "live", ...
  std::vector<control::Evaluation> accounts;
  std::vector<std::string> problems;  // input problems found while reading (files, APIs)
  std::int64_t generated_ms = 0;      // when the run made it, ms since the epoch (set by the CLI; OCSF's time)
  std::string tool_version;           // trailguard's version (OCSF's metadata.product.version)
};

struct Summary {
  int regions_passed = 0;
  int regions_failed = 0;
  int regions_errors = 0;
  int regions_skipped = 0;
  int accounts_compliant = 0;
  int accounts_non_compliant = 0;
  int accounts_incomplete = 0;
  int accounts_skipped = 0;  // not audited on purpose (suspended organization members)
  control::Status overall = control::Status::error;  // FAIL beats ERROR beats PASS
};

Summary summarize(const Report& report);

// What to read first: FAIL 0, then what could not be judged (ERROR 1), PASS 2, then what was not audited (SKIPPED 3).
int severity_rank(control::Status status);

// The report's accounts worst first (by severity_rank, then the most failing and erroring regions), ties in report
// order: the text report's --org lines and the HTML grid's rows.
std::vector<const control::Evaluation*> accounts_worst_first(const Report& report);

}  // namespace trailguard::report
