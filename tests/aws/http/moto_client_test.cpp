// AwsClient + the libcurl transport against a real moto_server on 127.0.0.1: every protocol (S3 included)
// and SigV4 end to end (moto checking signatures).
#include <gtest/gtest.h>

#include <memory>

#include "aws/aws_client.hpp"
#include "aws/http_transport.hpp"
#include "aws/services/s3_api.hpp"
#include "moto_calls.hpp"
#include "static_credentials.hpp"
#include "support/moto_server.hpp"

namespace trailguard::aws {
namespace {

using testing::StaticCredentials;

// The text of the first <tag> in an XML answer (enough for moto's flat answers).
std::string xml_text(const std::string& xml, const std::string& tag) {
  const auto start = xml.find("<" + tag + ">");
  if (start == std::string::npos) return {};
  const auto from = start + tag.size() + 2;
  return xml.substr(from, xml.find("</" + tag + ">", from) - from);
}

class HttpMotoClientTest : public ::testing::Test {
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

TEST_F(HttpMotoClientTest, DescribeTrailsJson11) {
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

TEST_F(HttpMotoClientTest, GetCallerIdentityQueryXml) {
  const auto result = client_for(StaticCredentials::fake())->call(testing::get_caller_identity("eu-central-1"));
  ASSERT_TRUE(result) << result.error().describe();
  EXPECT_NE(result->body.find("<Account>123456789012</Account>"), std::string::npos) << result->body;
  EXPECT_EQ(stats->snapshot().at("sts.GetCallerIdentity").attempts, 1);
}

TEST_F(HttpMotoClientTest, DescribeRegionsQueryXml) {
  const auto result = client_for(StaticCredentials::fake())->call(testing::describe_regions("eu-west-1"));
  ASSERT_TRUE(result) << result.error().describe();
  EXPECT_NE(result->body.find("<regionName>eu-west-1</regionName>"), std::string::npos) << result->body;
  EXPECT_NE(result->body.find("<regionName>ap-southeast-2</regionName>"), std::string::npos);
}

TEST_F(HttpMotoClientTest, JsonErrorFromMotoIsNotFoundWithItsCodeAndMessage) {
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

TEST_F(HttpMotoClientTest, XmlErrorFromMotoCarriesTheEc2Code) {
  ApiCall call = testing::describe_regions("eu-west-1");
  call.operation = "DescribeInstances";
  call.params = {{"InstanceId.1", "i-0123456789abcdef0"}};
  const auto result = client_for(StaticCredentials::fake())->call(call);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, "InvalidInstanceID.NotFound");
  EXPECT_EQ(result.error().kind, ErrorKind::not_found);
}

// With auth on, moto checks every signature and IAM policy. The user and its key are made through the
// real IAM API (query protocol, global endpoint) while auth is still off.
class HttpMotoSigV4Test : public HttpMotoClientTest {
 protected:
  Credentials create_user_with_admin_key() {
    auto setup = client_for(StaticCredentials::fake());
    const std::string policy =
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})";
    EXPECT_TRUE(setup->call(testing::iam_call("CreateUser", {{"UserName", "auditor"}})));
    EXPECT_TRUE(setup->call(testing::iam_call(
        "PutUserPolicy", {{"UserName", "auditor"}, {"PolicyName", "all"}, {"PolicyDocument", policy}})));
    const auto key = setup->call(testing::iam_call("CreateAccessKey", {{"UserName", "auditor"}}));
    EXPECT_TRUE(key);
    Credentials credentials{xml_text(key->body, "AccessKeyId"), xml_text(key->body, "SecretAccessKey"), ""};
    EXPECT_EQ(credentials.access_key_id.rfind("AKIA", 0), 0u) << key->body;
    EXPECT_FALSE(credentials.secret_access_key.empty());
    return credentials;
  }
};

TEST_F(HttpMotoSigV4Test, EveryProtocolIsAcceptedWhenMotoChecksSignatures) {
  const Credentials key = create_user_with_admin_key();
  moto.enable_auth();
  auto client = client_for(std::make_shared<StaticCredentials>(key));

  const auto identity = client->call(testing::get_caller_identity("eu-west-1"));
  ASSERT_TRUE(identity) << identity.error().describe();
  EXPECT_EQ(xml_text(identity->body, "Arn"), "arn:aws:iam::123456789012:user/auditor");
  const auto trails = client->call(testing::describe_trails("ap-southeast-2"));
  ASSERT_TRUE(trails) << trails.error().describe();
  ApiCall regions = testing::describe_regions("eu-central-1");
  regions.params = {{"RegionName.1", "eu-west-1"}, {"Filter.1.Name", "opt-in-status"},
                    {"Filter.1.Value.1", "opt-in-not-required"}, {"DryRun", "false"}};
  const auto described = client->call(regions);
  ASSERT_TRUE(described) << described.error().describe();
  ApiCall organization = testing::describe_trails("eu-west-1");  // global service: signed for us-east-1
  organization.service = "organizations";
  organization.operation = "CreateOrganization";
  organization.target_prefix = "AWSOrganizationsV20161128";
  organization.json_body = R"({"FeatureSet": "ALL"})";
  const auto created = client->call(organization);
  ASSERT_TRUE(created) << created.error().describe();
}

// REST-XML is signed by S3's rules (X-Amz-Content-SHA256, the path as written): moto checks them.
TEST_F(HttpMotoSigV4Test, S3RestXmlIsAcceptedWhenMotoChecksSignatures) {
  const Credentials key = create_user_with_admin_key();
  moto.enable_auth();
  auto client = client_for(std::make_shared<StaticCredentials>(key));
  for (const char* region : {"us-east-1", "eu-west-1"}) {
    const std::string bucket = std::string("signed-") + region;
    const auto created = client->call(create_bucket_call(bucket, region));
    ASSERT_TRUE(created) << created.error().describe();
    const auto blocked = client->call(put_public_access_block_call(bucket, region));
    ASSERT_TRUE(blocked) << blocked.error().describe();
    const std::string policy = R"({"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Deny","Principal":"*",)"
                               R"("Action":"s3:DeleteBucket","Resource":"arn:aws:s3:::)" + bucket + R"("}]})";
    const auto put = client->call(put_bucket_policy_call(bucket, region, policy));
    ASSERT_TRUE(put) << put.error().describe();
    const auto read = client->call(get_bucket_policy_call(bucket, region));
    ASSERT_TRUE(read) << read.error().describe();
    EXPECT_NE(read->body.find("s3:DeleteBucket"), std::string::npos) << read->body;
  }
  const auto again = client->call(create_bucket_call("signed-eu-west-1", "eu-west-1"));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "BucketAlreadyOwnedByYou") << again.error().describe();
  const auto none = client->call(get_bucket_policy_call("no-such-bucket-here", "eu-west-1"));
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().kind, ErrorKind::not_found) << none.error().describe();
  // A wrong secret is refused for S3 too, so the acceptance above is moto checking, not ignoring.
  Credentials wrong = key;
  wrong.secret_access_key = "not-the-secret";
  const auto refused = client_for(std::make_shared<StaticCredentials>(wrong))->call(get_bucket_policy_call("signed-us-east-1", "us-east-1"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::access_denied) << refused.error().describe();
}

TEST_F(HttpMotoSigV4Test, TemporaryCredentialsWithSessionTokenAreAccepted) {
  const Credentials key = create_user_with_admin_key();
  auto setup = client_for(std::make_shared<StaticCredentials>(key));
  const std::string trust =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]})";
  const std::string policy = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})";
  ASSERT_TRUE(setup->call(testing::iam_call("CreateRole", {{"RoleName", "audit"}, {"AssumeRolePolicyDocument", trust}})));
  ASSERT_TRUE(setup->call(
      testing::iam_call("PutRolePolicy", {{"RoleName", "audit"}, {"PolicyName", "all"}, {"PolicyDocument", policy}})));
  moto.enable_auth();
  // moto's GetSessionToken hands out a fixed example key it does not know; AssumeRole's keys it knows.
  ApiCall assume = testing::get_caller_identity();
  assume.operation = "AssumeRole";
  assume.params = {{"RoleArn", "arn:aws:iam::123456789012:role/audit"}, {"RoleSessionName", "trailguard"}};
  const auto issued = setup->call(assume);
  ASSERT_TRUE(issued) << issued.error().describe();
  const Credentials temporary{xml_text(issued->body, "AccessKeyId"), xml_text(issued->body, "SecretAccessKey"),
                              xml_text(issued->body, "SessionToken")};
  ASSERT_EQ(temporary.access_key_id.rfind("ASIA", 0), 0u) << temporary.access_key_id;
  ASSERT_FALSE(temporary.session_token.empty());
  auto client = client_for(std::make_shared<StaticCredentials>(temporary));
  const auto identity = client->call(testing::get_caller_identity());
  ASSERT_TRUE(identity) << identity.error().describe();
  EXPECT_NE(xml_text(identity->body, "Arn").find(":assumed-role/audit/trailguard"), std::string::npos) << identity->body;
  const auto trails = client->call(testing::describe_trails());
  ASSERT_TRUE(trails) << trails.error().describe();
  // The token is checked: a different one is refused (moto: InvalidClientTokenId).
  Credentials tampered = temporary;
  tampered.session_token += "x";
  const auto refused = client_for(std::make_shared<StaticCredentials>(tampered))->call(testing::describe_trails());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::access_denied) << refused.error().describe();
  EXPECT_EQ(refused.error().code, "InvalidClientTokenId") << refused.error().describe();
}

