// Where the providers go when nothing is overridden — the regional STS endpoint of the profile's
// region, 169.254.170.2 for ECS, 169.254.169.254 for IMDS — seen through a transport that sends
// nothing, so no test ever reaches AWS or a metadata service.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>

#include "aws/credentials/resolve_credentials.hpp"
#include "aws/credentials/timestamp.hpp"
#include "recording_transport.hpp"
#include "test_env.hpp"

namespace trailguard::aws {
namespace {

using testing::RecordingTransport;
using testing::TestEnv;

std::string in_an_hour() { return format_timestamp(std::chrono::system_clock::now() + std::chrono::hours(1)); }

HttpResponse sts_answer(const std::string& operation) {
  return HttpResponse{200, {}, "<" + operation + "Response><" + operation + "Result><Credentials><AccessKeyId>ASIASTS" +
                                   "</AccessKeyId><SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken>"
                                   "<Expiration>" + in_an_hour() + "</Expiration></Credentials></" + operation +
                                   "Result></" + operation + "Response>"};
}

HttpResponse metadata_answer() {
  return HttpResponse{200, {}, R"({"AccessKeyId": "ASIAMETA", "SecretAccessKey": "s", "Token": "t", "Expiration": ")" +
                                   in_an_hour() + "\"}"};
}

const std::string* find(const HttpRequest& request, const char* name) { return request.find_header(name); }

// Options with no endpoint overrides at all, every request going to `transport`.
CredentialsOptions unroutable(const TestEnv& env, std::shared_ptr<RecordingTransport> transport) {
  auto options = env.options();
  options.sts_config.endpoints = EndpointConfig{};
  options.sts_transport = transport;
  options.make_metadata_transport = [transport](const TransportOptions&) { return transport; };
  return options;
}

TEST(CredentialsDefaultEndpoints, AssumeRoleGoesToTheRegionalStsEndpoint) {
  TestEnv env;
  env.config("[profile audit]\nrole_arn = arn:aws:iam::111122223333:role/Audit\nsource_profile = base\n"
             "region = eu-west-2\n[profile base]\naws_access_key_id = AKIABASE\naws_secret_access_key = s\n");
  auto transport = std::make_shared<RecordingTransport>(std::vector<HttpResponse>{sts_answer("AssumeRole")});
  auto options = unroutable(env, transport);
  options.profile = "audit";
  auto provider = resolve_credentials(options);
  ASSERT_TRUE(provider) << provider.error().describe();
  auto credentials = (*provider)->credentials();
  ASSERT_TRUE(credentials) << credentials.error().describe();
  EXPECT_EQ(credentials->access_key_id, "ASIASTS");
  const auto requests = transport->requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].url, "https://sts.eu-west-2.amazonaws.com/");
  ASSERT_NE(find(requests[0], "Authorization"), nullptr);
  EXPECT_NE(find(requests[0], "Authorization")->find("/eu-west-2/sts/aws4_request"), std::string::npos);
  EXPECT_NE(requests[0].body.find("Action=AssumeRole"), std::string::npos) << requests[0].body;
}

TEST(CredentialsDefaultEndpoints, WebIdentityGoesUnsignedToTheRegionalStsEndpoint) {
  TestEnv env;
  env.vars["AWS_WEB_IDENTITY_TOKEN_FILE"] = env.dir.write("token", "jwt-token").string();
  env.vars["AWS_ROLE_ARN"] = "arn:aws:iam::111122223333:role/Web";
  env.vars["AWS_REGION"] = "ap-southeast-2";
  auto transport = std::make_shared<RecordingTransport>(std::vector<HttpResponse>{sts_answer("AssumeRoleWithWebIdentity")});
  auto provider = resolve_credentials(unroutable(env, transport));
  ASSERT_TRUE(provider) << provider.error().describe();
  ASSERT_TRUE((*provider)->credentials());
  const auto requests = transport->requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].url, "https://sts.ap-southeast-2.amazonaws.com/");
  EXPECT_EQ(find(requests[0], "Authorization"), nullptr);
  ASSERT_NE(find(requests[0], "Content-Type"), nullptr);
  EXPECT_EQ(*find(requests[0], "Content-Type"), "application/x-www-form-urlencoded; charset=utf-8");
  EXPECT_NE(requests[0].body.find("Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2FWeb"),
            std::string::npos)
      << requests[0].body;
  EXPECT_NE(requests[0].body.find("WebIdentityToken=jwt-token"), std::string::npos);
}

