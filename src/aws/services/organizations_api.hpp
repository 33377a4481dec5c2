// AWS Organizations ListAccounts and DescribeOrganization (json_1_1, global endpoint): the ApiCalls and
// parsers of their answers into plain values. The org scan pages through ListAccounts with NextToken.
// Parsers are pure and thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "aws/aws_client.hpp"
#include "base/result.hpp"

namespace trailguard::aws {

struct OrganizationAccount {
  std::string id;
  std::string name;
  std::string arn;
  std::string email;
  std::string status;  // as AWS states it: ACTIVE | SUSPENDED | PENDING_CLOSURE
};

struct AccountsPage {
  std::vector<OrganizationAccount> accounts;
  std::string next_token;  // empty: this was the last page
};

// Organizations is a global service: `signing_region` is its partition's home, as
// aws::signing_region("organizations", region) gives it (us-east-1 for aws); the client resolves the one
// endpoint (organizations.us-east-1.amazonaws.com).
ApiCall list_accounts_call(const std::string& signing_region, const std::string& next_token = {});
Result<AccountsPage> parse_list_accounts_json(std::string_view body);

// Which account manages the organization: the caller may be it, or a delegated administrator.
struct OrganizationInfo {
  std::string id;                     // o-...
  std::string management_account_id;  // AWS still names it MasterAccountId
};

ApiCall describe_organization_call(const std::string& signing_region);
Result<OrganizationInfo> parse_describe_organization_json(std::string_view body);

}  // namespace trailguard::aws
