// The JSON report: {"control", "summary", "accounts", "findings"}. Its field names are a contract
// (docs/output.md); add fields, never rename them.
#pragma once

#include <ostream>

#include "report/report.hpp"

namespace trailguard::report {

void write_json(const Report& report, std::ostream& out);

}  // namespace trailguard::report
