// The shared CloudTrail JSON adapter: shapes AWS sends, and every way input can be wrong.
#include "sources/cloudtrail_json.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sources/evidence/aws_cli_error.hpp"

namespace trailguard::sources {
namespace {

using ::testing::HasSubstr;

const std::string kInput = "describe-trails.eu-west-1.json";

TEST(DescribeTrails, ReadsTheFieldsTheControlNeedsAndIgnoresUnknownOnes) {
  const auto trails = parse_describe_trails(R"({"trailList":[{
      "Name":"main","S3BucketName":"logs","IncludeGlobalServiceEvents":true,"IsMultiRegionTrail":true,
      "HomeRegion":"us-east-1","TrailARN":"arn:aws:cloudtrail:us-east-1:111111111111:trail/main",
      "LogFileValidationEnabled":true,"HasCustomEventSelectors":false,"IsOrganizationTrail":false,
      "KmsKeyId":"arn:aws:kms:us-east-1:111111111111:key/k","SomethingNew":{"nested":[1,2]},"CloudWatchLogsRoleArn":null}]})",
                                            kInput, "eu-west-1");
  ASSERT_TRUE(trails.ok()) << trails.error().describe();
  ASSERT_EQ(trails->size(), 1u);
  const auto& t = trails->front();
  EXPECT_EQ(t.name, "main");
  EXPECT_EQ(t.home_region, "us-east-1");
  EXPECT_EQ(t.owner_account_id, "111111111111");
  EXPECT_TRUE(t.is_multi_region.is(true));
  EXPECT_TRUE(t.include_global_service_events.is(true));
  EXPECT_TRUE(t.is_organization_trail.is(false));
  EXPECT_EQ(t.kms_key_id, "arn:aws:kms:us-east-1:111111111111:key/k");
  EXPECT_EQ(t.seen_in_regions, std::vector<std::string>{"eu-west-1"});
}

TEST(DescribeTrails, MissingFlagBecomesUnknownNamingThePlace) {
  const auto trails = parse_describe_trails(
      R"({"trailList":[{"Name":"a","TrailARN":"arn:aws:cloudtrail:us-east-1:111111111111:trail/a","IsMultiRegionTrail":null}]})",
      kInput, "");
  ASSERT_TRUE(trails.ok());
  EXPECT_FALSE(trails->front().is_multi_region.known());
  EXPECT_THAT(trails->front().is_multi_region.origin.source, HasSubstr("trailList[0].IsMultiRegionTrail"));
  EXPECT_EQ(trails->front().home_region, "us-east-1");  // taken from the ARN
}

TEST(DescribeTrails, MalformedJsonNamesFileLineAndColumn) {
  const auto trails = parse_describe_trails("{\n  \"trailList\": [\n    {\"Name\": \"a\",\n", kInput, "");
  ASSERT_FALSE(trails.ok());
  EXPECT_EQ(trails.error().kind, ErrorKind::malformed_input);
  EXPECT_THAT(trails.error().describe(), HasSubstr(kInput));
  EXPECT_THAT(trails.error().describe(), HasSubstr("line 4"));
}

TEST(DescribeTrails, WrongShapesAreErrorsWithJsonPaths) {
  struct Case {
    const char* json;
    const char* expected;
  };
  for (const auto& c : {Case{"[]", "should be an object"}, Case{"{}", "trailList is missing"},
                        Case{R"({"trailList":{}})", "trailList should be an array"},
                        Case{R"({"trailList":[{"Name":"a"}]})", "trailList[0].TrailARN is missing"},
                        Case{R"({"trailList":[{"TrailARN":"arn:aws:cloudtrail:us-east-1:1:trail/a","IsMultiRegionTrail":"yes"}]})",
                             "trailList[0].IsMultiRegionTrail should be a boolean, found a string"},
                        Case{"", "is empty"}}) {
    const auto trails = parse_describe_trails(c.json, kInput, "");
    ASSERT_FALSE(trails.ok()) << c.json;
    EXPECT_THAT(trails.error().describe(), HasSubstr(c.expected)) << c.json;
    EXPECT_THAT(trails.error().describe(), HasSubstr(kInput));
  }
}

