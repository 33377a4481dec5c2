// Planning an organization together: a failing organization trail is repaired once, in its owner, and its
// members are not blocked by it; the owner prefers the organization trail over its own trails; members that
// do not count on the trail are planned as alone; owners go first when applying.
#include <gtest/gtest.h>

#include "../control/model_builders.hpp"
#include "control/evaluator.hpp"
#include "remediate/org_planner.hpp"
#include "simulated_apply.hpp"

namespace trailguard::remediate {
namespace {

using namespace builders;

constexpr const char* kManagement = "999999999999";

model::Trail organization_trail(bool logging) {
  auto trail = passing_trail("org", "us-east-1", kManagement);
  trail.is_organization_trail = model::Known<bool>::stated(true, "test");
  trail.status = model::TrailStatus{logging, "", "test"};
  return trail;
}

model::Account member(const std::string& id, std::vector<model::Trail> trails) {
  auto account = account_with(std::move(trails));
  account.account_id = id;
  return account;
}

struct Organization {
  std::vector<model::Account> accounts;
  std::vector<control::Evaluation> evaluations;

  Plan plan(const FixOptions& options = {}) {
    evaluations.clear();
    for (const auto& a : accounts) evaluations.push_back(control::evaluate(a, options.evaluation));
    std::vector<AccountToPlan> inputs;
    for (std::size_t i = 0; i < accounts.size(); ++i) inputs.push_back({&accounts[i], &evaluations[i]});
    return plan_accounts(inputs, options);
  }
};

TEST(OrgPlanner, StoppedOrganizationTrailIsStartedOnceInItsOwnerAndMembersWaitForNothing) {
  Organization org;
  org.accounts = {member(kManagement, {organization_trail(false)}), member("222222222222", {organization_trail(false)}),
                  member("333333333333", {organization_trail(false)})};
  const auto plan = org.plan();
  ASSERT_EQ(plan.accounts.size(), 3u);
  const auto& owner = plan.accounts[0];
  EXPECT_EQ(owner.approach, Approach::repair_trail);
  ASSERT_EQ(owner.steps.size(), 1u);
  EXPECT_EQ(owner.steps[0].kind(), StepKind::start_logging);
  for (std::size_t i = 1; i < 3; ++i) {
    const auto& m = plan.accounts[i];
    EXPECT_EQ(m.approach, Approach::nothing_to_do) << m.summary;
    EXPECT_TRUE(m.steps.empty());
    EXPECT_TRUE(m.blockers.empty());
    EXPECT_EQ(m.covered_by_trail_arn, organization_trail(false).arn);
    EXPECT_NE(m.summary.find(kManagement), std::string::npos) << m.summary;
  }
  EXPECT_EQ(accounts_to_apply_first(plan), std::vector<std::size_t>{0});

  // Applied as AWS would (the organization trail's status is the same trail everywhere): all pass, nothing again.
  for (auto& account : org.accounts) account.trails[0].status = model::TrailStatus{true, "", "test"};
  const auto again = org.plan();
  for (const auto& account : again.accounts) {
    EXPECT_EQ(account.approach, Approach::nothing_to_do) << account.summary;
    EXPECT_TRUE(account.covered_by_trail_arn.empty());
  }
  EXPECT_TRUE(accounts_to_apply_first(again).empty());
}

TEST(OrgPlanner, MembersStayBlockedWhenTheOwnerIsNotInThePlan) {
  Organization org;
  org.accounts = {member("222222222222", {organization_trail(false)})};
  const auto plan = org.plan();
  EXPECT_EQ(plan.accounts[0].approach, Approach::blocked);
  EXPECT_TRUE(plan.accounts[0].covered_by_trail_arn.empty());
}

TEST(OrgPlanner, OwnerRepairsTheOrganizationTrailRatherThanItsOwnCheaperOne) {
  // Alone, the management account would start its own trail (1 step) rather than fix the organization trail's
  // selectors and start it (2 steps); planned with its members, the organization trail covers them all.
  auto own = passing_trail("own", "us-east-1", kManagement);
  own.status = model::TrailStatus{false, "", "test"};
  auto org_trail = organization_trail(false);
  org_trail.selectors = basic_selectors({basic_selector(model::ReadWriteType::read_only)});
  Organization org;
  org.accounts = {member(kManagement, {own, org_trail}), member("222222222222", {org_trail})};
  const auto plan = org.plan();
  const auto& owner = plan.accounts[0];
  ASSERT_EQ(owner.steps.size(), 2u);
  EXPECT_EQ(trail_of(owner.steps[0])->name, "org");
  EXPECT_EQ(plan.accounts[1].approach, Approach::nothing_to_do) << plan.accounts[1].summary;

  auto alone = org.accounts[0];
  const auto single = plan_account(alone, control::evaluate(alone, {}), FixOptions{});
  ASSERT_EQ(single.steps.size(), 1u);
  EXPECT_EQ(trail_of(single.steps[0])->name, "own");
}

TEST(OrgPlanner, MembersWithoutTheOrganizationTrailArePlannedAsAlone) {
  Organization org;
  org.accounts = {member(kManagement, {passing_trail("main", "us-east-1", kManagement)}), member("222222222222", {}),
                  member("333333333333", {single_region_trail("local", "eu-west-1")})};
  org.accounts[2].trails[0].owner_account_id = "333333333333";
  org.accounts[2].trails[0].arn = "arn:aws:cloudtrail:eu-west-1:333333333333:trail/local";
  const auto plan = org.plan();
  EXPECT_EQ(plan.accounts[0].approach, Approach::nothing_to_do);
  EXPECT_EQ(plan.accounts[1].approach, Approach::create_trail);
  EXPECT_EQ(plan.accounts[2].approach, Approach::make_multi_region);
  EXPECT_TRUE(accounts_to_apply_first(plan).empty());
  for (std::size_t i = 1; i < 3; ++i) {
    testing::simulate(org.accounts[i], plan.accounts[i]);
    EXPECT_EQ(control::evaluate(org.accounts[i], {}).verdict.status, control::Status::pass) << plan.accounts[i].summary;
  }
}

TEST(OrgPlanner, TrailOfAStepIsNamedAndBucketStepsHaveNone) {
  Organization org;
  org.accounts = {member("222222222222", {})};
  const auto plan = org.plan();
  ASSERT_FALSE(plan.accounts[0].steps.empty());
  for (const auto& step : plan.accounts[0].steps) {
    const bool about_a_trail = step.kind() == StepKind::create_trail || step.kind() == StepKind::put_event_selectors ||
                               step.kind() == StepKind::start_logging || step.kind() == StepKind::update_trail;
    EXPECT_EQ(trail_of(step) != nullptr, about_a_trail) << describe(step);
  }
}

}  // namespace
}  // namespace trailguard::remediate
