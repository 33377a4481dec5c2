#include "report/json_writer.hpp"

#include <nlohmann/json.hpp>

#include "control/control_metadata.hpp"

namespace trailguard::report {
namespace {
using nlohmann::json;

json finding_json(const control::Finding& f) {
  json reasons = json::array();
  json details = json::array();
  for (const auto& r : f.reasons) {
    reasons.push_back(std::string(to_string(r.code)));
    details.push_back({{"code", std::string(to_string(r.code))},
                       {"kind", std::string(to_string(kind_of(r.code)))},
                       {"text", r.text}});
  }
  return {{"account_id", f.account_id}, {"region", f.region},   {"status", std::string(to_string(f.status))},
          {"reasons", reasons},         {"details", details},   {"trails", f.trails},
          {"message", f.message}};
}

json control_json() {
  const auto& m = control::control_metadata();
  json frameworks = json::array();
  for (const auto& f : m.frameworks) frameworks.push_back({{"framework", f.framework}, {"version", f.version}, {"control", f.control}});
  return {{"id", m.id}, {"title", m.title}, {"severity", m.severity}, {"frameworks", frameworks},
          {"remediation", m.remediation_text}};
}
}  // namespace

void write_json(const Report& report, std::ostream& out) {
  const auto s = summarize(report);
  json accounts = json::array();
  json findings = json::array();
  for (const auto& evaluation : report.accounts) {
    const auto& v = evaluation.verdict;
    accounts.push_back({{"account_id", v.account_id},
                        {"status", std::string(to_string(v.status))},
                        {"regions", {{"PASS", v.passed}, {"FAIL", v.failed}, {"ERROR", v.errors}, {"SKIPPED", v.skipped}}},
                        {"notes", v.notes}});
    for (const auto& f : evaluation.findings) findings.push_back(finding_json(f));
  }
  json doc = {
      {"control", control_json()},
      {"source", report.source},
      {"summary",
       {{"status", std::string(to_string(s.overall))},
        {"regions", {{"PASS", s.regions_passed}, {"FAIL", s.regions_failed}, {"ERROR", s.regions_errors}, {"SKIPPED", s.regions_skipped}}},
        {"accounts",
         {{"total", static_cast<int>(report.accounts.size())},
          {"compliant", s.accounts_compliant},
          {"non_compliant", s.accounts_non_compliant},
          {"incomplete", s.accounts_incomplete}}}}},
      {"accounts", accounts},
      {"findings", findings},
      {"problems", report.problems},
  };
  out << doc.dump(2) << '\n';
}

}  // namespace trailguard::report