TEST_F(HttpMotoSigV4Test, WrongSecretIsRejectedWithSignatureDoesNotMatchAndNotRetried) {
  Credentials key = create_user_with_admin_key();
  moto.enable_auth();
  key.secret_access_key = "not-the-secret-at-all";
  ClientConfig config;
  config.endpoints.endpoint_url = moto.url();  // default 3 attempts: the denial must not be retried
  auto client = make_aws_client(config, std::make_shared<StaticCredentials>(key), transport, stats);
  const auto result = client->call(testing::describe_trails("eu-west-1"));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::access_denied) << result.error().describe();
  EXPECT_EQ(result.error().code, "SignatureDoesNotMatch");
  EXPECT_EQ(result.error().where, "cloudtrail DescribeTrails in eu-west-1");
  EXPECT_EQ(result.error().describe().find("not-the-secret-at-all"), std::string::npos);
  EXPECT_EQ(stats->snapshot().at("cloudtrail.DescribeTrails").attempts, 1);
}

TEST_F(HttpMotoSigV4Test, UnknownKeyIsInvalidClientTokenId) {
  moto.enable_auth();
  const auto result = client_for(StaticCredentials::fake())->call(testing::get_caller_identity());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::access_denied);
  EXPECT_EQ(result.error().code, "InvalidClientTokenId");
}

}  // namespace
}  // namespace trailguard::aws
