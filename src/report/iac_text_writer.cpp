// `trailguard iac` for people: one line per resource (file:line: STATUS address), its reasons indented, the
// problems, then the verdict. Files are named as they were given, for the terminal the user typed them in.
#include <fmt/format.h>

#include "report/iac_report.hpp"
#include "report/iac_report_fields.hpp"

namespace trailguard::report {

void write_iac_text(std::ostream& out, const control::IacEvaluation& evaluation, const IacReportOptions& /*options*/) {
  for (const auto& finding : evaluation.findings) {
    // file:line only: the resource's line is what a reader looks for; the column is for editors (SARIF).
    const model::CodeLocation line_only{finding.location.file, finding.location.line, 0};
    out << fmt::format("{}: {} {}\n", iac_place(finding.location.file, line_only), control::to_string(finding.status), finding.address);
    if (finding.status == control::IacStatus::suppressed)
      out << fmt::format("    suppressed: {}\n", finding.suppression_reason);
    for (const auto& reason : finding.reasons) out << fmt::format("    {}\n", iac_reason_line(reason));
    for (const auto& note : finding.notes) out << fmt::format("    note: {}\n", note);
  }
  for (const auto& problem : evaluation.problems)
    out << fmt::format("{}: ERROR {}\n", iac_place(problem.location.file, problem.location), problem.message);
  for (const auto& note : evaluation.notes) out << fmt::format("note: {}\n", note);
  out << fmt::format("\n{}: {} ({} resource{}, {} file{} read)\n", control::to_string(evaluation.verdict), evaluation.verdict_message,
                     evaluation.findings.size(), evaluation.findings.size() == 1 ? "" : "s", evaluation.files_read.size(),
                     evaluation.files_read.size() == 1 ? "" : "s");
}

}  // namespace trailguard::report
