#include "report/junit_writer.hpp"

#include <fmt/format.h>

#include "control/control_metadata.hpp"
#include "report/markup_escape.hpp"

namespace trailguard::report {
namespace {

std::string codes_of(const control::Finding& f) {
  std::string out;
  for (const auto& r : f.reasons) out += (out.empty() ? "" : ",") + std::string(to_string(r.code));
  return out;
}

// The element a finding's status becomes inside its testcase; PASS has none.
const char* element_for(control::Status status) {
  switch (status) {
    case control::Status::fail: return "failure";
    case control::Status::error: return "error";
    case control::Status::skipped: return "skipped";
    case control::Status::pass: break;
  }
  return nullptr;
}

void write_testcase(const control::Finding& f, std::ostream& out) {
  const auto classname = xml_escaped(control::control_metadata().id + "." + f.account_id);
  out << fmt::format("    <testcase name=\"{}\" classname=\"{}\">", xml_escaped(f.region), classname);
  const auto message = xml_escaped(f.message);
  if (const char* element = element_for(f.status)) {
    out << fmt::format("\n      <{0} message=\"{1}\" type=\"{2}\">{1}</{0}>\n    ", element, message, xml_escaped(codes_of(f)));
  } else if (!f.reasons.empty()) {  // a PASS with warnings: not a failure, but worth reading
    out << fmt::format("\n      <system-out>{}: {}</system-out>\n    ", xml_escaped(codes_of(f)), message);
  }
  out << "</testcase>\n";
}

}  // namespace

// Attributes are double-quoted, so an apostrophe needs no escape.
std::string xml_escaped(std::string_view text) { return markup_escaped(text, Apostrophe::kept, Whitespace::as_references); }

void write_junit(const Report& report, std::ostream& out) {
  const auto s = summarize(report);
  const int tests = s.regions_passed + s.regions_failed + s.regions_errors + s.regions_skipped;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  // junit-10.xsd allows no skipped count on <testsuites>; each <testsuite> has one.
  out << fmt::format("<testsuites name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n",
                     xml_escaped("trailguard: " + control::control_metadata().title), tests, s.regions_failed, s.regions_errors);
  // Account by account, testcase by testcase, straight to the stream: never the whole document in memory.
  for (const auto& evaluation : report.accounts) {
    const auto& v = evaluation.verdict;
    const std::string named = v.account_name.empty() ? v.account_id : v.account_id + " (" + v.account_name + ")";
    out << fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\">\n",
                       xml_escaped("Account " + named), evaluation.findings.size(), v.failed, v.errors, v.skipped);
    for (const auto& f : evaluation.findings) write_testcase(f, out);
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

}  // namespace trailguard::report
