// read_emit_context: which buckets of a plan exist already, from one GetBucketPolicy each, and never a guess.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "remediate/emit_context.hpp"
#include "sample_plans.hpp"
#include "support/fake_aws_client.hpp"

namespace {

using namespace trailguard;
using namespace trailguard::remediate;
using ::testing::HasSubstr;

Plan creation_plan() {
  for (auto& s : test_support::sample_situations())
    if (s.name == "create_trail") return s.plan;
  return {};
}

constexpr const char* kBucket = "trailguard-cloudtrail-123456789012-us-east-1";

TEST(ReadEmitContext, BucketWithAPolicyExistsWithIt) {
  test_support::FakeAwsClient client;
  client.answer("GetBucketPolicy", "us-east-1", R"({"Version":"2012-10-17","Statement":[]})");
  model::Account account;
  account.trails.push_back(model::Trail{});
  account.trails.back().arn = "arn:aws:cloudtrail:us-east-1:123456789012:trail/x";
  const auto context = read_emit_context(creation_plan(), account, client);
  ASSERT_TRUE(context) << context.error().describe();
  ASSERT_EQ(context->existing_buckets.count(kBucket), 1u);
  EXPECT_EQ(context->existing_buckets.at(kBucket).policy_json, R"({"Version":"2012-10-17","Statement":[]})");
  EXPECT_NE(find_trail(*context, "arn:aws:cloudtrail:us-east-1:123456789012:trail/x"), nullptr);
  EXPECT_EQ(client.count("GetBucketPolicy"), 1);
}

TEST(ReadEmitContext, BucketWithoutAPolicyExistsWithoutOne) {
  test_support::FakeAwsClient client;
  client.fail("GetBucketPolicy", "us-east-1", ErrorKind::not_found, "NoSuchBucketPolicy", "The bucket policy does not exist");
  const auto context = read_emit_context(creation_plan(), {}, client);
  ASSERT_TRUE(context);
  ASSERT_EQ(context->existing_buckets.count(kBucket), 1u);
  EXPECT_FALSE(context->existing_buckets.at(kBucket).policy_json.has_value());
}

TEST(ReadEmitContext, MissingBucketIsToBeCreated) {
  test_support::FakeAwsClient client;
  client.fail("GetBucketPolicy", "us-east-1", ErrorKind::not_found, "NoSuchBucket", "The specified bucket does not exist");
  const auto context = read_emit_context(creation_plan(), {}, client);
  ASSERT_TRUE(context);
  EXPECT_TRUE(context->existing_buckets.empty());
}

TEST(ReadEmitContext, AnyOtherAnswerFailsNamingTheBucket) {
  test_support::FakeAwsClient client;
  client.fail("GetBucketPolicy", "us-east-1", ErrorKind::access_denied, "AccessDenied", "Access Denied");
  const auto context = read_emit_context(creation_plan(), {}, client);
  ASSERT_FALSE(context);
  EXPECT_EQ(context.error().kind, ErrorKind::access_denied);
  EXPECT_THAT(context.error().describe(), HasSubstr(kBucket));
  EXPECT_THAT(context.error().describe(), HasSubstr("AccessDenied"));
}

TEST(ReadEmitContext, RepairPlansMakeNoCall) {
  test_support::FakeAwsClient client;
  for (auto& s : test_support::sample_situations()) {
    if (s.name == "repair_not_logging") {
      ASSERT_TRUE(read_emit_context(s.plan, {}, client));
    }
  }
  EXPECT_TRUE(client.calls().empty());
}

}  // namespace
