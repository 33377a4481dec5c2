// The JSON shapes of the logs report's elements, shared by its JSON and ndjson writers. Internal to src/report.
#pragma once

#include <nlohmann/json.hpp>

#include "report/logs_report.hpp"

namespace trailguard::report {

nlohmann::json logs_region_json(const control::RegionCoverage& coverage);
nlohmann::json logs_activity_json(const control::UnusedRegionActivity& activity);
nlohmann::json logs_tampering_json(const control::Tampering& tampering);
nlohmann::json logs_digest_problem_json(const model::DigestProblem& problem);
nlohmann::json logs_error_json(const model::LogFileError& error);
nlohmann::json logs_validation_json(const model::DigestValidation& validation);  // counts only
nlohmann::json logs_summary_json(const LogsReport& report);

}  // namespace trailguard::report
