// `trailguard iac -o json`: {"verdict", "verdict_message", "findings": [...], "problems", "files_read", "notes"}.
// The findings' fields are the contract of docs/iac.md.
#include <nlohmann/json.hpp>

#include "report/iac_report.hpp"

namespace trailguard::report {
namespace {

nlohmann::json finding_json(const control::IacFinding& finding) {
  nlohmann::json reasons = nlohmann::json::array();
  for (const auto& reason : finding.reasons)
    reasons.push_back({{"code", control::to_string(reason.code)},
                       {"kind", control::to_string(control::kind_of(reason.code))},
                       {"text", reason.text}});
  nlohmann::json out = {{"file", finding.location.file},
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

void write_iac_json(std::ostream& out, const control::IacEvaluation& evaluation, const IacReportOptions& /*options*/) {
  nlohmann::json findings = nlohmann::json::array();
  for (const auto& finding : evaluation.findings) findings.push_back(finding_json(finding));
  nlohmann::json problems = nlohmann::json::array();
  for (const auto& problem : evaluation.problems)
    problems.push_back({{"file", problem.location.file},
                        {"line", problem.location.line},
                        {"column", problem.location.column},
                        {"message", problem.message}});
  const nlohmann::json document = {{"verdict", control::to_string(evaluation.verdict)},
                                   {"verdict_message", evaluation.verdict_message},
                                   {"findings", std::move(findings)},
                                   {"problems", std::move(problems)},
                                   {"files_read", evaluation.files_read},
                                   {"notes", evaluation.notes}};
  out << document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace trailguard::report
