#include "aws/iam_policy.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "aws/iam_permissions.hpp"

namespace trailguard::aws {
namespace {

std::string filled(std::string_view pattern, const PolicyNames& names) {
  std::string out(pattern);
  for (const auto& [placeholder, value] : {std::pair<std::string, const std::string*>{"{partition}", &names.partition},
                                           {"{bucket}", &names.bucket},
                                           {"{log_bucket}", &names.log_bucket},
                                           {"{athena_workgroup}", &names.athena_workgroup},
                                           {"{athena_results_bucket}", &names.athena_results_bucket},
                                           {"{trail_name}", &names.trail_name},
                                           {"{role_name}", &names.role_name}})
    for (auto at = out.find(placeholder); at != std::string::npos; at = out.find(placeholder, at + value->size()))
      out.replace(at, placeholder.size(), *value);
  return out;
}

}  // namespace

std::string iam_policy_json(unsigned activities, const PolicyNames& names) {
  using json = nlohmann::ordered_json;
  json statements = json::array();
  for (const auto& permission : permissions()) {
    if ((permission.activities & activities) == 0 || permission.action.empty()) continue;
    const std::string sid = "Trailguard" + std::string(permission.statement);
    auto existing = std::find_if(statements.begin(), statements.end(), [&](const json& s) { return s["Sid"] == sid; });
    if (existing == statements.end()) {
      json resources = json::array();
      for (const auto& resource : permission.resources) resources.push_back(filled(resource, names));
      statements.push_back({{"Sid", sid},
                            {"Effect", "Allow"},
                            {"Action", json::array()},
                            {"Resource", resources.size() == 1 ? resources[0] : resources}});
      existing = statements.end() - 1;
    }
    (*existing)["Action"].push_back(std::string(permission.action));
  }
  return json{{"Version", "2012-10-17"}, {"Statement", statements}}.dump(2) + "\n";
}

}  // namespace trailguard::aws
