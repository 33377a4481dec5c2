// The planner: each starting situation of issue #5, what it plans, and that the account passes after the
// plan (applied to the model as AWS would) and plans nothing the second time.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../control/model_builders.hpp"
#include "control/evaluator.hpp"
#include "remediate/planner.hpp"
#include "simulated_apply.hpp"

namespace trailguard::remediate {
namespace {

using namespace builders;
using model::ReadWriteType;

AccountPlan plan_for(const model::Account& account, const FixOptions& options = {}) {
  return plan_account(account, control::evaluate(account, options.evaluation), options);
}

std::vector<StepKind> kinds(const AccountPlan& plan) {
  std::vector<StepKind> out;
  for (const auto& step : plan.steps) out.push_back(step.kind());
  return out;
}

template <class A>
const A& action(const AccountPlan& plan, StepKind kind) {
  for (const auto& step : plan.steps)
    if (step.kind() == kind) return std::get<A>(step.action);
  throw std::runtime_error("no step of kind " + std::string(to_string(kind)));
}

// The plan makes every region pass, and a second plan finds nothing to do.
void expect_fixed(model::Account account, const AccountPlan& plan, const FixOptions& options = {}) {
  testing::simulate(account, plan);
  const auto after = control::evaluate(account, options.evaluation);
  EXPECT_EQ(after.verdict.status, control::Status::pass);
  for (const auto& f : after.findings) EXPECT_EQ(f.status, control::Status::pass) << f.region << ": " << f.message;
  const auto again = plan_account(account, after, options);
  EXPECT_EQ(again.approach, Approach::nothing_to_do) << again.summary;
  EXPECT_TRUE(again.steps.empty());
}

model::DataResource s3_objects() { return {"AWS::S3::Object", {"arn:aws:s3:::payroll/", "arn:aws:s3:::hr/"}}; }

TEST(Planner, PassingAccountPlansNothing) {
  const auto plan = plan_for(account_with({passing_trail()}));
  EXPECT_EQ(plan.approach, Approach::nothing_to_do);
  EXPECT_TRUE(plan.steps.empty());
  EXPECT_NE(plan.summary.find("'main'"), std::string::npos) << plan.summary;
}

TEST(Planner, MultiRegionTrailNotLoggingIsStartedAndNothingElse) {
  auto trail = passing_trail("main", "eu-west-1");
  trail.status = model::TrailStatus{false, "", "test"};
  const auto account = account_with({trail});
  const auto plan = plan_for(account);
  EXPECT_EQ(plan.approach, Approach::repair_trail);
  ASSERT_EQ(kinds(plan), std::vector<StepKind>{StepKind::start_logging});
  const Step& step = plan.steps[0];
  EXPECT_EQ(step.account_id, kAccount);
  EXPECT_EQ(step.region, "eu-west-1");
  EXPECT_EQ(std::get<StartLogging>(step.action).trail.name, "main");
  EXPECT_NE(step.reason.find("not logging"), std::string::npos) << step.reason;
  ASSERT_EQ(step.cli.size(), 1u);
  EXPECT_EQ(step.cli[0], "aws cloudtrail start-logging --name main --region eu-west-1");
  expect_fixed(account, plan);
}

TEST(Planner, ReadOnlyBasicSelectorsGetAManagementSelectorAndKeepDataSelectorsExactly) {
  auto trail = passing_trail();
  auto data = basic_selector(ReadWriteType::write_only, false);
  data.data_resources = {s3_objects(), {"AWS::Lambda::Function", {"arn:aws:lambda"}}};
  auto mixed = basic_selector(ReadWriteType::read_only, true, {"kms.amazonaws.com"});
  mixed.data_resources = {{"AWS::DynamoDB::Table", {"arn:aws:dynamodb:us-east-1:111111111111:table/t"}}};
  trail.selectors = basic_selectors({basic_selector(ReadWriteType::read_only), data, mixed});
  const auto account = account_with({trail});
  const auto plan = plan_for(account);
  ASSERT_EQ(kinds(plan), std::vector<StepKind>{StepKind::put_event_selectors});
  const auto& put = action<PutEventSelectors>(plan, StepKind::put_event_selectors);
  EXPECT_EQ(put.kind, SelectorKind::basic);
  EXPECT_EQ(put.kept_data_selectors, 2);
  EXPECT_EQ(put.replaced_selectors, 1);
  const auto sent = nlohmann::json::parse(put.selectors_json);
  const auto expected = nlohmann::json::parse(R"([
    {"ReadWriteType":"All","IncludeManagementEvents":true,"DataResources":[],"ExcludeManagementEventSources":[]},
    {"ReadWriteType":"WriteOnly","IncludeManagementEvents":false,"ExcludeManagementEventSources":[],
     "DataResources":[{"Type":"AWS::S3::Object","Values":["arn:aws:s3:::payroll/","arn:aws:s3:::hr/"]},
                      {"Type":"AWS::Lambda::Function","Values":["arn:aws:lambda"]}]},
    {"ReadWriteType":"ReadOnly","IncludeManagementEvents":true,"ExcludeManagementEventSources":["kms.amazonaws.com"],
     "DataResources":[{"Type":"AWS::DynamoDB::Table","Values":["arn:aws:dynamodb:us-east-1:111111111111:table/t"]}]}])");
  EXPECT_EQ(sent, expected) << sent.dump(1);
  EXPECT_NE(plan.steps[0].reason.find("only Read"), std::string::npos) << plan.steps[0].reason;
  EXPECT_NE(plan.steps[0].cli[0].find("--event-selectors '[{\"ReadWriteType\":\"All\",\"IncludeManagementEvents\":true,"), std::string::npos)
      << plan.steps[0].cli[0];
  expect_fixed(account, plan);
}

TEST(Planner, AdvancedSelectorsStayAdvancedAndKeepEveryDataSelector) {
  auto trail = passing_trail();
  auto read_only = field("readOnly", {"true"});
  model::FieldSelector not_kms;
  not_kms.field = "eventSource";
  not_kms.not_equals = {"kms.amazonaws.com"};
  model::FieldSelector bucket;
  bucket.field = "resources.ARN";
  bucket.starts_with = {"arn:aws:s3:::payroll/"};
  trail.selectors = advanced_selectors(
      {advanced_selector("reads", {field("eventCategory", {"Management"}), read_only, not_kms}),
       advanced_selector("payroll objects", {field("eventCategory", {"Data"}), field("resources.type", {"AWS::S3::Object"}), bucket})});
  const auto account = account_with({trail});
  const auto plan = plan_for(account);
  ASSERT_EQ(kinds(plan), std::vector<StepKind>{StepKind::put_event_selectors});
  const auto& put = action<PutEventSelectors>(plan, StepKind::put_event_selectors);
  EXPECT_EQ(put.kind, SelectorKind::advanced);
  EXPECT_TRUE(put.selectors.basic.empty());
  ASSERT_EQ(put.selectors.advanced.size(), 2u);
  EXPECT_EQ(nlohmann::json::parse(put.selectors_json), nlohmann::json::parse(R"([
    {"Name":"Management events","FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]}]},
    {"Name":"payroll objects","FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},
      {"Field":"resources.type","Equals":["AWS::S3::Object"]},
      {"Field":"resources.ARN","StartsWith":["arn:aws:s3:::payroll/"]}]}])"));
  EXPECT_NE(plan.steps[0].cli[0].find("--advanced-event-selectors"), std::string::npos);
  expect_fixed(account, plan);
}

TEST(Planner, ExcludedSourcesAreFixedUnlessTheUserAllowsThem) {
  auto trail = passing_trail();
  trail.selectors = basic_selectors({basic_selector(ReadWriteType::all, true, {"kms.amazonaws.com"})});
  const auto account = account_with({trail});
  const auto plan = plan_for(account);
  EXPECT_EQ(kinds(plan), std::vector<StepKind>{StepKind::put_event_selectors});
  expect_fixed(account, plan);
  FixOptions allow;
  allow.evaluation.excluded_sources = control::ExcludedSources::allow;
  EXPECT_EQ(plan_for(account, allow).approach, Approach::nothing_to_do);
}

// Issue #10: a repair for another reason keeps the exclusions the user allowed, and drops them otherwise.
TEST(Planner, RewrittenBasicSelectorsKeepAllowedExclusionsOnly) {
  auto trail = passing_trail();
  trail.selectors = basic_selectors({basic_selector(ReadWriteType::write_only, true, {"kms.amazonaws.com", "rdsdata.amazonaws.com"})});
  const auto account = account_with({trail});
  FixOptions allow;
  allow.evaluation.excluded_sources = control::ExcludedSources::allow;
  const auto allowed = plan_for(account, allow);
  ASSERT_EQ(kinds(allowed), std::vector<StepKind>{StepKind::put_event_selectors});
  const auto& kept = action<PutEventSelectors>(allowed, StepKind::put_event_selectors);
  ASSERT_EQ(kept.selectors.basic.size(), 1u);
  EXPECT_EQ(kept.selectors.basic[0].exclude_management_event_sources,
            (std::vector<std::string>{"kms.amazonaws.com", "rdsdata.amazonaws.com"}));
  EXPECT_EQ(nlohmann::json::parse(kept.selectors_json)[0]["ExcludeManagementEventSources"],
            nlohmann::json::parse(R"(["kms.amazonaws.com","rdsdata.amazonaws.com"])"));
  EXPECT_NE(allowed.steps[0].reason.find("allowed by --allow-excluded-event-sources"), std::string::npos) << allowed.steps[0].reason;
  expect_fixed(account, allowed, allow);

  const auto strict = plan_for(account);
  const auto& dropped = action<PutEventSelectors>(strict, StepKind::put_event_selectors);
  EXPECT_TRUE(dropped.selectors.basic[0].exclude_management_event_sources.empty());
  expect_fixed(account, strict);
}

TEST(Planner, RewrittenAdvancedSelectorsKeepOnlyTheNarrowingEverySelectorShares) {
  auto trail = passing_trail();
  model::FieldSelector not_kms;
  not_kms.field = "eventSource";
  not_kms.not_equals = {"kms.amazonaws.com"};
  model::FieldSelector not_rds = not_kms;
  not_rds.not_equals = {"rdsdata.amazonaws.com"};
  trail.selectors = advanced_selectors(
      {advanced_selector("reads", {field("eventCategory", {"Management"}), field("readOnly", {"true"}), not_kms, not_rds}),
       advanced_selector("more reads", {field("eventCategory", {"Management"}), field("readOnly", {"true"}), not_kms})});
  const auto account = account_with({trail});
  FixOptions allow;
  allow.evaluation.excluded_sources = control::ExcludedSources::allow;
  const auto plan = plan_for(account, allow);
  const auto& put = action<PutEventSelectors>(plan, StepKind::put_event_selectors);
  ASSERT_EQ(put.selectors.advanced.size(), 1u);
  EXPECT_EQ(nlohmann::json::parse(put.selectors_json), nlohmann::json::parse(R"([
    {"Name":"Management events","FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]},
      {"Field":"eventSource","NotEquals":["kms.amazonaws.com"]}]}])"));
  expect_fixed(account, plan, allow);
  EXPECT_EQ(nlohmann::json::parse(action<PutEventSelectors>(plan_for(account), StepKind::put_event_selectors).selectors_json)[0]
                ["FieldSelectors"].size(), 1u);
}

