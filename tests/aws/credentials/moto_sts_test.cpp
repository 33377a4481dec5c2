// The STS-backed providers against a real moto_server on 127.0.0.1 (tests/support/moto_server.hpp):
// AssumeRole from source_profile (also chained) and credential_source, AssumeRoleWithWebIdentity from
// the environment and from a profile. GetCallerIdentity with the credentials obtained must report the
// role's account; moto's request recorder shows what was sent (ExternalId, signatures, how often).
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "aws/aws_client.hpp"
#include "aws/credentials/resolve_credentials.hpp"
#include "aws/credentials/static_provider.hpp"
#include "support/moto_server.hpp"
#include "test_env.hpp"

namespace trailguard::aws {
namespace {

using testing::TestEnv;
using Json = nlohmann::json;

std::string xml_text(const std::string& xml, const std::string& tag) {
  const auto start = xml.find("<" + tag + ">");
  if (start == std::string::npos) return {};
  const auto from = start + tag.size() + 2;
  return xml.substr(from, xml.find("</" + tag + ">", from) - from);
}

std::string base64_decode(const std::string& in) {
  static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int value = 0, bits = -8;
  for (char c : in) {
    const auto index = alphabet.find(c);
    if (index == std::string::npos) break;
    value = (value << 6) + static_cast<int>(index);
    bits += 6;
    if (bits >= 0) {
      out.push_back(static_cast<char>((value >> bits) & 0xFF));
      bits -= 8;
    }
  }
  return out;
}

struct Recorded {
  std::string authorization;
  std::string body;
};

class CredentialsMotoSts : public ::testing::Test {
 protected:
  // moto's recorder appends to ./moto_recording (MOTO_RECORDER_FILEPATH) in the server's working
  // directory, shared by every server started there: start ours in the test's own directory.
  void SetUp() override {
    const auto cwd = std::filesystem::current_path();
    std::filesystem::current_path(env.dir.path());
    moto_ = std::make_unique<test_support::MotoServer>();
    std::filesystem::current_path(cwd);
    moto_->request("POST", "/moto-api/recorder/start-recording");
  }

  CredentialsOptions options() {
    auto options = env.options();
    options.sts_config.endpoints.endpoint_url = moto_->url();
    options.sts_transport = transport;
    options.stats = stats;
    return options;
  }

  // Who moto says the credentials belong to.
  std::pair<std::string, std::string> caller_identity(const Credentials& credentials) {
    ClientConfig config;
    config.endpoints.endpoint_url = moto_->url();
    auto client = make_aws_client(config, std::make_shared<StaticProvider>(credentials, "test"), transport,
                                  std::make_shared<CallStats>());
    ApiCall call{"sts", "us-east-1", "GetCallerIdentity", Protocol::query, "", "{}", "/", "2011-06-15", {}};
    auto answer = client->call(call);
    EXPECT_TRUE(answer) << answer.error().describe();
    if (!answer) return {};
    return {xml_text(answer->body, "Account"), xml_text(answer->body, "Arn")};
  }

  // The STS requests moto recorded whose body has this Action.
  std::vector<Recorded> recorded(const std::string& action) {
    const auto reply = moto_->request("GET", "/moto-api/recorder/download-recording");
    std::vector<Recorded> out;
    if (reply.status != 200) return out;  // nothing recorded yet: moto has no file and answers 500
    std::size_t start = 0;
    while (start < reply.body.size()) {
      auto end = reply.body.find('\n', start);
      if (end == std::string::npos) end = reply.body.size();
      const std::string line = reply.body.substr(start, end - start);
      start = end + 1;
      if (line.empty()) continue;
      const Json entry = Json::parse(line);
      std::string body = entry.value("body", "");
      if (entry.value("body_encoded", false)) body = base64_decode(body);
      if (body.find("Action=" + action + "&") == std::string::npos) continue;
      const Json& headers = entry["headers"];
      out.push_back({headers.contains("Authorization") ? headers["Authorization"].get<std::string>() : "", body});
    }
    return out;
  }

  int stat_calls(const std::string& operation) {
    const auto snapshot = stats->snapshot();
    const auto it = snapshot.find(operation);
    return it == snapshot.end() ? 0 : it->second.calls;
  }

