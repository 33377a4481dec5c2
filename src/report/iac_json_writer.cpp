// `trailguard iac -o json`: {"verdict", "verdict_message", "findings": [...], "problems", "files_read", "notes"}.
// The findings' fields are the contract of docs/iac.md. Files are named relative to options.base_directory
// where they lie under it (report/iac_report_fields), as SARIF and JUnit name them.
#include <nlohmann/json.hpp>

#include "report/iac_report.hpp"
#include "report/iac_report_fields.hpp"

namespace trailguard::report {
namespace {

nlohmann::json finding_json(const control::IacFinding& finding, const std::string& base_directory) {
  nlohmann::json reasons = nlohmann::json::array();
  for (const auto& reason : finding.reasons)
    reasons.push_back({{"code", control::to_string(reason.code)},
                       {"kind", control::to_string(control::kind_of(reason.code))},
                       {"text", reason.text}});
  nlohmann::json out = {{"file", iac_report_path(finding.location.file, base_directory).path},
                        {"line", finding.location.line},
                        {"column", finding.location.column},
                        {"resource", finding.address},
                        {"format", model::to_string(finding.format)},
                        {"status", control::to_string(finding.status)},
                        {"reasons", std::move(reasons)},
                        {"message", finding.message},
                        {"notes", finding.notes}};
  if (finding.status == control::IacStatus::suppressed) out["suppression_reason"] = finding.suppression_reason;
  return out;
}

}  // namespace

void write_iac_json(std::ostream& out, const control::IacEvaluation& evaluation, const IacReportOptions& options) {
  nlohmann::json findings = nlohmann::json::array();
  for (const auto& finding : evaluation.findings) findings.push_back(finding_json(finding, options.base_directory));
  nlohmann::json problems = nlohmann::json::array();
  for (const auto& problem : evaluation.problems)
    problems.push_back({{"file", iac_report_path(problem.location.file, options.base_directory).path},
                        {"line", problem.location.line},
                        {"column", problem.location.column},
                        {"message", problem.message}});
  nlohmann::json files_read = nlohmann::json::array();
  for (const auto& file : evaluation.files_read) files_read.push_back(iac_report_path(file, options.base_directory).path);
  const nlohmann::json document = {{"verdict", control::to_string(evaluation.verdict)},
                                   {"verdict_message", evaluation.verdict_message},
                                   {"findings", std::move(findings)},
                                   {"problems", std::move(problems)},
                                   {"files_read", std::move(files_read)},
                                   {"notes", evaluation.notes}};
  out << document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace trailguard::report
