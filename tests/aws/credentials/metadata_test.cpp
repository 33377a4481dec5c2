// Container credentials and EC2 instance metadata against tests/aws/credentials/metadata_server.py on
// 127.0.0.1: the requests botocore would make (IMDSv2 token, v1 fallback, container authorization),
// what is refused, and what the chain says when nothing answers.
#include <gtest/gtest.h>

#include <chrono>

#include "aws/credentials/resolve_credentials.hpp"
#include "fake_sts.hpp"
#include "metadata_server.hpp"
#include "test_env.hpp"

namespace trailguard::aws {
namespace {

using testing::FakeSts;
using testing::MetadataServer;
using testing::TestEnv;
using Json = nlohmann::json;

std::string header(const Json& request, const std::string& name) {
  const auto& headers = request["headers"];
  return headers.contains(name) ? headers[name].get<std::string>() : "";
}

// ---- container credentials ----

TEST(CredentialsContainer, RelativeUriIsAskedOnTheContainerHost) {
  MetadataServer server("ecs", {"--path", "/v2/credentials/task-1"});
  TestEnv env;
  env.vars["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = "/v2/credentials/task-1";
  auto options = env.options();
  options.container_host = server.host();
  auto provider = resolve_credentials(options);
  ASSERT_TRUE(provider) << provider.error().describe();
  EXPECT_EQ((*provider)->description(), "container credentials " + server.url() + "/v2/credentials/task-1");
  auto credentials = (*provider)->credentials();
  ASSERT_TRUE(credentials) << credentials.error().describe();
  EXPECT_EQ(credentials->access_key_id, "ASIAMETADATA00000001");
  EXPECT_EQ(credentials->secret_access_key, "metadata-secret");
  EXPECT_EQ(credentials->session_token, "metadata-session-token");
  ASSERT_TRUE((*provider)->credentials());  // cached: still one request
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0]["method"], "GET");
  EXPECT_EQ(header(requests[0], "accept"), "application/json");
  EXPECT_EQ(header(requests[0], "authorization"), "");
}

TEST(CredentialsContainer, FullUriSendsTheAuthorizationToken) {
  MetadataServer server("ecs", {"--path", "/creds", "--auth", "container-token"});
  TestEnv env;
  env.vars["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = server.url() + "/creds";
  env.vars["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "container-token";
  auto provider = resolve_credentials(env.options());
  ASSERT_TRUE(provider) << provider.error().describe();
  EXPECT_EQ((*provider)->description().find("container-token"), std::string::npos);
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_EQ(header(server.requests()[0], "authorization"), "container-token");
}

TEST(CredentialsContainer, TokenFileBeatsTokenVariable) {
  MetadataServer server("ecs", {"--path", "/creds", "--auth", "from-file"});
  TestEnv env;
  env.vars["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = "http://localhost:" + std::to_string(server.port()) + "/creds";
  env.vars["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "from-variable";
  env.vars["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = env.dir.write("eks-token", "from-file").string();
  auto provider = resolve_credentials(env.options());
  ASSERT_TRUE(provider) << provider.error().describe();
}

TEST(CredentialsContainer, WrongTokenIsAnErrorAfterThreeAttempts) {
  MetadataServer server("ecs", {"--path", "/creds", "--auth", "right"});
  TestEnv env;
  env.vars["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = server.url() + "/creds";
  env.vars["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "wrong";
  auto provider = resolve_credentials(env.options());
  ASSERT_FALSE(provider);
  EXPECT_EQ(provider.error().kind, ErrorKind::access_denied);
  EXPECT_NE(provider.error().message.find("HTTP 401"), std::string::npos) << provider.error().describe();
  EXPECT_EQ(provider.error().describe().find("wrong"), std::string::npos);
  EXPECT_EQ(server.requests().size(), 3u);
}

TEST(CredentialsContainer, TransientFailuresAreRetried) {
  MetadataServer server("ecs", {"--path", "/creds", "--fail-first", "2"});
  TestEnv env;
  env.vars["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = server.url() + "/creds";
  auto provider = resolve_credentials(env.options());
  ASSERT_TRUE(provider) << provider.error().describe();
  EXPECT_EQ(server.requests().size(), 3u);
}

TEST(CredentialsContainer, FullUriMustBeHttpsOrLoopback) {
  TestEnv env;
  for (const char* url : {"http://192.0.2.10/creds", "http://example.com/creds", "http://169.254.169.254/creds"}) {
    env.vars["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = url;
    auto provider = resolve_credentials(env.options());
    ASSERT_FALSE(provider) << url;
    EXPECT_EQ(provider.error().code, "InvalidConfig") << url;
    EXPECT_NE(provider.error().message.find("is not allowed over http"), std::string::npos) << provider.error().message;
  }
}

TEST(CredentialsContainer, TokenWithALineBreakIsRefused) {
  MetadataServer server("ecs", {"--path", "/creds"});
  TestEnv env;
  env.vars["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = server.url() + "/creds";
  env.vars["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = env.dir.write("eks-token", "token\n").string();
  auto provider = resolve_credentials(env.options());
  ASSERT_FALSE(provider);
  EXPECT_NE(provider.error().message.find("line break"), std::string::npos) << provider.error().message;
  EXPECT_TRUE(server.requests().empty());
}

TEST(CredentialsContainer, IncompleteAnswerIsAnError) {
  MetadataServer server("ecs", {"--path", "/creds", "--body", R"({"AccessKeyId": "ASIA", "SecretAccessKey": "s"})"});
  TestEnv env;
  env.vars["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = server.url() + "/creds";
  auto provider = resolve_credentials(env.options());
  ASSERT_FALSE(provider);
  EXPECT_EQ(provider.error().kind, ErrorKind::malformed_input);
  EXPECT_NE(provider.error().message.find("\"Token\""), std::string::npos) << provider.error().message;
}

TEST(CredentialsContainer, AsCredentialSourceTheySignAssumeRole) {
  MetadataServer server("ecs", {"--path", "/v2/credentials/task-1", "--access-key", "ASIACONTAINER0000001"});
  TestEnv env;
  env.vars["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = "/v2/credentials/task-1";
  env.config("[profile audit]\nrole_arn = arn:aws:iam::111122223333:role/audit\ncredential_source = EcsContainer\n");
  FakeSts sts;
  auto options = env.options();
  options.profile = "audit";
  options.container_host = server.host();
  options.make_sts_client = sts.factory();
  auto provider = resolve_credentials(options);
  ASSERT_TRUE(provider) << provider.error().describe();
  ASSERT_TRUE((*provider)->credentials());
  ASSERT_EQ(sts.calls().size(), 1u);
  EXPECT_EQ(sts.calls()[0].signed_with, "ASIACONTAINER0000001");
}

// ---- EC2 instance metadata ----

// Instance metadata on, at the test's server.
void use_imds(TestEnv& env, const MetadataServer& server) {
  env.vars.erase("AWS_EC2_METADATA_DISABLED");
  env.vars["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = server.url();
}

TEST(CredentialsImds, Version2TokenThenRoleThenCredentials) {
  MetadataServer server("imds", {"--require-token"});
  TestEnv env;
  use_imds(env, server);
  auto provider = resolve_credentials(env.options());
  ASSERT_TRUE(provider) << provider.error().describe();
  EXPECT_EQ((*provider)->description(), "EC2 instance metadata " + server.url() + "/ (role trailguard-test-role)");
  auto credentials = (*provider)->credentials();
  ASSERT_TRUE(credentials) << credentials.error().describe();
  EXPECT_EQ(credentials->access_key_id, "ASIAMETADATA00000001");
  EXPECT_EQ(credentials->session_token, "metadata-session-token");

  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0]["method"], "PUT");
  EXPECT_EQ(requests[0]["path"], "/latest/api/token");
  EXPECT_EQ(header(requests[0], "x-aws-ec2-metadata-token-ttl-seconds"), "21600");
  EXPECT_EQ(requests[1]["path"], "/latest/meta-data/iam/security-credentials/");
  EXPECT_EQ(requests[2]["path"], "/latest/meta-data/iam/security-credentials/trailguard-test-role");
  for (int i : {1, 2}) {
    EXPECT_EQ(requests[i]["method"], "GET");
    EXPECT_EQ(header(requests[i], "x-aws-ec2-metadata-token"), "imds-session-token-0123456789");
  }
}

TEST(CredentialsImds, FallsBackToVersion1WhenTheTokenCallIsRefused) {
  for (const char* status : {"403", "404", "405"}) {
    MetadataServer server("imds", {"--token", status});
    TestEnv env;
  use_imds(env, server);
    auto provider = resolve_credentials(env.options());
    ASSERT_TRUE(provider) << status << ": " << provider.error().describe();
    const auto requests = server.requests();
    ASSERT_EQ(requests.size(), 3u) << status;
    EXPECT_EQ(header(requests[1], "x-aws-ec2-metadata-token"), "") << status;
  }
}

TEST(CredentialsImds, FallsBackToVersion1WhenTheTokenCallTimesOut) {
  MetadataServer server("imds", {"--token", "hang"});
  TestEnv env;
  use_imds(env, server);
  const auto start = std::chrono::steady_clock::now();
  auto provider = resolve_credentials(env.options());
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(provider) << provider.error().describe();
  EXPECT_LT(elapsed, std::chrono::milliseconds(3000)) << "the metadata timeout is 1 s";
  EXPECT_GE(elapsed, std::chrono::milliseconds(900));
}

TEST(CredentialsImds, Version1FallbackIsRefusedWhenDisabled) {
  MetadataServer server("imds", {"--token", "404"});
  TestEnv env;
  use_imds(env, server);
  env.vars["AWS_EC2_METADATA_V1_DISABLED"] = "true";
  auto provider = resolve_credentials(env.options());
  ASSERT_FALSE(provider);
  EXPECT_EQ(provider.error().code, "MetadataRetrievalError");
  EXPECT_NE(provider.error().message.find("IMDSv1 is disabled"), std::string::npos) << provider.error().message;
  EXPECT_EQ(server.requests().size(), 1u) << "no GET without a token";

  TestEnv from_profile;
  use_imds(from_profile, server);
  from_profile.config("[default]\nec2_metadata_v1_disabled = True\n");
  EXPECT_FALSE(resolve_credentials(from_profile.options()));
}

TEST(CredentialsImds, Version2OnlyInstanceWithoutATokenHasNoCredentials) {
  MetadataServer server("imds", {"--token", "hang", "--require-token"});
  TestEnv env;
  use_imds(env, server);
  auto provider = resolve_credentials(env.options());
  ASSERT_FALSE(provider);
  EXPECT_EQ(provider.error().code, "NoCredentials");
  EXPECT_NE(provider.error().message.find("EC2 instance metadata " + server.url() + "/: GET"), std::string::npos)
      << provider.error().message;
  EXPECT_NE(provider.error().message.find("HTTP 401"), std::string::npos) << provider.error().message;
}

TEST(CredentialsImds, NoRoleAttachedMeansNoCredentials) {
  MetadataServer server("imds", {"--role-status", "404"});
  TestEnv env;
  use_imds(env, server);
  auto provider = resolve_credentials(env.options());
  ASSERT_FALSE(provider);
  EXPECT_EQ(provider.error().code, "NoCredentials");
  EXPECT_NE(provider.error().message.find("answered HTTP 404"), std::string::npos) << provider.error().message;
}

TEST(CredentialsImds, ErrorDocumentMeansNoCredentials) {
  MetadataServer server("imds", {"--body", R"({"Code": "AssumeRoleUnauthorizedAccess", "Message": "EC2 cannot assume the role"})"});
  TestEnv env;
  use_imds(env, server);
  auto provider = resolve_credentials(env.options());
  ASSERT_FALSE(provider);
  EXPECT_EQ(provider.error().code, "NoCredentials");
}

TEST(CredentialsImds, DisabledMeansNoRequest) {
  MetadataServer server("imds", {});
  TestEnv env;
  use_imds(env, server);
  env.vars["AWS_EC2_METADATA_DISABLED"] = "TRUE";
  auto provider = resolve_credentials(env.options());
  ASSERT_FALSE(provider);
  EXPECT_NE(provider.error().message.find("disabled by AWS_EC2_METADATA_DISABLED"), std::string::npos);
  EXPECT_TRUE(server.requests().empty());
}

TEST(CredentialsImds, NothingListeningIsPassedQuickly) {
  TestEnv env;
  env.vars.erase("AWS_EC2_METADATA_DISABLED");
  env.vars["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = "http://127.0.0.1:" + std::to_string(test_support::free_local_port());
  const auto start = std::chrono::steady_clock::now();
  auto provider = resolve_credentials(env.options());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(2500));
  ASSERT_FALSE(provider);
  EXPECT_EQ(provider.error().code, "NoCredentials");
  EXPECT_NE(provider.error().message.find("EC2 instance metadata http://127.0.0.1:"), std::string::npos)
      << provider.error().message;
}

TEST(CredentialsImds, ExpiredCredentialsAreUsedForAFewMoreMinutes) {
  MetadataServer server("imds", {"--expiration", "2020-01-01T00:00:00Z"});
  TestEnv env;
  use_imds(env, server);
  auto provider = resolve_credentials(env.options());
  ASSERT_TRUE(provider) << provider.error().describe();
  auto credentials = (*provider)->credentials();
  ASSERT_TRUE(credentials) << credentials.error().describe();
  EXPECT_EQ(server.requests().size(), 3u) << "extended, so not fetched again at once";
}

TEST(CredentialsImds, AsCredentialSourceTheySignAssumeRole) {
  MetadataServer server("imds", {"--access-key", "ASIAINSTANCE00000001"});
  TestEnv env;
  use_imds(env, server);
  env.config("[profile audit]\nrole_arn = arn:aws:iam::111122223333:role/audit\ncredential_source = Ec2InstanceMetadata\n");
  FakeSts sts;
  auto options = env.options();
  options.profile = "audit";
  options.make_sts_client = sts.factory();
  auto provider = resolve_credentials(options);
  ASSERT_TRUE(provider) << provider.error().describe();
  ASSERT_TRUE((*provider)->credentials());
  ASSERT_EQ(sts.calls().size(), 1u);
  EXPECT_EQ(sts.calls()[0].signed_with, "ASIAINSTANCE00000001");
}

}  // namespace
}  // namespace trailguard::aws