  TestEnv env;
  std::unique_ptr<test_support::MotoServer> moto_;
  std::shared_ptr<HttpTransport> transport = make_curl_transport(TransportOptions{});
  std::shared_ptr<CallStats> stats = std::make_shared<CallStats>();
};

TEST_F(CredentialsMotoSts, SourceProfileAssumesTheRoleOnce) {
  env.config("[profile audit]\nrole_arn = arn:aws:iam::111122223333:role/Audit\nsource_profile = base\n"
             "external_id = ext-123\nregion = eu-west-2\n");
  env.credentials("[base]\naws_access_key_id = AKIABASEKEY000000001\naws_secret_access_key = base-secret\n");
  auto opts = options();
  opts.profile = "audit";
  auto provider = resolve_credentials(opts);
  ASSERT_TRUE(provider) << provider.error().describe();
  EXPECT_EQ((*provider)->description(),
            "profile 'audit' (role arn:aws:iam::111122223333:role/Audit, assumed with shared credentials file " +
                (env.dir.path() / "credentials").string() + ", profile 'base')");
  EXPECT_EQ(stat_calls("sts.AssumeRole"), 0) << "no STS call while resolving";

  auto first = (*provider)->credentials();
  ASSERT_TRUE(first) << first.error().describe();
  EXPECT_EQ(first->access_key_id.rfind("ASIA", 0), 0u) << first->access_key_id;
  EXPECT_TRUE(first->has_session_token());
  auto second = (*provider)->credentials();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->access_key_id, first->access_key_id);
  EXPECT_EQ(stat_calls("sts.AssumeRole"), 1) << "the second credentials() comes from the cache";

  const auto [account, arn] = caller_identity(*first);
  EXPECT_EQ(account, "111122223333");
  EXPECT_EQ(arn.rfind("arn:aws:sts::111122223333:assumed-role/Audit/trailguard-", 0), 0u) << arn;

  const auto calls = recorded("AssumeRole");
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_NE(calls[0].body.find("ExternalId=ext-123"), std::string::npos) << calls[0].body;
  EXPECT_NE(calls[0].body.find("RoleSessionName=trailguard-"), std::string::npos) << calls[0].body;
  // Signed by the source profile's key, in the profile's region (the regional STS endpoint's scope).
  EXPECT_NE(calls[0].authorization.find("Credential=AKIABASEKEY000000001/"), std::string::npos) << calls[0].authorization;
  EXPECT_NE(calls[0].authorization.find("/eu-west-2/sts/aws4_request"), std::string::npos) << calls[0].authorization;
}

TEST_F(CredentialsMotoSts, ChainedRolesEachSignTheNext) {
  env.config(
      "[profile target]\nrole_arn = arn:aws:iam::222222222222:role/Target\nsource_profile = hop\n"
      "role_session_name = audit-target\n"
      "[profile hop]\nrole_arn = arn:aws:iam::111111111111:role/Hop\nsource_profile = base\n"
      "[profile base]\naws_access_key_id = AKIABASEKEY000000001\naws_secret_access_key = base-secret\n");
  auto opts = options();
  opts.profile = "target";
  auto provider = resolve_credentials(opts);
  ASSERT_TRUE(provider) << provider.error().describe();
  auto credentials = (*provider)->credentials();
  ASSERT_TRUE(credentials) << credentials.error().describe();
  const auto [account, arn] = caller_identity(*credentials);
  EXPECT_EQ(account, "222222222222");
  EXPECT_EQ(arn, "arn:aws:sts::222222222222:assumed-role/Target/audit-target");

  const auto calls = recorded("AssumeRole");
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_NE(calls[0].body.find("Hop"), std::string::npos);
  EXPECT_NE(calls[0].authorization.find("Credential=AKIABASEKEY000000001/"), std::string::npos);
  EXPECT_NE(calls[1].body.find("Target"), std::string::npos);
  EXPECT_NE(calls[1].authorization.find("Credential=ASIA"), std::string::npos) << "signed with the hop role's keys";
  EXPECT_EQ(calls[1].body.find("ExternalId"), std::string::npos);
  ASSERT_TRUE((*provider)->credentials());
  EXPECT_EQ(recorded("AssumeRole").size(), 2u);
}

TEST_F(CredentialsMotoSts, CredentialSourceEnvironment) {
  env.vars["AWS_ACCESS_KEY_ID"] = "AKIAENVKEY0000000001";
  env.vars["AWS_SECRET_ACCESS_KEY"] = "env-secret";
  env.config("[profile audit]\nrole_arn = arn:aws:iam::333333333333:role/FromEnv\ncredential_source = Environment\n");
  auto opts = options();
  opts.profile = "audit";
  auto provider = resolve_credentials(opts);
  ASSERT_TRUE(provider) << provider.error().describe();
  auto credentials = (*provider)->credentials();
  ASSERT_TRUE(credentials) << credentials.error().describe();
  EXPECT_EQ(caller_identity(*credentials).first, "333333333333");
  const auto calls = recorded("AssumeRole");
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_NE(calls[0].authorization.find("Credential=AKIAENVKEY0000000001/"), std::string::npos);
}

TEST_F(CredentialsMotoSts, WebIdentityFromEnvironmentIsSentUnsigned) {
  env.vars["AWS_WEB_IDENTITY_TOKEN_FILE"] = env.dir.write("token", "eyJhbGciOi.fake.jwt").string();
  env.vars["AWS_ROLE_ARN"] = "arn:aws:iam::444444444444:role/Web";
  env.vars["AWS_ROLE_SESSION_NAME"] = "ci-run-7";
  auto provider = resolve_credentials(options());
  ASSERT_TRUE(provider) << provider.error().describe();
  EXPECT_EQ((*provider)->description(),
            "web identity (role arn:aws:iam::444444444444:role/Web, token file " + env.vars["AWS_WEB_IDENTITY_TOKEN_FILE"] +
                ")");
  auto credentials = (*provider)->credentials();
  ASSERT_TRUE(credentials) << credentials.error().describe();
  const auto [account, arn] = caller_identity(*credentials);
  EXPECT_EQ(account, "444444444444");
  EXPECT_EQ(arn, "arn:aws:sts::444444444444:assumed-role/Web/ci-run-7");
  ASSERT_TRUE((*provider)->credentials());
  const auto calls = recorded("AssumeRoleWithWebIdentity");
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].authorization, "") << "the token is the authentication; botocore does not sign";
  EXPECT_NE(calls[0].body.find("WebIdentityToken=eyJhbGciOi.fake.jwt"), std::string::npos) << calls[0].body;
  EXPECT_EQ(stat_calls("sts.AssumeRoleWithWebIdentity"), 1);
}

