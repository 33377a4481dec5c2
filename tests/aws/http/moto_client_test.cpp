// AwsClient + the libcurl transport against a real moto_server on 127.0.0.1: the three protocols
// and SigV4 end to end (moto checking signatures).
#include <gtest/gtest.h>

#include <memory>

#include "aws/aws_client.hpp"
#include "aws/http_transport.hpp"
#include "moto_calls.hpp"
#include "static_credentials.hpp"
#include "support/moto_server.hpp"

namespace trailguard::aws {
namespace {

using testing::StaticCredentials;

class MotoClientTest : public ::testing::Test {
 protected:
  std::shared_ptr<AwsClient> client_for(std::shared_ptr<CredentialsProvider> credentials) {
    ClientConfig config;
    config.endpoints.endpoint_url = moto.url();
    config.retry.max_attempts = 1;
    return make_aws_client(config, std::move(credentials), transport, stats);
  }

  test_support::MotoServer moto;
  std::shared_ptr<HttpTransport> transport = make_curl_transport(TransportOptions{});
  std::shared_ptr<CallStats> stats = std::make_shared<CallStats>();
};

TEST_F(MotoClientTest, DescribeTrailsJson11) {
  auto credentials = StaticCredentials::fake();
  const auto result = client_for(credentials)->call(testing::describe_trails("eu-west-1"));
  ASSERT_TRUE(result) << result.error().describe();
  EXPECT_EQ(result->http_status, 200);
  EXPECT_EQ(result->attempts, 1);
  EXPECT_NE(result->body.find("\"trailList\""), std::string::npos) << result->body;
  EXPECT_EQ(credentials->calls, 1);
  const auto snapshot = stats->snapshot();
  ASSERT_TRUE(snapshot.contains("cloudtrail.DescribeTrails"));
  EXPECT_EQ(snapshot.at("cloudtrail.DescribeTrails").calls, 1);
  EXPECT_EQ(snapshot.at("cloudtrail.DescribeTrails").attempts, 1);
  EXPECT_EQ(snapshot.at("cloudtrail.DescribeTrails").failures, 0);
}

TEST_F(MotoClientTest, GetCallerIdentityQueryXml) {
  const auto result = client_for(StaticCredentials::fake())->call(testing::get_caller_identity("eu-central-1"));
  ASSERT_TRUE(result) << result.error().describe();
  EXPECT_NE(result->body.find("<Account>123456789012</Account>"), std::string::npos) << result->body;
  EXPECT_EQ(stats->snapshot().at("sts.GetCallerIdentity").attempts, 1);
}

TEST_F(MotoClientTest, DescribeRegionsQueryXml) {
  const auto result = client_for(StaticCredentials::fake())->call(testing::describe_regions("eu-west-1"));
  ASSERT_TRUE(result) << result.error().describe();
  EXPECT_NE(result->body.find("<regionName>eu-west-1</regionName>"), std::string::npos) << result->body;
  EXPECT_NE(result->body.find("<regionName>ap-southeast-2</regionName>"), std::string::npos);
}

TEST_F(MotoClientTest, JsonErrorFromMotoIsNotFoundWithItsCodeAndMessage) {
  ApiCall call = testing::describe_trails("eu-west-1");
  call.operation = "GetTrailStatus";
  call.json_body = R"({"Name": "no-such-trail"})";
  const auto result = client_for(StaticCredentials::fake())->call(call);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::not_found) << result.error().describe();
  EXPECT_EQ(result.error().code, "TrailNotFoundException");
  EXPECT_EQ(result.error().where, "cloudtrail GetTrailStatus in eu-west-1");
  EXPECT_NE(result.error().message.find("no-such-trail"), std::string::npos) << result.error().message;
  EXPECT_EQ(stats->snapshot().at("cloudtrail.GetTrailStatus").failures, 1);
}

TEST_F(MotoClientTest, XmlErrorFromMotoCarriesTheEc2Code) {
  ApiCall call = testing::describe_regions("eu-west-1");
  call.operation = "DescribeInstances";
  call.params = {{"InstanceId.1", "i-0123456789abcdef0"}};
  const auto result = client_for(StaticCredentials::fake())->call(call);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, "InvalidInstanceID.NotFound");
  EXPECT_EQ(result.error().kind, ErrorKind::not_found);
}

}  // namespace
}  // namespace trailguard::aws