TEST(CredentialsDefaultEndpoints, WebIdentityRetriesIdpCommunicationError) {
  TestEnv env;
  env.vars["AWS_WEB_IDENTITY_TOKEN_FILE"] = env.dir.write("token", "jwt-token").string();
  env.vars["AWS_ROLE_ARN"] = "arn:aws:iam::111122223333:role/Web";
  auto transport = std::make_shared<RecordingTransport>(std::vector<HttpResponse>{
      HttpResponse{400, {}, "<ErrorResponse><Error><Code>IDPCommunicationError</Code><Message>try again</Message></Error></ErrorResponse>"},
      sts_answer("AssumeRoleWithWebIdentity")});
  auto options = unroutable(env, transport);
  options.sts_config.retry.max_attempts = 3;
  options.sts_config.retry.base_delay = std::chrono::milliseconds(1);
  auto provider = resolve_credentials(options);
  ASSERT_TRUE(provider) << provider.error().describe();
  ASSERT_TRUE((*provider)->credentials());
  EXPECT_EQ(transport->requests().size(), 2u);
}

TEST(CredentialsDefaultEndpoints, WebIdentityRefusalIsNotRetried) {
  TestEnv env;
  env.vars["AWS_WEB_IDENTITY_TOKEN_FILE"] = env.dir.write("token", "jwt-token").string();
  env.vars["AWS_ROLE_ARN"] = "arn:aws:iam::111122223333:role/Web";
  auto transport = std::make_shared<RecordingTransport>(std::vector<HttpResponse>{HttpResponse{
      400, {}, "<ErrorResponse><Error><Code>InvalidIdentityToken</Code><Message>bad issuer</Message></Error></ErrorResponse>"}});
  auto options = unroutable(env, transport);
  options.sts_config.retry.max_attempts = 3;
  auto provider = resolve_credentials(options);
  ASSERT_TRUE(provider) << provider.error().describe();
  auto credentials = (*provider)->credentials();
  ASSERT_FALSE(credentials);
  EXPECT_EQ(credentials.error().kind, ErrorKind::access_denied);
  EXPECT_EQ(credentials.error().code, "InvalidIdentityToken");
  EXPECT_EQ(credentials.error().describe().find("jwt-token"), std::string::npos);
  EXPECT_EQ(transport->requests().size(), 1u);
}

TEST(CredentialsDefaultEndpoints, EcsRelativeUriGoesTo169_254_170_2) {
  TestEnv env;
  env.vars["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = "/v2/credentials/abc";
  auto transport = std::make_shared<RecordingTransport>(std::vector<HttpResponse>{metadata_answer()});
  auto options = unroutable(env, transport);
  options.container_host = CredentialsOptions{}.container_host;
  auto provider = resolve_credentials(options);
  ASSERT_TRUE(provider) << provider.error().describe();
  ASSERT_EQ(transport->requests().size(), 1u);
  EXPECT_EQ(transport->requests()[0].url, "http://169.254.170.2/v2/credentials/abc");
}

TEST(CredentialsDefaultEndpoints, ImdsGoesTo169_254_169_254WithOneSecondTimeouts) {
  TestEnv env;
  env.vars.erase("AWS_EC2_METADATA_DISABLED");
  auto transport = std::make_shared<RecordingTransport>(
      std::vector<HttpResponse>{HttpResponse{200, {}, "session-token"}, HttpResponse{200, {}, "role-name"}, metadata_answer()});
  std::vector<TransportOptions> asked;
  auto options = unroutable(env, transport);
  options.make_metadata_transport = [&asked, transport](const TransportOptions& o) {
    asked.push_back(o);
    return transport;
  };
  auto provider = resolve_credentials(options);
  ASSERT_TRUE(provider) << provider.error().describe();
  const auto requests = transport->requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].url, "http://169.254.169.254/latest/api/token");
  EXPECT_EQ(requests[1].url, "http://169.254.169.254/latest/meta-data/iam/security-credentials/");
  EXPECT_EQ(requests[2].url, "http://169.254.169.254/latest/meta-data/iam/security-credentials/role-name");
  ASSERT_EQ(asked.size(), 1u);
  EXPECT_EQ(asked[0].connect_timeout, std::chrono::milliseconds(1000));
  EXPECT_EQ(asked[0].read_timeout, std::chrono::milliseconds(1000));

  TestEnv ipv6;
  ipv6.vars.erase("AWS_EC2_METADATA_DISABLED");
  ipv6.config("[default]\nec2_metadata_service_endpoint_mode = ipv6\nmetadata_service_timeout = 3\n");
  auto transport6 = std::make_shared<RecordingTransport>(
      std::vector<HttpResponse>{HttpResponse{200, {}, "session-token"}, HttpResponse{200, {}, "role-name"}, metadata_answer()});
  asked.clear();
  auto options6 = unroutable(ipv6, transport6);
  options6.make_metadata_transport = [&asked, transport6](const TransportOptions& o) {
    asked.push_back(o);
    return transport6;
  };
  ASSERT_TRUE(resolve_credentials(options6));
  EXPECT_EQ(transport6->requests()[0].url, "http://[fd00:ec2::254]/latest/api/token");
  EXPECT_EQ(asked[0].read_timeout, std::chrono::milliseconds(3000));
}

}  // namespace
}  // namespace trailguard::aws