TEST(Planner, EverythingWrongWithAMultiRegionTrailIsFixedInOrder) {
  auto trail = passing_trail();
  trail.include_global_service_events = model::Known<bool>::stated(false, "test");
  trail.status = model::TrailStatus{false, "", "test"};
  trail.selectors = basic_selectors({basic_selector(ReadWriteType::all, false)});
  const auto account = account_with({trail});
  const auto plan = plan_for(account);
  EXPECT_EQ(kinds(plan), (std::vector<StepKind>{StepKind::update_trail, StepKind::put_event_selectors, StepKind::start_logging}));
  EXPECT_EQ(plan.steps[0].cli[0],
            "aws cloudtrail update-trail --name main --is-multi-region-trail --include-global-service-events --region us-east-1");
  expect_fixed(account, plan);
}

TEST(Planner, TheMultiRegionTrailNeedingFewestStepsIsRepaired) {
  auto stopped = passing_trail("stopped");
  stopped.status = model::TrailStatus{false, "", "test"};
  auto worse = passing_trail("a-worse");
  worse.status = model::TrailStatus{false, "", "test"};
  worse.selectors = basic_selectors({});
  const auto account = account_with({worse, stopped});
  const auto plan = plan_for(account);
  EXPECT_EQ(plan.approach, Approach::repair_trail);
  ASSERT_EQ(kinds(plan), std::vector<StepKind>{StepKind::start_logging});
  EXPECT_EQ(action<StartLogging>(plan, StepKind::start_logging).trail.name, "stopped");
  expect_fixed(account, plan);
}

