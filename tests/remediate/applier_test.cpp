// The applier against an in-memory AWS: order, stop at the first failure, and the idempotent steps.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../control/model_builders.hpp"
#include "control/evaluator.hpp"
#include "remediate/applier.hpp"
#include "remediate/planner.hpp"
#include "remediation_answers.hpp"
#include "support/fake_aws_client.hpp"

namespace trailguard::remediate {
namespace {

using test_support::answer_everything;
using test_support::FakeAwsClient;

AccountPlan creation_plan(bool create_key = false) {
  const auto account = builders::account_with({});
  FixOptions options;
  options.home_region = "eu-west-1";
  options.create_kms_key = create_key;
  return plan_account(account, control::evaluate(account), options);
}

std::vector<std::string> operations(const FakeAwsClient& aws) {
  std::vector<std::string> out;
  for (const auto& call : aws.calls()) out.push_back(call.operation);
  return out;
}

TEST(Applier, RunsEveryStepInOrder) {
  FakeAwsClient aws;
  answer_everything(aws);
  const auto plan = creation_plan(true);
  std::vector<std::size_t> observed;
  const auto result = apply_plan(plan, aws, [&](std::size_t i, const Step&, const StepResult&) { observed.push_back(i); });
  EXPECT_TRUE(result.succeeded());
  ASSERT_EQ(result.steps.size(), plan.steps.size());
  for (const auto& step : result.steps) EXPECT_EQ(step.outcome, StepOutcome::done) << step.detail;
  EXPECT_EQ(observed.size(), plan.steps.size());
  EXPECT_EQ(operations(aws), (std::vector<std::string>{"CreateBucket", "PutPublicAccessBlock", "GetBucketPolicy",
                                                       "PutBucketPolicy", "DescribeKey", "CreateKey", "CreateAlias",
                                                       "CreateTrail", "PutEventSelectors", "StartLogging"}));
  for (const auto& call : aws.calls()) EXPECT_EQ(call.region, "eu-west-1") << call.operation;
  EXPECT_NE(result.steps[3].detail.find("k-1"), std::string::npos);
  const auto create = nlohmann::json::parse(aws.calls()[7].body);
  EXPECT_EQ(create["KmsKeyId"], "alias/trailguard-multi-region");
  EXPECT_EQ(create["IsMultiRegionTrail"], true);
  EXPECT_EQ(create["EnableLogFileValidation"], true);
}

TEST(Applier, StopsAtTheFirstFailureWithTheAwsErrorAndRunsNothingAfter) {
  FakeAwsClient aws;
  answer_everything(aws);
  aws.fail("CreateBucket", "*", ErrorKind::service, "BucketAlreadyExists", "The requested bucket name is not available.");
  const auto plan = creation_plan();
  int observed = 0;
  const auto result = apply_plan(plan, aws, [&](std::size_t, const Step&, const StepResult&) { ++observed; });
  EXPECT_FALSE(result.succeeded());
  ASSERT_EQ(result.failed_step(), 0u);
  EXPECT_EQ(observed, 1);
  ASSERT_TRUE(result.steps[0].error.has_value());
  EXPECT_EQ(result.steps[0].error->code, "BucketAlreadyExists");
  EXPECT_NE(result.steps[0].detail.find("another AWS account"), std::string::npos) << result.steps[0].detail;
  EXPECT_NE(result.steps[0].detail.find("--bucket"), std::string::npos);
  for (std::size_t i = 1; i < result.steps.size(); ++i) EXPECT_EQ(result.steps[i].outcome, StepOutcome::not_run);
  EXPECT_EQ(operations(aws), std::vector<std::string>{"CreateBucket"});
}

TEST(Applier, AFailureMidwayLeavesEarlierStepsDone) {
  FakeAwsClient aws;
  answer_everything(aws);
  aws.fail("CreateTrail", "*", ErrorKind::service, "InsufficientS3BucketPolicyException", "policy");
  const auto result = apply_plan(creation_plan(), aws);
  ASSERT_EQ(result.failed_step(), 3u);
  EXPECT_EQ(result.steps[2].outcome, StepOutcome::done);
  EXPECT_EQ(result.steps[4].outcome, StepOutcome::not_run);
  EXPECT_EQ(result.steps[3].detail, "InsufficientS3BucketPolicyException: policy");
}

TEST(Applier, TrailThatAlreadyExistsIsAlreadyDoneAndTheStepsAfterItRun) {
  FakeAwsClient aws;
  answer_everything(aws);
  aws.fail("CreateTrail", "*", ErrorKind::service, "TrailAlreadyExistsException", "exists");
  const auto result = apply_plan(creation_plan(), aws);
  EXPECT_TRUE(result.succeeded());
  EXPECT_EQ(result.steps[3].outcome, StepOutcome::already_done);
  EXPECT_EQ(result.steps.back().outcome, StepOutcome::done);
  EXPECT_EQ(operations(aws).back(), "StartLogging");
}

TEST(Applier, BucketAlreadyOwnedAndExistingKeyAliasAreAlreadyDone) {
  FakeAwsClient aws;
  answer_everything(aws);
  aws.fail("CreateBucket", "*", ErrorKind::service, "BucketAlreadyOwnedByYou", "yours");
  aws.answer("DescribeKey", "*", R"({"KeyMetadata":{"KeyId":"k-0"}})");
  const auto result = apply_plan(creation_plan(true), aws);
  EXPECT_TRUE(result.succeeded());
  EXPECT_EQ(result.steps[0].outcome, StepOutcome::already_done);
  EXPECT_EQ(result.steps[3].outcome, StepOutcome::already_done);
  EXPECT_NE(result.steps[3].detail.find("k-0"), std::string::npos);
  EXPECT_EQ(aws.count("CreateKey"), 0);
}

TEST(Applier, ExistingBucketPolicyKeepsItsStatements) {
  FakeAwsClient aws;
  answer_everything(aws);
  aws.answer("GetBucketPolicy", "*", R"({"Version":"2012-10-17","Statement":[{"Sid":"Keep","Effect":"Deny","Principal":"*","Action":"s3:DeleteBucket","Resource":"*"}]})");
  const auto result = apply_plan(creation_plan(), aws);
  EXPECT_TRUE(result.succeeded());
  EXPECT_NE(result.steps[2].detail.find("merged"), std::string::npos);
  std::string sent;
  for (const auto& call : aws.calls())
    if (call.operation == "PutBucketPolicy") sent = call.body;
  const auto policy = nlohmann::json::parse(sent);
  ASSERT_EQ(policy["Statement"].size(), 3u);
  EXPECT_EQ(policy["Statement"][0]["Sid"], "Keep");
}

TEST(Applier, BucketPolicyThatAlreadyHoldsTheStatementsIsNotRewritten) {
  FakeAwsClient aws;
  answer_everything(aws);
  const auto plan = creation_plan();
  aws.answer("GetBucketPolicy", "*", std::get<PutBucketPolicy>(plan.steps[2].action).policy_json);
  const auto result = apply_plan(plan, aws);
  EXPECT_EQ(result.steps[2].outcome, StepOutcome::already_done);
  EXPECT_EQ(aws.count("PutBucketPolicy"), 0);
}

TEST(Applier, UnreadableBucketPolicyIsAFailureNotAnOverwrite) {
  FakeAwsClient aws;
  answer_everything(aws);
  aws.fail("GetBucketPolicy", "*", ErrorKind::access_denied, "AccessDenied", "no");
  const auto result = apply_plan(creation_plan(), aws);
  EXPECT_EQ(result.failed_step(), 2u);
  EXPECT_EQ(aws.count("PutBucketPolicy"), 0);
}

TEST(Applier, RepairCallsGoToTheTrailsHomeRegionByName) {
  auto trail = builders::single_region_trail("legacy", "ap-south-1");
  trail.status = model::TrailStatus{false, "", "test"};
  trail.selectors = builders::basic_selectors({});
  const auto account = builders::account_with({trail});
  const auto plan = plan_account(account, control::evaluate(account), {});
  FakeAwsClient aws;
  answer_everything(aws);
  EXPECT_TRUE(apply_plan(plan, aws).succeeded());
  ASSERT_EQ(operations(aws), (std::vector<std::string>{"UpdateTrail", "PutEventSelectors", "StartLogging"}));
  for (const auto& call : aws.calls()) {
    EXPECT_EQ(call.region, "ap-south-1");
    EXPECT_NE(call.body.find("\"legacy\""), std::string::npos) << call.body;
  }
}

}  // namespace
}  // namespace trailguard::remediate
