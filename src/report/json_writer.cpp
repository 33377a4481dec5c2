#include "report/json_writer.hpp"

#include <nlohmann/json.hpp>

#include "control/control_metadata.hpp"
#include "report/json_fields.hpp"

namespace trailguard::report {
namespace {
using nlohmann::json;

json control_json() {
  const auto& m = control::control_metadata();
  json frameworks = json::array();
  for (const auto& f : m.frameworks) frameworks.push_back({{"framework", f.framework}, {"version", f.version}, {"control", f.control}});
  return {{"id", m.id}, {"title", m.title}, {"severity", m.severity}, {"frameworks", frameworks},
          {"remediation", m.remediation_text}};
}
}  // namespace

void write_json(const Report& report, std::ostream& out) {
  json accounts = json::array();
  json findings = json::array();
  for (const auto& evaluation : report.accounts) {
    accounts.push_back(verdict_json(evaluation.verdict));
    for (const auto& f : evaluation.findings) findings.push_back(finding_json(f));
  }
  json doc = {
      {"control", control_json()},
      {"source", report.source},
      {"summary", summary_json(report)},
      {"accounts", accounts},
      {"findings", findings},
      {"problems", report.problems},
  };
  out << doc.dump(2) << '\n';
}

}  // namespace trailguard::report