TEST(Planner, OnlySingleRegionTrailsTheBestIsMadeMultiRegion) {
  auto plain = single_region_trail("plain", "ap-south-1");
  plain.log_file_validation = model::Known<bool>::stated(false, "test");
  auto validated = single_region_trail("validated", "eu-west-1");
  auto stopped = single_region_trail("stopped", "us-east-1");
  stopped.status = model::TrailStatus{false, "", "test"};
  const auto account = account_with({plain, validated, stopped});
  const auto plan = plan_for(account);
  EXPECT_EQ(plan.approach, Approach::make_multi_region);
  ASSERT_EQ(kinds(plan), std::vector<StepKind>{StepKind::update_trail});
  const auto& update = action<UpdateTrail>(plan, StepKind::update_trail);
  EXPECT_EQ(update.trail.name, "validated");
  EXPECT_EQ(update.trail.home_region, "eu-west-1");
  EXPECT_TRUE(update.is_multi_region);
  EXPECT_TRUE(update.include_global_service_events);
  EXPECT_EQ(plan.steps[0].region, "eu-west-1");
  EXPECT_NE(plan.summary.find("'validated'"), std::string::npos) << plan.summary;
  EXPECT_NE(plan.summary.find("validates log files"), std::string::npos) << plan.summary;
  EXPECT_NE(plan.summary.find("--create"), std::string::npos) << plan.summary;
  expect_fixed(account, plan);
}

