// The pure parts of an organization scan: which listed accounts are read and how (plan_accounts), --accounts
// lists and files, and which of an account's trails are the organization's own (org_trails).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sources/org/account_selection.hpp"
#include "sources/org/org_trails.hpp"

namespace trailguard::sources::org {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const std::string kManagement = "111111111111";

TEST(AccountSelection, CallerFirstSuspendedSkippedUnknownIdsNamed) {
  std::vector<aws::OrganizationAccount> listed = {{"333333333333", "c", "", "", "ACTIVE"},
                                                  {"222222222222", "b", "", "", "SUSPENDED"},
                                                  {"111111111111", "a", "", "", "ACTIVE"},
                                                  {"444444444444", "d", "", "", "PENDING_CLOSURE"}};
  const auto plan = plan_accounts(listed, "111111111111", {});
  ASSERT_EQ(plan.accounts.size(), 4u);
  EXPECT_EQ(plan.accounts[0].account.id, "111111111111");
  EXPECT_EQ(plan.accounts[0].action, AccountAction::scan_as_caller);
  EXPECT_EQ(plan.accounts[1].action, AccountAction::skip_suspended);
  EXPECT_EQ(plan.accounts[2].action, AccountAction::assume_role);
  EXPECT_EQ(plan.accounts[3].action, AccountAction::skip_suspended);
  EXPECT_TRUE(plan.problems.empty());
}

TEST(AccountSelection, ParsesListsAndFiles) {
  auto ids = parse_account_ids("111111111111,222222222222\n# a comment 999\n333333333333  111111111111\n", "f");
  ASSERT_TRUE(ids.ok());
  EXPECT_THAT(*ids, ElementsAre("111111111111", "222222222222", "333333333333"));
  auto bad = parse_account_ids("11111111111x", "--accounts");
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.error().message, HasSubstr("11111111111x"));
  EXPECT_FALSE(parse_account_ids("12345", "--accounts").ok());
}

TEST(OrgTrails, OnlyTheManagementAccountsOwnOrganizationTrails) {
  model::Account management;
  management.account_id = kManagement;
  model::Trail own_org, own_plain, foreign_org;
  own_org.arn = "arn:aws:cloudtrail:us-east-1:111111111111:trail/org";
  own_org.owner_account_id = kManagement;
  own_org.is_organization_trail = model::Known<bool>::stated(true, "x");
  own_plain = own_org;
  own_plain.arn = "arn:aws:cloudtrail:us-east-1:111111111111:trail/plain";
  own_plain.is_organization_trail = model::Known<bool>::stated(false, "x");
  foreign_org = own_org;
  foreign_org.arn = "arn:aws:cloudtrail:us-east-1:999999999999:trail/other";
  foreign_org.owner_account_id = "999999999999";
  management.trails = {own_org, own_plain, foreign_org};
  EXPECT_THAT(arns_of(organization_trails_of(management, kManagement)), ElementsAre(own_org.arn));
}

// A delegated administrator's listing shows the management account's organization trail as a shadow:
// that is the organization's trail, though the caller does not own it.
TEST(OrgTrails, ADelegatedAdministratorSeesTheManagementAccountsOrganizationTrails) {
  model::Account delegated;
  delegated.account_id = "222222222222";
  model::Trail org_trail, own_plain;
  org_trail.arn = "arn:aws:cloudtrail:us-east-1:111111111111:trail/org";
  org_trail.owner_account_id = kManagement;
  org_trail.is_organization_trail = model::Known<bool>::stated(true, "x");
  own_plain.arn = "arn:aws:cloudtrail:us-east-1:222222222222:trail/own";
  own_plain.owner_account_id = delegated.account_id;
  own_plain.is_organization_trail = model::Known<bool>::stated(false, "x");
  delegated.trails = {org_trail, own_plain};
  EXPECT_THAT(arns_of(organization_trails_of(delegated, kManagement)), ElementsAre(org_trail.arn));
  EXPECT_TRUE(organization_trails_of(delegated, delegated.account_id).empty());
}

}  // namespace
}  // namespace trailguard::sources::org
