// The JSON shapes of a finding, an account verdict and the summary, shared by the JSON report and the
// ndjson stream so both keep the field names of docs/output.md. Internal to src/report.
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include "report/report.hpp"

namespace trailguard::report {

nlohmann::json finding_json(const control::Finding& finding);
nlohmann::json verdict_json(const control::AccountVerdict& verdict);
nlohmann::json summary_json(const Report& report);

}  // namespace trailguard::report