TEST(Planner, SingleRegionTrailIsAlsoStartedAndGivenSelectorsWhenItNeedsThem) {
  auto trail = single_region_trail("only", "eu-west-1");
  trail.status = model::TrailStatus{false, "", "test"};
  auto data = basic_selector(ReadWriteType::all, false);
  data.data_resources = {s3_objects()};
  trail.selectors = basic_selectors({data});
  const auto account = account_with({trail});
  const auto plan = plan_for(account);
  EXPECT_EQ(kinds(plan), (std::vector<StepKind>{StepKind::update_trail, StepKind::put_event_selectors, StepKind::start_logging}));
  EXPECT_EQ(action<PutEventSelectors>(plan, StepKind::put_event_selectors).kept_data_selectors, 1);
  expect_fixed(account, plan);
}

TEST(Planner, SingleRegionTrailWhoseSelectorsWereNotReadBlocksRatherThanGuess) {
  auto trail = single_region_trail("only", "eu-west-1");
  trail.selectors = model::ReadError{"GetEventSelectors", "eu-west-1", "AccessDeniedException", "no"};
  const auto plan = plan_for(account_with({trail}));
  EXPECT_EQ(plan.approach, Approach::blocked);
  EXPECT_TRUE(plan.steps.empty());
  ASSERT_FALSE(plan.blockers.empty());
  EXPECT_NE(plan.blockers[0].find("AccessDeniedException"), std::string::npos) << plan.blockers[0];
  EXPECT_NE(plan.summary.find("--create"), std::string::npos);
}

TEST(Planner, NoTrailCreatesBucketPolicyTrailSelectorsAndLogging) {
  const auto account = account_with({});
  FixOptions options;
  options.home_region = "eu-west-1";
  const auto plan = plan_for(account, options);
  EXPECT_EQ(plan.approach, Approach::create_trail);
  EXPECT_EQ(kinds(plan), (std::vector<StepKind>{StepKind::create_bucket, StepKind::block_public_access,
                                                StepKind::put_bucket_policy, StepKind::create_trail,
                                                StepKind::put_event_selectors, StepKind::start_logging}));
  for (const auto& step : plan.steps) EXPECT_EQ(step.region, "eu-west-1");
  const std::string bucket = "trailguard-cloudtrail-111111111111-eu-west-1";
  EXPECT_EQ(action<CreateBucket>(plan, StepKind::create_bucket).bucket, bucket);
  EXPECT_EQ(plan.steps[0].cli[0], "aws s3api create-bucket --bucket " + bucket +
                                      " --region eu-west-1 --create-bucket-configuration LocationConstraint=eu-west-1");
  const std::string trail_arn = "arn:aws:cloudtrail:eu-west-1:111111111111:trail/trailguard-multi-region";
  const auto policy = nlohmann::json::parse(action<PutBucketPolicy>(plan, StepKind::put_bucket_policy).policy_json);
  ASSERT_EQ(policy["Statement"].size(), 2u);
  EXPECT_EQ(policy["Statement"][0]["Sid"], "AWSCloudTrailAclCheck");
  EXPECT_EQ(policy["Statement"][0]["Resource"], "arn:aws:s3:::" + bucket);
  EXPECT_EQ(policy["Statement"][1]["Sid"], "AWSCloudTrailWrite");
  EXPECT_EQ(policy["Statement"][1]["Resource"], "arn:aws:s3:::" + bucket + "/AWSLogs/111111111111/*");
  for (const auto& statement : policy["Statement"]) {
    EXPECT_EQ(statement["Principal"]["Service"], "cloudtrail.amazonaws.com");
    EXPECT_EQ(statement["Condition"]["StringEquals"]["aws:SourceArn"], trail_arn);
  }
  const auto& create = action<CreateTrail>(plan, StepKind::create_trail);
  EXPECT_EQ(create.trail.name, "trailguard-multi-region");
  EXPECT_EQ(create.trail.arn, trail_arn);
  EXPECT_EQ(create.bucket, bucket);
  EXPECT_TRUE(create.is_multi_region && create.include_global_service_events && create.log_file_validation);
  EXPECT_FALSE(create.is_organization_trail);
  EXPECT_TRUE(create.kms_key_id.empty());
  EXPECT_EQ(plan.steps[3].cli[0],
            "aws cloudtrail create-trail --name trailguard-multi-region --s3-bucket-name " + bucket +
                " --is-multi-region-trail --include-global-service-events --enable-log-file-validation --region eu-west-1");
  expect_fixed(account, plan, options);
}

