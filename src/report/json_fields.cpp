#include "report/json_fields.hpp"

namespace trailguard::report {

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

json verdict_json(const control::AccountVerdict& v) {
  json verdict = {{"account_id", v.account_id},
                  {"status", std::string(to_string(v.status))},
                  {"regions", {{"PASS", v.passed}, {"FAIL", v.failed}, {"ERROR", v.errors}, {"SKIPPED", v.skipped}}},
                  {"notes", v.notes}};
  if (!v.account_name.empty()) verdict["account_name"] = v.account_name;
  return verdict;
}

json summary_json(const Report& report) {
  const auto s = summarize(report);
  return {{"status", std::string(to_string(s.overall))},
          {"regions", {{"PASS", s.regions_passed}, {"FAIL", s.regions_failed}, {"ERROR", s.regions_errors}, {"SKIPPED", s.regions_skipped}}},
          {"accounts",
           {{"total", static_cast<int>(report.accounts.size())},
            {"compliant", s.accounts_compliant},
            {"non_compliant", s.accounts_non_compliant},
            {"incomplete", s.accounts_incomplete},
            {"skipped", s.accounts_skipped}}}};
}

}  // namespace trailguard::report