TEST(TrailStatus, ReadsLoggingAndDeliveryError) {
  const auto status = parse_trail_status(
      R"({"IsLogging":true,"LatestDeliveryError":"AccessDenied","LatestDeliveryTime":1732400000.5,"StartLoggingTime":"2026-11-20T10:15:30+00:00"})",
      "s.json");
  ASSERT_TRUE(status.ok());
  EXPECT_TRUE(status->is_logging);
  EXPECT_EQ(status->latest_delivery_error, "AccessDenied");
}

TEST(TrailStatus, MissingIsLoggingIsAnError) {
  const auto status = parse_trail_status(R"({"LatestDeliveryTime":1})", "get-trail-status.main.json");
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.error().describe(), HasSubstr("IsLogging is missing"));
}

TEST(EventSelectors, ReadsBothKinds) {
  const auto basic = parse_event_selectors(
      R"({"TrailARN":"x","EventSelectors":[{"ReadWriteType":"WriteOnly","IncludeManagementEvents":true,
          "DataResources":[{"Type":"AWS::S3::Object","Values":["arn:aws:s3"]}],"ExcludeManagementEventSources":["kms.amazonaws.com"]}]})",
      "sel.json");
  ASSERT_TRUE(basic.ok()) << basic.error().describe();
  ASSERT_EQ(basic->basic.size(), 1u);
  EXPECT_TRUE(basic->basic[0].read_write_type.is(model::ReadWriteType::write_only));
  EXPECT_EQ(basic->basic[0].exclude_management_event_sources, std::vector<std::string>{"kms.amazonaws.com"});
  EXPECT_EQ(basic->basic[0].data_resources.at(0).type, "AWS::S3::Object");

  const auto advanced = parse_event_selectors(
      R"({"TrailARN":"x","AdvancedEventSelectors":[{"Name":"m","FieldSelectors":[
          {"Field":"eventCategory","Equals":["Management"]},{"Field":"eventSource","NotEquals":["kms.amazonaws.com"]}]}]})",
      "sel.json");
  ASSERT_TRUE(advanced.ok());
  ASSERT_EQ(advanced->advanced.at(0).field_selectors.size(), 2u);
  EXPECT_EQ(advanced->advanced[0].field_selectors[1].not_equals, std::vector<std::string>{"kms.amazonaws.com"});
}

TEST(EventSelectors, InvalidReadWriteTypeIsAnErrorNotAGuess) {
  const auto s = parse_event_selectors(R"({"EventSelectors":[{"ReadWriteType":"Everything","IncludeManagementEvents":true}]})",
                                       "sel.json");
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.error().describe(), HasSubstr("EventSelectors[0].ReadWriteType is \"Everything\""));
}

TEST(EventSelectors, SomethingElseEntirelyIsAnError) {
  const auto s = parse_event_selectors(R"({"IsLogging":true})", "get-event-selectors.main.json");
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.error().describe(), HasSubstr("expected GetEventSelectors output"));
}

TEST(AwsCliError, ReadsCodeOperationAndMessage) {
  const auto e = evidence::parse_aws_cli_error(
      "\nAn error occurred (AccessDeniedException) when calling the DescribeTrails operation: User: arn:aws:iam::1:user/x "
      "is not authorized\n",
      "fallback", "eu-west-1");
  EXPECT_EQ(e.code, "AccessDeniedException");
  EXPECT_EQ(e.api, "DescribeTrails");
  EXPECT_EQ(e.region, "eu-west-1");
  EXPECT_THAT(e.message, HasSubstr("is not authorized"));
}

TEST(AwsCliError, RetriesNoteAndOtherTextAreKept) {
  const auto throttled = evidence::parse_aws_cli_error(
      "An error occurred (ThrottlingException) when calling the GetTrailStatus operation (reached max retries: 2): Rate exceeded",
      "x", "");
  EXPECT_EQ(throttled.code, "ThrottlingException");
  EXPECT_EQ(throttled.message, "Rate exceeded");
  const auto other = evidence::parse_aws_cli_error("Traceback...\nCould not connect to the endpoint URL: \"https://x\"\n",
                                                   "GetTrailStatus", "us-east-1");
  EXPECT_EQ(other.code, "CliError");
  EXPECT_THAT(other.message, HasSubstr("Could not connect"));
  EXPECT_EQ(other.api, "GetTrailStatus");
}

}  // namespace
}  // namespace trailguard::sources
