// The calls `trailguard fix --apply` makes (CloudTrail, S3, KMS), each against moto, read back through
// the API so that a wrong parameter name or shape shows as a wrong state, not just as HTTP 200.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../http/static_credentials.hpp"
#include "aws/aws_client.hpp"
#include "aws/services/cloudtrail_api.hpp"
#include "aws/services/kms_api.hpp"
#include "aws/services/s3_api.hpp"
#include "support/moto_server.hpp"

namespace trailguard::aws {
namespace {

class RemediationCallsTest : public ::testing::Test {
 protected:
  RemediationCallsTest() {
    ClientConfig config;
    config.endpoints.endpoint_url = moto.url();
    config.retry.max_attempts = 1;
    client = make_aws_client(config, testing::StaticCredentials::fake(), make_curl_transport(TransportOptions{}),
                             std::make_shared<CallStats>());
  }

  nlohmann::json call_json(const ApiCall& call) {
    auto response = client->call(call);
    EXPECT_TRUE(response) << call.operation << ": " << response.error().describe();
    if (!response) return {};
    return response->body.empty() ? nlohmann::json::object() : nlohmann::json::parse(response->body);
  }

  test_support::MotoServer moto;
  std::shared_ptr<AwsClient> client;
};

TEST_F(RemediationCallsTest, CreateTrailThenUpdateSelectorsAndStartLogging) {
  ASSERT_TRUE(client->call(create_bucket_call("audit-logs-bucket", "eu-west-1")));
  const NewTrail trail{"audit", "audit-logs-bucket", "alias/audit", false, true, true, false};
  call_json(create_trail_call("eu-west-1", trail));
  auto listed = call_json(describe_trails_call("eu-west-1"))["trailList"];
  ASSERT_EQ(listed.size(), 1u) << listed.dump();
  EXPECT_EQ(listed[0]["S3BucketName"], "audit-logs-bucket");
  EXPECT_EQ(listed[0]["KmsKeyId"], "alias/audit");
  EXPECT_EQ(listed[0]["IsMultiRegionTrail"], false);
  EXPECT_EQ(listed[0]["LogFileValidationEnabled"], true);

  call_json(update_trail_call("eu-west-1", "audit", true, true));
  listed = call_json(describe_trails_call("eu-west-1"))["trailList"];
  EXPECT_EQ(listed[0]["IsMultiRegionTrail"], true);
  EXPECT_EQ(listed[0]["IncludeGlobalServiceEvents"], true);

  const std::string basic =
      R"([{"ReadWriteType":"All","IncludeManagementEvents":true},)"
      R"({"ReadWriteType":"ReadOnly","IncludeManagementEvents":false,"DataResources":[{"Type":"AWS::S3::Object","Values":["arn:aws:s3:::b/"]}]}])";
  auto put = put_event_selectors_call("eu-west-1", "audit", false, basic);
  ASSERT_TRUE(put);
  call_json(*put);
  auto selectors = call_json(get_event_selectors_call("eu-west-1", "audit"));
  EXPECT_EQ(selectors["EventSelectors"], nlohmann::json::parse(basic)) << selectors.dump();

  const std::string advanced =
      R"([{"Name":"m","FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]}]}])";
  put = put_event_selectors_call("eu-west-1", "audit", true, advanced);
  ASSERT_TRUE(put);
  call_json(*put);
  selectors = call_json(get_event_selectors_call("eu-west-1", "audit"));
  EXPECT_EQ(selectors["AdvancedEventSelectors"], nlohmann::json::parse(advanced)) << selectors.dump();

  EXPECT_FALSE(call_json(get_trail_status_call("eu-west-1", "audit"))["IsLogging"].get<bool>());
  call_json(start_logging_call("eu-west-1", "audit"));
  EXPECT_TRUE(call_json(get_trail_status_call("eu-west-1", "audit"))["IsLogging"].get<bool>());
}

TEST_F(RemediationCallsTest, SelectorsThatAreNotAJsonArrayAreRefusedBeforeAnyCall) {
  const auto put = put_event_selectors_call("eu-west-1", "audit", false, R"({"ReadWriteType":"All"})");
  ASSERT_FALSE(put);
  EXPECT_EQ(put.error().kind, ErrorKind::invalid_argument);
}

TEST_F(RemediationCallsTest, KmsKeyWithPolicyAndAliasIsFoundByTheAlias) {
  const auto missing = client->call(describe_key_call("eu-west-1", "alias/audit"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ErrorKind::not_found) << missing.error().describe();
  auto created = client->call(create_key_call("eu-west-1", "trail logs", R"({"Version":"2012-10-17","Statement":[]})"));
  ASSERT_TRUE(created) << created.error().describe();
  const auto key = parse_key_metadata_json(created->body);
  ASSERT_TRUE(key) << key.error().describe();
  EXPECT_NE(key->arn.find(":key/" + key->key_id), std::string::npos) << key->arn;
  const auto aliased = client->call(create_alias_call("eu-west-1", "alias/audit", key->key_id));
  ASSERT_TRUE(aliased) << aliased.error().describe();
  const auto described = client->call(describe_key_call("eu-west-1", "alias/audit"));
  ASSERT_TRUE(described) << described.error().describe();
  const auto found = parse_key_metadata_json(described->body);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->key_id, key->key_id);
  EXPECT_FALSE(parse_key_metadata_json(R"({"KeyMetadata":{}})"));
  EXPECT_FALSE(parse_key_metadata_json("not json"));
}

TEST_F(RemediationCallsTest, BucketNameOfAnotherAccountIsBucketAlreadyExists) {
  ApiCall other = create_bucket_call("taken-bucket-name", "eu-west-1");
  other.headers.emplace_back("x-moto-account-id", "222222222222");  // moto: act as another account
  ASSERT_TRUE(client->call(other));
  const auto ours = client->call(create_bucket_call("taken-bucket-name", "eu-west-1"));
  ASSERT_FALSE(ours);
  EXPECT_EQ(ours.error().code, "BucketAlreadyExists") << ours.error().describe();
  EXPECT_EQ(ours.error().where, "s3 CreateBucket in eu-west-1");
}

}  // namespace
}  // namespace trailguard::aws