TEST(Planner, CreatedKeyComesBeforeTheTrailThatNamesItByAlias) {
  FixOptions options;
  options.create_kms_key = true;
  options.trail_name = "org-audit";
  options.bucket = "my-logs";
  const auto account = account_with({});
  const auto plan = plan_for(account, options);
  const auto k = kinds(plan);
  ASSERT_EQ(k.size(), 7u);
  EXPECT_EQ(k[3], StepKind::create_kms_key);
  EXPECT_EQ(k[4], StepKind::create_trail);
  const auto& key = action<CreateKmsKey>(plan, StepKind::create_kms_key);
  EXPECT_EQ(key.alias, "alias/org-audit");
  EXPECT_EQ(action<CreateTrail>(plan, StepKind::create_trail).kms_key_id, "alias/org-audit");
  EXPECT_EQ(action<CreateBucket>(plan, StepKind::create_bucket).bucket, "my-logs");
  const auto policy = nlohmann::json::parse(key.policy_json);
  bool cloudtrail_encrypts = false;
  for (const auto& statement : policy["Statement"])
    if (statement["Principal"].value("Service", "") == "cloudtrail.amazonaws.com" && statement["Action"] == "kms:GenerateDataKey*")
      cloudtrail_encrypts = true;
  EXPECT_TRUE(cloudtrail_encrypts) << policy.dump();
  ASSERT_EQ(plan.steps[3].cli.size(), 2u);
  EXPECT_EQ(plan.steps[3].cli[1], "aws kms create-alias --region us-east-1 --alias-name alias/org-audit --target-key-id \"$KEY_ID\"");
  expect_fixed(account, plan, options);
}

TEST(Planner, GivenKeyIsUsedWithAWarningAboutItsPolicy) {
  FixOptions options;
  options.kms_key_id = "arn:aws:kms:us-east-1:111111111111:key/abc";
  const auto plan = plan_for(account_with({}), options);
  EXPECT_EQ(action<CreateTrail>(plan, StepKind::create_trail).kms_key_id, options.kms_key_id);
  ASSERT_EQ(plan.warnings.size(), 1u);
  EXPECT_NE(plan.warnings[0].find("kms:GenerateDataKey*"), std::string::npos);
}

TEST(Planner, CreateLeavesSingleRegionTrailsAloneAndRepairsItsOwnTrailOnARerun) {
  const auto account = account_with({single_region_trail("theirs", "eu-west-1")});
  FixOptions options;
  options.create_trail = true;
  const auto plan = plan_for(account, options);
  EXPECT_EQ(plan.approach, Approach::create_trail);
  for (const auto& step : plan.steps)
    if (step.kind() == StepKind::update_trail) ADD_FAILURE() << "touches an existing trail";
  // A first apply stopped after CreateTrail: the re-run repairs that trail instead of creating another.
  auto partial = account;
  AccountPlan first_half = plan;
  first_half.steps.resize(4);
  testing::simulate(partial, first_half);
  const auto rerun = plan_for(partial, options);
  EXPECT_EQ(rerun.approach, Approach::repair_trail) << rerun.summary;
  EXPECT_EQ(kinds(rerun), (std::vector<StepKind>{StepKind::put_event_selectors, StepKind::start_logging}));
  expect_fixed(partial, rerun, options);
}

