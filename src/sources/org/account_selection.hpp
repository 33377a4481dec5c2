// Which organization accounts a scan reports, and how each is read: the caller's own account with the
// caller's credentials, a member through its role, a suspended member not at all (reported SKIPPED).
// --accounts narrows the set, --exclude-accounts removes from it. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "aws/services/organizations_api.hpp"
#include "base/result.hpp"

namespace trailguard::sources::org {

struct AccountSelection {
  std::vector<std::string> only;     // --accounts: empty means every account of the organization
  std::vector<std::string> exclude;  // --exclude-accounts
};

enum class AccountAction {
  scan_as_caller,  // the management account (the caller's): its own credentials
  assume_role,     // a member: STS AssumeRole into arn:<partition>:iam::<id>:role/<role name>
  skip_suspended,  // SUSPENDED or PENDING_CLOSURE: no role can be assumed there; reported SKIPPED
};

struct PlannedAccount {
  aws::OrganizationAccount account;
  AccountAction action = AccountAction::assume_role;
};

struct AccountPlan {
  std::vector<PlannedAccount> accounts;  // the caller's account first, then by id
  std::vector<std::string> problems;     // --accounts ids that are not in the organization
  std::size_t excluded = 0;              // accounts --exclude-accounts or --accounts left out
};

AccountPlan plan_accounts(const std::vector<aws::OrganizationAccount>& listed, const std::string& caller_account,
                          const AccountSelection& selection);

// "111111111111,222222222222" or a file's text: ids separated by commas, spaces or new lines; '#'
// starts a comment to the end of the line. Every id must be 12 digits.
Result<std::vector<std::string>> parse_account_ids(std::string_view text, const std::string& where);

}  // namespace trailguard::sources::org
