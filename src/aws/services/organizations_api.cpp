#include "aws/services/organizations_api.hpp"

#include <nlohmann/json.hpp>

namespace trailguard::aws {
namespace {

constexpr const char* kTargetPrefix = "AWSOrganizationsV20161128";

Error bad_answer(std::string message, const char* what = "ListAccounts answer") {
  return make_error(ErrorKind::malformed_input, what, std::move(message));
}

// JSON null means absent (moto sends nulls for unset fields).
std::string string_field(const nlohmann::json& object, const char* name) {
  const auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

ApiCall organizations_call(const std::string& signing_region, const char* operation, const nlohmann::json& body) {
  ApiCall call;
  call.service = "organizations";
  call.region = signing_region;
  call.operation = operation;
  call.protocol = Protocol::json_1_1;
  call.target_prefix = kTargetPrefix;
  call.json_body = body.dump();
  return call;
}

}  // namespace

ApiCall list_accounts_call(const std::string& signing_region, const std::string& next_token) {
  nlohmann::json body = nlohmann::json::object();
  if (!next_token.empty()) body["NextToken"] = next_token;
  return organizations_call(signing_region, "ListAccounts", body);
}

ApiCall describe_organization_call(const std::string& signing_region) {
  return organizations_call(signing_region, "DescribeOrganization", nlohmann::json::object());
}

Result<OrganizationInfo> parse_describe_organization_json(std::string_view body) {
  constexpr const char* what = "DescribeOrganization answer";
  const auto doc = nlohmann::json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return bad_answer("is not a JSON object", what);
  const auto organization = doc.find("Organization");
  if (organization == doc.end() || !organization->is_object()) return bad_answer("has no Organization object", what);
  OrganizationInfo info{string_field(*organization, "Id"), string_field(*organization, "MasterAccountId")};
  if (info.management_account_id.empty()) return bad_answer("has no Organization.MasterAccountId", what);
  return info;
}

Result<AccountsPage> parse_list_accounts_json(std::string_view body) {
  const auto doc = nlohmann::json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return bad_answer("is not a JSON object");
  const auto accounts = doc.find("Accounts");
  if (accounts == doc.end() || !accounts->is_array()) return bad_answer("has no Accounts array");
  AccountsPage page;
  for (const auto& item : *accounts) {
    if (!item.is_object()) return bad_answer("has an account that is not an object");
    OrganizationAccount account{string_field(item, "Id"), string_field(item, "Name"), string_field(item, "Arn"),
                                string_field(item, "Email"), string_field(item, "Status")};
    if (account.id.empty()) return bad_answer("has an account without Id");
    // A missing status is unknown, not ACTIVE: the scan tries it and lets AWS say.
    page.accounts.push_back(std::move(account));
  }
  page.next_token = string_field(doc, "NextToken");
  return page;
}

}  // namespace trailguard::aws
