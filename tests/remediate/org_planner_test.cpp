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

  Plan plan(const FixOptions& options = {}, const std::optional<OrganizationTrailWanted>& organization_trail = {}) {
    evaluations.clear();
    for (const auto& a : accounts) evaluations.push_back(control::evaluate(a, options.evaluation));
    std::vector<AccountToPlan> inputs;
    for (std::size_t i = 0; i < accounts.size(); ++i) inputs.push_back({&accounts[i], &evaluations[i]});
    return plan_accounts(inputs, options, organization_trail);
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

const OrganizationTrailWanted kOrganizationTrail{"o-abc123", kManagement};

TEST(OrgPlanner, OrganizationTrailIsCreatedInTheManagementAccountAndCoversEveryMember) {
  auto own = passing_trail("own", "us-east-1", kManagement);  // passes, but is not an organization trail
  auto member_trail = single_region_trail("legacy", "eu-west-1");
  member_trail.owner_account_id = "333333333333";
  Organization org;
  org.accounts = {member(kManagement, {own}), member("222222222222", {}), member("333333333333", {member_trail}),
                  member("444444444444", {passing_trail("main", "us-east-1", "444444444444")})};
  const auto plan = org.plan({}, kOrganizationTrail);
  const auto& owner = plan.accounts[0];
  ASSERT_EQ(owner.approach, Approach::create_trail) << owner.summary;
  EXPECT_NE(owner.summary.find("o-abc123"), std::string::npos) << owner.summary;
  ASSERT_EQ(owner.warnings.size(), 1u);
  EXPECT_NE(owner.warnings[0].find("enable-aws-service-access"), std::string::npos) << owner.warnings[0];
  const CreateTrail* create = nullptr;
  const PutBucketPolicy* policy = nullptr;
  for (const auto& step : owner.steps) {
    if (step.kind() == StepKind::create_trail) create = &std::get<CreateTrail>(step.action);
    if (step.kind() == StepKind::put_bucket_policy) policy = &std::get<PutBucketPolicy>(step.action);
  }
  ASSERT_NE(create, nullptr);
  EXPECT_TRUE(create->is_organization_trail);
  ASSERT_NE(policy, nullptr);
  EXPECT_NE(policy->policy_json.find("/AWSLogs/o-abc123/*"), std::string::npos) << policy->policy_json;
  EXPECT_NE(policy->policy_json.find("/AWSLogs/" + std::string(kManagement) + "/*"), std::string::npos);
  for (std::size_t i = 1; i < 3; ++i) {
    EXPECT_EQ(plan.accounts[i].approach, Approach::nothing_to_do) << plan.accounts[i].summary;
    EXPECT_EQ(plan.accounts[i].covered_by_trail_arn, create->trail.arn);
    EXPECT_NE(plan.accounts[i].summary.find("creates"), std::string::npos) << plan.accounts[i].summary;
  }
  EXPECT_EQ(plan.accounts[3].approach, Approach::nothing_to_do);
  EXPECT_TRUE(plan.accounts[3].covered_by_trail_arn.empty()) << "it passes on its own";
  EXPECT_EQ(accounts_to_apply_first(plan), std::vector<std::size_t>{0});

  // Once the organization trail exists and is credited to every member (as the organization scan does),
  // nothing more is planned.
  testing::simulate(org.accounts[0], owner);
  const model::Trail created = org.accounts[0].trails.back();
  for (std::size_t i = 1; i < org.accounts.size(); ++i) model::add_or_merge_trail(org.accounts[i], created);
  for (const auto& account : org.plan({}, kOrganizationTrail).accounts)
    EXPECT_EQ(account.approach, Approach::nothing_to_do) << account.account_id << ": " << account.summary;
}

TEST(OrgPlanner, OrganizationTrailThatFailsIsRepairedRatherThanASecondCreated) {
  Organization org;
  org.accounts = {member(kManagement, {organization_trail(false)}), member("222222222222", {organization_trail(false)})};
  const auto plan = org.plan({}, kOrganizationTrail);
  EXPECT_EQ(plan.accounts[0].approach, Approach::repair_trail) << plan.accounts[0].summary;
  ASSERT_EQ(plan.accounts[0].steps.size(), 1u);
  EXPECT_EQ(plan.accounts[0].steps[0].kind(), StepKind::start_logging);
  EXPECT_EQ(plan.accounts[1].covered_by_trail_arn, organization_trail(false).arn);
  EXPECT_NE(plan.accounts[1].summary.find("repairs"), std::string::npos);
}

TEST(OrgPlanner, OrganizationTrailWithoutTheManagementAccountBlocksEveryPlan) {
  Organization org;
  org.accounts = {member("222222222222", {})};
  const auto plan = org.plan({}, kOrganizationTrail);
  EXPECT_EQ(plan.accounts[0].approach, Approach::blocked);
  ASSERT_EQ(plan.accounts[0].blockers.size(), 1u);
  EXPECT_NE(plan.accounts[0].blockers[0].find(kManagement), std::string::npos);
}

TEST(OrgPlanner, OrganizationTrailIsNotMadeFromAnOrdinaryTrailOfTheSameName) {
  Organization org;
  auto existing = passing_trail(kDefaultTrailName, "us-east-1", kManagement);
  existing.status = model::TrailStatus{false, "", "test"};
  org.accounts = {member(kManagement, {existing}), member("222222222222", {})};
  const auto plan = org.plan({}, kOrganizationTrail);
  EXPECT_EQ(plan.accounts[0].approach, Approach::blocked) << plan.accounts[0].summary;
  EXPECT_NE(plan.accounts[0].blockers.at(0).find("--trail-name"), std::string::npos);
  EXPECT_EQ(plan.accounts[1].approach, Approach::blocked) << "no trail of its own when an organization trail is wanted";
  EXPECT_NE(plan.accounts[1].blockers.at(0).find(kManagement), std::string::npos);
}

}  // namespace
}  // namespace trailguard::remediate
