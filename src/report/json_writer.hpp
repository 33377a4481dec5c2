// The JSON report: {"schema_version", "control", "summary", "accounts", "findings", ...}. Its field names are a contract
// (docs/output.md, docs/schema/report.schema.json); add fields, never rename them.
#pragma once

#include <ostream>

#include "report/report.hpp"

namespace trailguard::report {

void write_json(const Report& report, std::ostream& out);

}  // namespace trailguard::report