TEST_F(CredentialsMotoSts, WebIdentityFromProfile) {
  env.config("[profile ci]\nweb_identity_token_file = " + env.dir.write("token", "jwt").string() +
             "\nrole_arn = arn:aws:iam::555555555555:role/Ci\n");
  auto opts = options();
  opts.profile = "ci";
  auto provider = resolve_credentials(opts);
  ASSERT_TRUE(provider) << provider.error().describe();
  auto credentials = (*provider)->credentials();
  ASSERT_TRUE(credentials) << credentials.error().describe();
  const auto [account, arn] = caller_identity(*credentials);
  EXPECT_EQ(account, "555555555555");
  EXPECT_EQ(arn.rfind("arn:aws:sts::555555555555:assumed-role/Ci/trailguard-", 0), 0u) << arn;
}

TEST_F(CredentialsMotoSts, WebIdentityTokenFileThatIsGoneIsAnErrorOnUse) {
  env.vars["AWS_WEB_IDENTITY_TOKEN_FILE"] = (env.dir.path() / "no-token").string();
  env.vars["AWS_ROLE_ARN"] = "arn:aws:iam::444444444444:role/Web";
  auto provider = resolve_credentials(options());
  ASSERT_TRUE(provider) << provider.error().describe();
  auto credentials = (*provider)->credentials();
  ASSERT_FALSE(credentials);
  EXPECT_NE(credentials.error().message.find("cannot read the token"), std::string::npos) << credentials.error().describe();
  EXPECT_TRUE(recorded("AssumeRoleWithWebIdentity").empty());
}

TEST_F(CredentialsMotoSts, RefusedAssumeRoleNamesTheRoleAndProfile) {
  moto_->enable_auth();  // the source key is unknown to moto's IAM now
  env.config("[profile audit]\nrole_arn = arn:aws:iam::111122223333:role/Audit\nsource_profile = base\n");
  env.credentials("[base]\naws_access_key_id = AKIAUNKNOWNKEY000001\naws_secret_access_key = base-secret\n");
  auto opts = options();
  opts.profile = "audit";
  auto provider = resolve_credentials(opts);
  ASSERT_TRUE(provider) << provider.error().describe();
  auto credentials = (*provider)->credentials();
  ASSERT_FALSE(credentials);
  EXPECT_EQ(credentials.error().kind, ErrorKind::access_denied) << credentials.error().describe();
  EXPECT_EQ(credentials.error().code, "InvalidClientTokenId");
  EXPECT_NE(credentials.error().message.find("could not assume role arn:aws:iam::111122223333:role/Audit for profile 'audit'"),
            std::string::npos)
      << credentials.error().message;
  EXPECT_EQ(credentials.error().describe().find("base-secret"), std::string::npos);
}

}  // namespace
}  // namespace trailguard::aws
