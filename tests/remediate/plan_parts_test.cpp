// The planner's parts: bucket policy merging, shell quoting, the JSON plan, step descriptions.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../control/model_builders.hpp"
#include "control/evaluator.hpp"
#include "remediate/aws_cli.hpp"
#include "remediate/plan_json.hpp"
#include "remediate/plan_text.hpp"
#include "remediate/planner.hpp"
#include "remediate/policies.hpp"

namespace trailguard::remediate {
namespace {

using nlohmann::json;

const TrailDestination kDestination{"aws", "111111111111", "logs", "arn:aws:cloudtrail:us-east-1:111111111111:trail/t", ""};

TEST(BucketPolicy, OrganizationTrailMayAlsoWriteUnderTheOrganizationPrefix) {
  TrailDestination org = kDestination;
  org.organization_id = "o-abc123";
  const auto policy = json::parse(bucket_policy_json(org));
  EXPECT_EQ(policy["Statement"][1]["Resource"],
            json::array({"arn:aws:s3:::logs/AWSLogs/111111111111/*", "arn:aws:s3:::logs/AWSLogs/o-abc123/*"}));
  EXPECT_EQ(policy["Statement"][1]["Condition"]["StringEquals"]["s3:x-amz-acl"], "bucket-owner-full-control");
  const auto china = json::parse(bucket_policy_json({"aws-cn", "1", "b", "arn", ""}));
  EXPECT_EQ(china["Statement"][0]["Resource"], "arn:aws-cn:s3:::b");
}

TEST(BucketPolicy, MergeKeepsOtherStatementsAndReplacesOursBySid) {
  const std::string ours = bucket_policy_json(kDestination);
  const std::string existing = R"({"Version":"2012-10-17","Id":"mine","Statement":[
    {"Sid":"DenyInsecure","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"},
    {"Sid":"AWSCloudTrailWrite","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject","Resource":"old"}]})";
  const auto merged = merge_bucket_policy(existing, ours, "logs");
  ASSERT_TRUE(merged) << merged.error().describe();
  const auto policy = json::parse(*merged);
  EXPECT_EQ(policy["Id"], "mine");
  ASSERT_EQ(policy["Statement"].size(), 3u);
  EXPECT_EQ(policy["Statement"][0]["Sid"], "DenyInsecure");
  EXPECT_EQ(policy["Statement"][1]["Sid"], "AWSCloudTrailAclCheck");
  EXPECT_EQ(policy["Statement"][2]["Sid"], "AWSCloudTrailWrite");
  EXPECT_NE(policy["Statement"][2]["Resource"], "old");
  EXPECT_TRUE(policy_contains(*merged, ours));
  EXPECT_FALSE(policy_contains(existing, ours));
  // A single statement as an object is a valid policy too.
  const auto single = merge_bucket_policy(R"({"Statement":{"Sid":"X","Effect":"Deny"}})", ours, "logs");
  ASSERT_TRUE(single);
  EXPECT_EQ(json::parse(*single)["Statement"].size(), 3u);
}

TEST(BucketPolicy, APolicyThatCannotBeReadIsNeverOverwritten) {
  for (const char* bad : {"not json", "[]", R"({"Statement":"x"})"}) {
    const auto merged = merge_bucket_policy(bad, bucket_policy_json(kDestination), "logs");
    ASSERT_FALSE(merged) << bad;
    EXPECT_EQ(merged.error().kind, ErrorKind::malformed_input);
  }
}

TEST(AwsCli, ShellQuotingSurvivesQuotesAndSpaces) {
  EXPECT_EQ(shell_quote("my-bucket.1"), "my-bucket.1");
  EXPECT_EQ(shell_quote("alias/x"), "alias/x");
  EXPECT_EQ(shell_quote(""), "''");
  EXPECT_EQ(shell_quote("a b"), "'a b'");
  EXPECT_EQ(shell_quote(R"({"a":"it's"})"), R"('{"a":"it'\''s"}')");
  EXPECT_EQ(shell_quote("$(rm -rf /)"), "'$(rm -rf /)'");
}

TEST(PlanJson, EveryStepCarriesItsParametersAsValues) {
  const auto account = builders::account_with({});
  FixOptions options;
  options.create_kms_key = true;
  Plan plan{{plan_account(account, control::evaluate(account), options)}};
  const auto doc = json::parse(plan_json(plan));
  EXPECT_EQ(doc["plan_version"], 1);
  const auto& a = doc["accounts"][0];
  EXPECT_EQ(a["account_id"], builders::kAccount);
  EXPECT_EQ(a["approach"], "create_trail");
  EXPECT_EQ(a["home_region"], "us-east-1");
  const auto& steps = a["steps"];
  ASSERT_EQ(steps.size(), 7u);
  EXPECT_EQ(steps[0]["kind"], "create_bucket");
  EXPECT_EQ(steps[0]["index"], 1);
  EXPECT_TRUE(steps[0]["parameters"]["location_constraint"].is_null());
  EXPECT_EQ(steps[2]["parameters"]["policy"]["Statement"][0]["Sid"], "AWSCloudTrailAclCheck");  // an object, not a string
  EXPECT_EQ(steps[3]["kind"], "create_kms_key");
  EXPECT_TRUE(steps[3]["parameters"]["policy"].is_object());
  EXPECT_EQ(steps[4]["parameters"]["trail"]["arn"], "arn:aws:cloudtrail:us-east-1:111111111111:trail/trailguard-multi-region");
  EXPECT_EQ(steps[4]["parameters"]["kms_key_id"], "alias/trailguard-multi-region");
  EXPECT_EQ(steps[5]["parameters"]["selectors"][0]["ReadWriteType"], "All");
  EXPECT_EQ(steps[6]["api"], "cloudtrail StartLogging");
  EXPECT_FALSE(steps[6]["cli"].empty());
  for (const auto& step : steps) EXPECT_FALSE(step["reason"].get<std::string>().empty()) << step.dump();
}

TEST(PlanText, NamesEachStepWithItsReasonAndCommand) {
  auto trail = builders::passing_trail();
  trail.status = model::TrailStatus{false, "", "test"};
  const auto account = builders::account_with({trail});
  Plan plan{{plan_account(account, control::evaluate(account), {})}};
  std::ostringstream out;
  write_plan_text(out, plan);
  const std::string text = out.str();
  EXPECT_NE(text.find("Account 111111111111 (aws, home region us-east-1): 1 step(s)"), std::string::npos) << text;
  EXPECT_NE(text.find("1. cloudtrail StartLogging 'main' in us-east-1"), std::string::npos) << text;
  EXPECT_NE(text.find("why: trail 'main'"), std::string::npos) << text;
  EXPECT_NE(text.find("$ aws cloudtrail start-logging --name main --region us-east-1"), std::string::npos) << text;
}

}  // namespace
}  // namespace trailguard::remediate
