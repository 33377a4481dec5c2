// `trailguard iac` for people: one line per resource (file:line: STATUS address), its reasons indented, the
// problems, then the verdict.
#include <fmt/format.h>

#include "report/iac_report.hpp"

namespace trailguard::report {
namespace {

std::string place(const model::CodeLocation& location) {
  if (location.line <= 0) return location.file;
  return fmt::format("{}:{}", location.file, location.line);
}

}  // namespace

void write_iac_text(std::ostream& out, const control::IacEvaluation& evaluation, const IacReportOptions& /*options*/) {
  for (const auto& finding : evaluation.findings) {
    out << fmt::format("{}: {} {}\n", place(finding.location), control::to_string(finding.status), finding.address);
    if (finding.status == control::IacStatus::suppressed)
      out << fmt::format("    suppressed: {}\n", finding.suppression_reason);
    for (const auto& reason : finding.reasons)
      out << fmt::format("    {} ({}): {}\n", control::to_string(control::kind_of(reason.code)), control::to_string(reason.code),
                         reason.text);
    for (const auto& note : finding.notes) out << fmt::format("    note: {}\n", note);
  }
  for (const auto& problem : evaluation.problems) {
    const auto where = problem.location.line > 0
                           ? fmt::format("{}:{}:{}", problem.location.file, problem.location.line, problem.location.column)
                           : problem.location.file;
    out << fmt::format("{}: ERROR {}\n", where, problem.message);
  }
  for (const auto& note : evaluation.notes) out << fmt::format("note: {}\n", note);
  out << fmt::format("\n{}: {} ({} resource{}, {} file{} read)\n", control::to_string(evaluation.verdict), evaluation.verdict_message,
                     evaluation.findings.size(), evaluation.findings.size() == 1 ? "" : "s", evaluation.files_read.size(),
                     evaluation.files_read.size() == 1 ? "" : "s");
}

}  // namespace trailguard::report