TEST(Planner, OrganizationTrailOfAnotherAccountIsRepairedThereNotDuplicatedHere) {
  auto org = passing_trail("org", "us-east-1", "999999999999");
  org.is_organization_trail = model::Known<bool>::stated(true, "test");
  org.selectors = model::ReadError{"GetEventSelectors", "us-east-1", "TrailNotFoundException", "not visible"};
  const auto account = account_with({org});
  const auto plan = plan_for(account);
  EXPECT_EQ(plan.approach, Approach::blocked);
  ASSERT_EQ(plan.blockers.size(), 1u);
  EXPECT_NE(plan.blockers[0].find("999999999999"), std::string::npos) << plan.blockers[0];
  FixOptions create;
  create.create_trail = true;
  EXPECT_EQ(plan_for(account, create).approach, Approach::create_trail);
}

TEST(Planner, UnreadableAccountBlocksAndUnreadableRegionWarns) {
  auto account = account_with({});
  account.read_errors.push_back({"DescribeTrails", "", "AccessDeniedException", "denied"});
  const auto blocked = plan_for(account);
  EXPECT_EQ(blocked.approach, Approach::blocked);
  EXPECT_TRUE(blocked.steps.empty());
  EXPECT_NE(blocked.blockers.at(0).find("AccessDeniedException"), std::string::npos);

  auto trail = passing_trail();
  trail.status = model::TrailStatus{false, "", "test"};
  auto regional = account_with({trail});
  regional.read_errors.push_back({"DescribeTrails", "ap-south-1", "RequestExpired", "clock"});
  const auto plan = plan_for(regional);
  EXPECT_EQ(kinds(plan), std::vector<StepKind>{StepKind::start_logging});
  ASSERT_EQ(plan.warnings.size(), 1u);
  EXPECT_NE(plan.warnings[0].find("ap-south-1"), std::string::npos);
}

TEST(Planner, FiveBasicDataSelectorsLeaveNoRoomAndBlock) {
  auto trail = passing_trail();
  std::vector<model::BasicEventSelector> selectors;
  for (int i = 0; i < 5; ++i) {
    auto s = basic_selector(ReadWriteType::read_only, i == 0);
    s.data_resources = {s3_objects()};
    selectors.push_back(s);
  }
  trail.selectors = basic_selectors(selectors);
  const auto plan = plan_for(account_with({trail}));
  EXPECT_EQ(plan.approach, Approach::blocked);
  EXPECT_NE(plan.blockers.at(0).find("AWS allows 5"), std::string::npos) << plan.blockers.at(0);
}

TEST(Planner, BothSelectorKindsWithBasicDataSelectorsBlock) {
  auto trail = passing_trail();
  auto data = basic_selector(ReadWriteType::all, false);
  data.data_resources = {s3_objects()};
  auto selectors = advanced_selectors({advanced_selector("m", {field("eventCategory", {"Management"}), field("readOnly", {"true"})})});
  selectors.basic = {data};
  trail.selectors = selectors;
  EXPECT_EQ(plan_for(account_with({trail})).approach, Approach::blocked);
}

TEST(Planner, NotAuditedAccountPlansNothing) {
  auto account = account_with({});
  account.not_audited = "SUSPENDED";
  const auto plan = plan_for(account);
  EXPECT_EQ(plan.approach, Approach::nothing_to_do);
  EXPECT_TRUE(plan.steps.empty());
}

TEST(Planner, OptionsAWSWouldRefuseAreUsageErrors) {
  FixOptions ok;
  EXPECT_TRUE(validate(ok));
  for (const char* name : {"ab", "-lead", "trail-", "a..b", "a_-b", "sp ace", "x/y"}) {
    FixOptions o;
    o.trail_name = name;
    EXPECT_FALSE(validate(o)) << name;
  }
  for (const char* bucket : {"UPPER", "ab", "a..b", "-x-y", "x_y", "endsdot."}) {
    FixOptions o;
    o.bucket = bucket;
    EXPECT_FALSE(validate(o)) << bucket;
  }
  FixOptions good;
  good.bucket = "my.logs-1";
  good.trail_name = "Org_Trail.2";
  EXPECT_TRUE(validate(good));
  FixOptions both;
  both.kms_key_id = "alias/x";
  both.create_kms_key = true;
  EXPECT_FALSE(validate(both));
}

}  // namespace
}  // namespace trailguard::remediate
