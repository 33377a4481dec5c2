// `trailguard iac -o junit`: JUnit XML for CI test views, in the shape of the scan's report/junit_writer:
//   <testsuites>
//     <testsuite name="trailguard iac">
//       <testcase classname="FILE" name="RESOURCE ADDRESS">   one per finding
//         FAIL <failure>, UNKNOWN <error>, NOT_CREATED and SUPPRESSED <skipped>, PASS nothing
//       <testcase classname="FILE" name="FILE:LINE:COL">      one per problem, with <error>
// As in the scan's report, the message is both the attribute and the element's text (GitLab shows only the
// text), type is the reason codes (or the status when there are none), and warnings on a PASS are in <system-out>. Valid against junit-10.xsd.
#include <fmt/format.h>

#include "control/control_metadata.hpp"
#include "report/iac_report.hpp"
#include "report/iac_report_fields.hpp"
#include "report/junit_writer.hpp"

namespace trailguard::report {
namespace {

const char* element_for(control::IacStatus status) {
  switch (status) {
    case control::IacStatus::fail: return "failure";
    case control::IacStatus::unknown: return "error";
    case control::IacStatus::not_created:
    case control::IacStatus::suppressed: return "skipped";
    case control::IacStatus::pass: break;
  }
  return nullptr;
}

// The element's text: the sentence, then the place and each reason and note on its own line, as -o text
// says them.
std::string details(const control::IacFinding& finding, const std::string& file) {
  std::string out = finding.message + "\n" + iac_place(file, finding.location);
  for (const auto& reason : finding.reasons) out += "\n" + iac_reason_line(reason);
  for (const auto& note : finding.notes) out += "\nnote: " + note;
  return out;
}

void write_finding(std::ostream& out, const control::IacFinding& finding, const std::string& base_directory) {
  const auto file = iac_report_path(finding.location.file, base_directory).path;
  out << fmt::format("    <testcase name=\"{}\" classname=\"{}\">", xml_escaped(finding.address), xml_escaped(file));
  if (const char* element = element_for(finding.status)) {
    const auto codes = iac_reason_codes(finding);  // NOT_CREATED has none: its status says it
    out << fmt::format("\n      <{0} message=\"{1}\" type=\"{2}\">{3}</{0}>\n    ", element, xml_escaped(finding.message),
                       xml_escaped(codes.empty() ? std::string(control::to_string(finding.status)) : codes),
                       xml_escaped(details(finding, file)));
  } else if (!finding.reasons.empty() || !finding.notes.empty()) {  // a PASS with warnings: not a failure, but worth reading
    out << fmt::format("\n      <system-out>{}</system-out>\n    ", xml_escaped(details(finding, file)));
  }
  out << "</testcase>\n";
}

void write_problem(std::ostream& out, const model::IacProblem& problem, const std::string& base_directory) {
  const auto file = iac_report_path(problem.location.file, base_directory).path;
  const auto place = iac_place(file, problem.location);
  // A problem of no file (a usage error about the arguments) still needs a name CI can show.
  out << fmt::format("    <testcase name=\"{}\" classname=\"{}\">\n", xml_escaped(place.empty() ? "trailguard iac" : place),
                     xml_escaped(file));
  out << fmt::format("      <error message=\"{}\" type=\"{}\">{}</error>\n    </testcase>\n", xml_escaped(problem.message),
                     problem.usage_error ? "usage_problem" : "input_problem",
                     xml_escaped(place.empty() ? problem.message : place + ": " + problem.message));
}

}  // namespace

void write_iac_junit(std::ostream& out, const control::IacEvaluation& evaluation, const IacReportOptions& options) {
  int failures = 0, errors = static_cast<int>(evaluation.problems.size()), skipped = 0;
  for (const auto& finding : evaluation.findings) {
    failures += finding.status == control::IacStatus::fail;
    errors += finding.status == control::IacStatus::unknown;
    skipped += finding.status == control::IacStatus::not_created || finding.status == control::IacStatus::suppressed;
  }
  const auto tests = evaluation.findings.size() + evaluation.problems.size();
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  // junit-10.xsd allows no skipped count on <testsuites>; the <testsuite> has one.
  out << fmt::format("<testsuites name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n",
                     xml_escaped("trailguard iac: " + control::control_metadata().title), tests, failures, errors);
  out << fmt::format("  <testsuite name=\"trailguard iac\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\">\n", tests,
                     failures, errors, skipped);
  for (const auto& finding : evaluation.findings) write_finding(out, finding, options.base_directory);
  for (const auto& problem : evaluation.problems) write_problem(out, problem, options.base_directory);
  out << "  </testsuite>\n</testsuites>\n";
}

}  // namespace trailguard::report
