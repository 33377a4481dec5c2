// The ndjson stream (-o ndjson): one JSON object per line, written as accounts finish so that a run cut
// off half-way keeps every finding made. Lines, each with a "type":
//   {"type":"finding", ...the JSON report's finding fields}       one per (account, region)
//   {"type":"account", ...the JSON report's account fields}       after that account's findings
//   {"type":"summary", "schema_version", "source", "status", "regions", "accounts", "complete", "problems", ...}  last
// Field names are the JSON report's (docs/output.md); add fields, never rename them.
// Thread-safety: none; the caller writes one account at a time (the org scan serialises them).
#pragma once

#include <cstddef>
#include <ostream>

#include "report/report.hpp"

namespace trailguard::report {

// One account's findings and its account line, then a flush: after this returns the account is on disk
// (or in the pipe), whatever happens to the process next.
void write_ndjson_account(const control::Evaluation& evaluation, std::ostream& out);

struct StreamEnd {
  bool complete = true;           // false: the run was cut short (SIGINT) before every account was read
  std::size_t accounts_planned = 0;  // accounts the run meant to report (0: as many as written)
};

// The summary line over every account written so far, then a flush.
void write_ndjson_summary(const Report& report, const StreamEnd& end, std::ostream& out);

// The whole report at once (one-account scans, evidence): every account, then the summary.
void write_ndjson(const Report& report, std::ostream& out);

}  // namespace trailguard::report
