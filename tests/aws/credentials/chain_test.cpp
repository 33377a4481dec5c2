// The chain's order and the static sources: environment, shared credentials file, config file,
// profile selection, and the errors for profiles it cannot or will not use. No network: STS is a
// fake where a role is involved, instance metadata is disabled.
#include <gtest/gtest.h>

#include "aws/credentials/resolve_credentials.hpp"
#include "fake_sts.hpp"
#include "test_env.hpp"

namespace trailguard::aws {
namespace {

using testing::FakeSts;
using testing::TestEnv;

Credentials must_resolve(const CredentialsOptions& options, std::string* description = nullptr) {
  auto provider = resolve_credentials(options);
  EXPECT_TRUE(provider) << provider.error().describe();
  if (!provider) return {};
  if (description != nullptr) *description = (*provider)->description();
  auto credentials = (*provider)->credentials();
  EXPECT_TRUE(credentials) << credentials.error().describe();
  return credentials ? *credentials : Credentials{};
}

Error must_fail(const CredentialsOptions& options) {
  auto provider = resolve_credentials(options);
  EXPECT_FALSE(provider) << "resolved to " << (*provider)->description();
  return provider ? Error{} : provider.error();
}

TEST(CredentialsChain, EnvironmentKeysWithoutSessionToken) {
  TestEnv env;
  env.vars["AWS_ACCESS_KEY_ID"] = "AKIAENVKEY0000000001";
  env.vars["AWS_SECRET_ACCESS_KEY"] = "env-secret";
  std::string description;
  const Credentials credentials = must_resolve(env.options(), &description);
  EXPECT_EQ(credentials.access_key_id, "AKIAENVKEY0000000001");
  EXPECT_EQ(credentials.secret_access_key, "env-secret");
  EXPECT_FALSE(credentials.has_session_token());
  EXPECT_EQ(description, "environment variables");
}

TEST(CredentialsChain, EnvironmentKeysWithSessionToken) {
  TestEnv env;
  env.vars["AWS_ACCESS_KEY_ID"] = "ASIAENVKEY0000000001";
  env.vars["AWS_SECRET_ACCESS_KEY"] = "env-secret";
  env.vars["AWS_SESSION_TOKEN"] = "env-session-token";
  std::string description;
  EXPECT_EQ(must_resolve(env.options(), &description).session_token, "env-session-token");
  EXPECT_EQ(description, "environment variables (with a session token)");
  EXPECT_EQ(description.find("env-s"), std::string::npos);

  // botocore reads the older AWS_SECURITY_TOKEN first.
  env.vars["AWS_SECURITY_TOKEN"] = "env-security-token";
  EXPECT_EQ(must_resolve(env.options()).session_token, "env-security-token");
}

TEST(CredentialsChain, EnvironmentKeyWithoutSecretIsAnError) {
  TestEnv env;
  env.vars["AWS_ACCESS_KEY_ID"] = "AKIAENVKEY0000000001";
  env.credentials("[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = file-secret\n");
  const Error error = must_fail(env.options());
  EXPECT_EQ(error.code, "PartialCredentials");
  EXPECT_NE(error.message.find("AWS_SECRET_ACCESS_KEY"), std::string::npos) << error.message;
}

TEST(CredentialsChain, ExpiredEnvironmentCredentialsAreRefused) {
  TestEnv env;
  env.vars["AWS_ACCESS_KEY_ID"] = "ASIAENVKEY0000000001";
  env.vars["AWS_SECRET_ACCESS_KEY"] = "env-secret";
  env.vars["AWS_SESSION_TOKEN"] = "env-session-token";
  env.vars["AWS_CREDENTIAL_EXPIRATION"] = "2020-01-01T00:00:00Z";
  auto provider = resolve_credentials(env.options());
  ASSERT_TRUE(provider) << provider.error().describe();
  auto credentials = (*provider)->credentials();
  ASSERT_FALSE(credentials);
  EXPECT_EQ(credentials.error().code, "ExpiredCredentials");
}

TEST(CredentialsChain, EnvironmentBeatsSharedFiles) {
  TestEnv env;
  env.vars["AWS_ACCESS_KEY_ID"] = "AKIAENVKEY0000000001";
  env.vars["AWS_SECRET_ACCESS_KEY"] = "env-secret";
  env.credentials("[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = file-secret\n");
  EXPECT_EQ(must_resolve(env.options()).access_key_id, "AKIAENVKEY0000000001");
}

TEST(CredentialsChain, ExplicitProfileSkipsEnvironmentKeys) {
  TestEnv env;
  env.vars["AWS_ACCESS_KEY_ID"] = "AKIAENVKEY0000000001";
  env.vars["AWS_SECRET_ACCESS_KEY"] = "env-secret";
  env.credentials("[audit]\naws_access_key_id = AKIAAUDIT\naws_secret_access_key = audit-secret\n");
  auto options = env.options();
  options.profile = "audit";
  std::string description;
  EXPECT_EQ(must_resolve(options, &description).access_key_id, "AKIAAUDIT");
  EXPECT_NE(description.find("profile 'audit'"), std::string::npos) << description;
}

TEST(CredentialsChain, ExplicitProfileWithoutKeysDoesNotFallBackToEnvironment) {
  TestEnv env;
  env.vars["AWS_ACCESS_KEY_ID"] = "AKIAENVKEY0000000001";
  env.vars["AWS_SECRET_ACCESS_KEY"] = "env-secret";
  env.config("[profile audit]\nregion = eu-west-1\n");
  auto options = env.options();
  options.profile = "audit";
  const Error error = must_fail(options);
  EXPECT_EQ(error.code, "NoCredentials");
  EXPECT_NE(error.message.find("skipped because --profile"), std::string::npos) << error.message;
}

// The AWS CLI skips environment keys only for --profile; AWS_PROFILE selects the profile for
// everything else but the keys in the environment still win (measured: `aws configure list`).
TEST(CredentialsChain, AwsProfileVariableDoesNotSkipEnvironmentKeys) {
  TestEnv env;
  env.vars["AWS_PROFILE"] = "audit";
  env.vars["AWS_ACCESS_KEY_ID"] = "AKIAENVKEY0000000001";
  env.vars["AWS_SECRET_ACCESS_KEY"] = "env-secret";
  env.credentials("[audit]\naws_access_key_id = AKIAAUDIT\naws_secret_access_key = audit-secret\n");
  EXPECT_EQ(must_resolve(env.options()).access_key_id, "AKIAENVKEY0000000001");
}

TEST(CredentialsChain, ProfileComesFromOptionThenAwsProfileThenAwsDefaultProfile) {
  TestEnv env;
  env.credentials(
      "[a]\naws_access_key_id = AKIAA\naws_secret_access_key = a\n"
      "[b]\naws_access_key_id = AKIAB\naws_secret_access_key = b\n"
      "[c]\naws_access_key_id = AKIAC\naws_secret_access_key = c\n"
      "[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = d\n");
  EXPECT_EQ(resolve_profile_name(env.options()), "default");
  EXPECT_EQ(must_resolve(env.options()).access_key_id, "AKIADEFAULT");
  env.vars["AWS_DEFAULT_PROFILE"] = "c";
  EXPECT_EQ(must_resolve(env.options()).access_key_id, "AKIAC");
  env.vars["AWS_PROFILE"] = "b";
  EXPECT_EQ(must_resolve(env.options()).access_key_id, "AKIAB");
  auto options = env.options();
  options.profile = "a";
  EXPECT_EQ(must_resolve(options).access_key_id, "AKIAA");
}

TEST(CredentialsChain, SharedCredentialsFile) {
  TestEnv env;
  const std::string token(1200, 'T');  // real session tokens are long; inih would cut this line
  env.credentials("# keys\n[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = file-secret\n"
                  "aws_session_token = " + token + "\n");
  std::string description;
  const Credentials credentials = must_resolve(env.options(), &description);
  EXPECT_EQ(credentials.access_key_id, "AKIAFILE");
  EXPECT_EQ(credentials.secret_access_key, "file-secret");
  EXPECT_EQ(credentials.session_token, token);
  EXPECT_EQ(description, "shared credentials file " + (env.dir.path() / "credentials").string() + ", profile 'default'");
}

TEST(CredentialsChain, SharedCredentialsFilePathExpandsHome) {
  TestEnv env;
  env.dir.write("elsewhere", "[default]\naws_access_key_id = AKIAHOME\naws_secret_access_key = s\n");
  env.vars["AWS_SHARED_CREDENTIALS_FILE"] = "~/elsewhere";
  EXPECT_EQ(must_resolve(env.options()).access_key_id, "AKIAHOME");
}

TEST(CredentialsChain, ConfigFileProfileSectionsNeedThePrefix) {
  TestEnv env;
  env.config(
      "[default]\naws_access_key_id = AKIACONFIGDEFAULT\naws_secret_access_key = s\n"
      "[profile dev]\naws_access_key_id = AKIACONFIGDEV\naws_secret_access_key = s\n"
      "[ops]\naws_access_key_id = AKIANOTAPROFILE\naws_secret_access_key = s\n");
  std::string description;
  EXPECT_EQ(must_resolve(env.options(), &description).access_key_id, "AKIACONFIGDEFAULT");
  EXPECT_EQ(description, "config file " + (env.dir.path() / "config").string() + ", profile 'default'");

  auto options = env.options();
  options.profile = "dev";
  EXPECT_EQ(must_resolve(options).access_key_id, "AKIACONFIGDEV");

  options.profile = "ops";  // "[ops]" in the config file is not a profile
  EXPECT_EQ(must_fail(options).code, "ProfileNotFound");
}

TEST(CredentialsChain, CredentialsFileSectionsHaveNoPrefix) {
  TestEnv env;
  env.credentials("[profile dev]\naws_access_key_id = AKIAPREFIXED\naws_secret_access_key = s\n");
  auto options = env.options();
  options.profile = "dev";
  EXPECT_EQ(must_fail(options).code, "ProfileNotFound");
  options.profile = "profile dev";
  EXPECT_EQ(must_resolve(options).access_key_id, "AKIAPREFIXED");
}

TEST(CredentialsChain, CredentialsFileBeatsConfigFile) {
  TestEnv env;
  env.config("[profile dev]\naws_access_key_id = AKIACONFIG\naws_secret_access_key = s\n");
  env.credentials("[dev]\naws_access_key_id = AKIACREDENTIALS\naws_secret_access_key = s\n");
  auto options = env.options();
  options.profile = "dev";
  EXPECT_EQ(must_resolve(options).access_key_id, "AKIACREDENTIALS");
}

TEST(CredentialsChain, CredentialProcessComesBetweenTheTwoFiles) {
  TestEnv env;
  env.dir.write("creds.sh", "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"AKIAPROCESS\", \"SecretAccessKey\": \"p\"}'\n",
                true);
  env.config("[profile dev]\naws_access_key_id = AKIACONFIG\naws_secret_access_key = s\ncredential_process = " +
             (env.dir.path() / "creds.sh").string() + "\n");
  auto options = env.options();
  options.profile = "dev";
  EXPECT_EQ(must_resolve(options).access_key_id, "AKIAPROCESS");  // process before config-file keys
  env.credentials("[dev]\naws_access_key_id = AKIACREDENTIALS\naws_secret_access_key = s\n");
  options = env.options();
  options.profile = "dev";
  EXPECT_EQ(must_resolve(options).access_key_id, "AKIACREDENTIALS");  // credentials file before process
}

TEST(CredentialsChain, NamedProfileThatDoesNotExistIsAnError) {
  TestEnv env;
  env.vars["AWS_PROFILE"] = "missing";
  env.vars["AWS_ACCESS_KEY_ID"] = "AKIAENVKEY0000000001";  // the AWS CLI fails here too
  env.vars["AWS_SECRET_ACCESS_KEY"] = "env-secret";
  const Error error = must_fail(env.options());
  EXPECT_EQ(error.kind, ErrorKind::not_found);
  EXPECT_EQ(error.code, "ProfileNotFound");
  EXPECT_EQ(error.where, "profile 'missing'");
}

TEST(CredentialsChain, NoCredentialsErrorListsWhereItLooked) {
  TestEnv env;
  env.config("[default]\nregion = eu-west-1\n");
  const Error error = must_fail(env.options());
  EXPECT_EQ(error.kind, ErrorKind::not_found);
  EXPECT_EQ(error.code, "NoCredentials");
  for (const char* place : {"AWS_ACCESS_KEY_ID is not set", "role_arn", "web_identity_token_file",
                            "shared credentials file", "no such file", "credential_process", "config file",
                            "has no aws_access_key_id", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
                            "disabled by AWS_EC2_METADATA_DISABLED"}) {
    EXPECT_NE(error.message.find(place), std::string::npos) << place << " missing from: " << error.message;
  }
}

TEST(CredentialsChain, PartialKeysInAFileAreAnError) {
  TestEnv env;
  env.credentials("[default]\naws_access_key_id = AKIAFILE\n");
  const Error error = must_fail(env.options());
  EXPECT_EQ(error.code, "PartialCredentials");
  EXPECT_NE(error.where.find("profile 'default'"), std::string::npos);
}

TEST(CredentialsChain, InvalidSharedFileIsAnErrorNamingTheLine) {
  TestEnv env;
  env.credentials("[default]\naws_access_key_id = A\n[default]\naws_secret_access_key = s\n");
  const Error error = must_fail(env.options());
  EXPECT_EQ(error.kind, ErrorKind::malformed_input);
  EXPECT_EQ(error.where, (env.dir.path() / "credentials").string() + ":3");
}

TEST(CredentialsChain, SsoProfileIsRefusedNotSkipped) {
  TestEnv env;
  env.config("[profile corp]\nsso_session = my-sso\nsso_account_id = 111122223333\nsso_role_name = Audit\n"
             "[sso-session my-sso]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n");
  env.credentials("[corp]\naws_access_key_id = AKIAFILE\naws_secret_access_key = s\n");  // botocore: SSO comes first
  auto options = env.options();
  options.profile = "corp";
  const Error error = must_fail(options);
  EXPECT_EQ(error.code, "Unsupported");
  EXPECT_EQ(error.where, "profile 'corp'");
  EXPECT_NE(error.message.find("IAM Identity Center"), std::string::npos) << error.message;
  EXPECT_NE(error.message.find("export-credentials --profile corp"), std::string::npos) << error.message;
}

TEST(CredentialsChain, LoginProfileIsRefused) {
  TestEnv env;
  env.config("[profile console]\nlogin_session = arn:aws:iam::111122223333:user/me\n");
  auto options = env.options();
  options.profile = "console";
  const Error error = must_fail(options);
  EXPECT_EQ(error.code, "Unsupported");
  EXPECT_NE(error.message.find("login_session"), std::string::npos) << error.message;
}

TEST(CredentialsChain, WebIdentityWithoutRoleArnIsAnError) {
  TestEnv env;
  env.vars["AWS_WEB_IDENTITY_TOKEN_FILE"] = env.dir.write("token", "jwt").string();
  const Error error = must_fail(env.options());
  EXPECT_EQ(error.code, "InvalidConfig");
  EXPECT_NE(error.message.find("AWS_ROLE_ARN"), std::string::npos) << error.message;
}

TEST(CredentialsChain, ExplicitProfileIgnoresWebIdentityEnvironment) {
  TestEnv env;
  env.vars["AWS_WEB_IDENTITY_TOKEN_FILE"] = env.dir.write("token", "jwt").string();
  env.vars["AWS_ROLE_ARN"] = "arn:aws:iam::111122223333:role/web";
  env.credentials("[audit]\naws_access_key_id = AKIAAUDIT\naws_secret_access_key = s\n");
  auto options = env.options();
  options.profile = "audit";
  EXPECT_EQ(must_resolve(options).access_key_id, "AKIAAUDIT");
}

TEST(CredentialsChain, RegionComesFromOptionEnvironmentProfileOrDefault) {
  TestEnv env;
  env.config("[default]\nregion = eu-central-1\n[profile other]\nregion = ap-south-1\n");
  EXPECT_EQ(*resolve_region(env.options()), "eu-central-1");
  env.vars["AWS_PROFILE"] = "other";
  EXPECT_EQ(*resolve_region(env.options()), "ap-south-1");
  env.vars["AWS_DEFAULT_REGION"] = "eu-west-3";
  EXPECT_EQ(*resolve_region(env.options()), "eu-west-3");
  env.vars["AWS_REGION"] = "eu-north-1";
  EXPECT_EQ(*resolve_region(env.options()), "eu-north-1");
  auto options = env.options();
  options.region = "sa-east-1";
  EXPECT_EQ(*resolve_region(options), "sa-east-1");
  TestEnv bare;
  EXPECT_EQ(*resolve_region(bare.options()), "us-east-1");
}

// Role settings are validated while resolving, before any STS call.
class CredentialsRoleConfig : public ::testing::Test {
 protected:
  CredentialsOptions options_for(const std::string& profile) {
    auto options = env.options();
    options.profile = profile;
    options.make_sts_client = sts.factory();
    return options;
  }
  TestEnv env;
  FakeSts sts;
};

TEST_F(CredentialsRoleConfig, SourceProfileCycleIsDetected) {
  env.config(
      "[profile a]\nrole_arn = arn:aws:iam::111111111111:role/a\nsource_profile = b\n"
      "[profile b]\nrole_arn = arn:aws:iam::222222222222:role/b\nsource_profile = c\n"
      "[profile c]\nrole_arn = arn:aws:iam::333333333333:role/c\nsource_profile = a\n");
  const Error error = must_fail(options_for("a"));
  EXPECT_EQ(error.code, "InvalidConfig");
  EXPECT_NE(error.message.find("cycle: 'a' -> 'b' -> 'c' -> 'a'"), std::string::npos) << error.message;
  EXPECT_TRUE(sts.calls().empty());
}

TEST_F(CredentialsRoleConfig, ProfileWithoutKeysNamingItselfIsACycle) {
  env.config("[profile a]\nrole_arn = arn:aws:iam::111111111111:role/a\nsource_profile = a\n");
  EXPECT_EQ(must_fail(options_for("a")).code, "InvalidConfig");
}

TEST_F(CredentialsRoleConfig, ProfileWithKeysMayNameItselfAsSource) {
  env.config("[profile a]\nrole_arn = arn:aws:iam::111111111111:role/a\nsource_profile = a\n");
  env.credentials("[a]\naws_access_key_id = AKIASELF\naws_secret_access_key = s\n");
  std::string description;
  EXPECT_EQ(must_resolve(options_for("a"), &description).access_key_id, "ASIAFAKE1");
  ASSERT_EQ(sts.calls().size(), 1u);
  EXPECT_EQ(sts.calls()[0].signed_with, "AKIASELF");
  EXPECT_NE(description.find("role arn:aws:iam::111111111111:role/a"), std::string::npos) << description;
}

TEST_F(CredentialsRoleConfig, SourceProfileAndCredentialSourceTogetherAreRefused) {
  env.config("[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\ncredential_source = Environment\n"
             "[profile b]\naws_access_key_id = AKIAB\naws_secret_access_key = s\n");
  EXPECT_NE(must_fail(options_for("a")).message.find("both source_profile and credential_source"), std::string::npos);
}

TEST_F(CredentialsRoleConfig, RoleWithoutASourceIsRefused) {
  env.config("[profile a]\nrole_arn = arn:aws:iam::1:role/a\n");
  EXPECT_NE(must_fail(options_for("a")).message.find("neither source_profile nor credential_source"), std::string::npos);
}

TEST_F(CredentialsRoleConfig, UnknownCredentialSourceIsRefused) {
  env.config("[profile a]\nrole_arn = arn:aws:iam::1:role/a\ncredential_source = environment\n");  // case matters
  EXPECT_NE(must_fail(options_for("a")).message.find("credential_source 'environment' is not valid"), std::string::npos);
}

TEST_F(CredentialsRoleConfig, MissingSourceProfileIsRefused) {
  env.config("[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = nowhere\n");
  EXPECT_NE(must_fail(options_for("a")).message.find("source_profile 'nowhere' does not exist"), std::string::npos);
}

TEST_F(CredentialsRoleConfig, SourceProfileWithoutCredentialsIsRefused) {
  env.config("[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n[profile b]\nregion = us-east-1\n");
  const Error error = must_fail(options_for("a"));
  EXPECT_EQ(error.where, "profile 'b'");
  EXPECT_NE(error.message.find("has no credentials"), std::string::npos) << error.message;
}

TEST_F(CredentialsRoleConfig, MfaSerialIsNotSupported) {
  env.config("[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\nmfa_serial = arn:aws:iam::1:mfa/me\n"
             "[profile b]\naws_access_key_id = AKIAB\naws_secret_access_key = s\n");
  const Error error = must_fail(options_for("a"));
  EXPECT_EQ(error.code, "Unsupported");
  EXPECT_NE(error.message.find("mfa_serial"), std::string::npos) << error.message;
}

TEST_F(CredentialsRoleConfig, RoleSettingsArePassedToStsAndSourceKeysSignIt) {
  env.config("[profile a]\nrole_arn = arn:aws:iam::111111111111:role/a\nsource_profile = b\nexternal_id = ext-42\n"
             "duration_seconds = 900\nrole_session_name = audit-run\n"
             "[profile b]\naws_access_key_id = AKIAB\naws_secret_access_key = s\n");
  must_resolve(options_for("a"));
  ASSERT_EQ(sts.calls().size(), 1u);
  const ApiCall call = sts.calls()[0].call;
  EXPECT_EQ(call.operation, "AssumeRole");
  EXPECT_EQ(call.service, "sts");
  EXPECT_EQ(call.protocol, Protocol::query);
  EXPECT_EQ(call.api_version, "2011-06-15");
  EXPECT_EQ(testing::param(call, "RoleArn"), "arn:aws:iam::111111111111:role/a");
  EXPECT_EQ(testing::param(call, "ExternalId"), "ext-42");
  EXPECT_EQ(testing::param(call, "DurationSeconds"), "900");
  EXPECT_EQ(testing::param(call, "RoleSessionName"), "audit-run");
  EXPECT_EQ(sts.calls()[0].signed_with, "AKIAB");
}

TEST_F(CredentialsRoleConfig, DefaultSessionNameSaysTrailguardAndRegionIsTheProfiles) {
  env.config("[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\nregion = eu-west-2\n"
             "[profile b]\naws_access_key_id = AKIAB\naws_secret_access_key = s\n");
  must_resolve(options_for("a"));
  ASSERT_EQ(sts.calls().size(), 1u);
  EXPECT_EQ(testing::param(sts.calls()[0].call, "RoleSessionName").rfind("trailguard-", 0), 0u);
  EXPECT_EQ(testing::param(sts.calls()[0].call, "ExternalId"), "");
  EXPECT_EQ(sts.calls()[0].call.region, "eu-west-2");
}

TEST_F(CredentialsRoleConfig, CredentialSourceEnvironmentSignsWithEnvironmentKeys) {
  env.vars["AWS_ACCESS_KEY_ID"] = "AKIAENVKEY0000000001";
  env.vars["AWS_SECRET_ACCESS_KEY"] = "env-secret";
  env.config("[profile a]\nrole_arn = arn:aws:iam::1:role/a\ncredential_source = Environment\n");
  // --profile skips the environment as a source of the chain, not as a credential_source.
  std::string description;
  EXPECT_EQ(must_resolve(options_for("a"), &description).access_key_id, "ASIAFAKE1");
  ASSERT_EQ(sts.calls().size(), 1u);
  EXPECT_EQ(sts.calls()[0].signed_with, "AKIAENVKEY0000000001");
  EXPECT_NE(description.find("assumed with environment variables"), std::string::npos) << description;
}

TEST_F(CredentialsRoleConfig, CredentialSourceWithNothingThereIsAnError) {
  env.config("[profile a]\nrole_arn = arn:aws:iam::1:role/a\ncredential_source = EcsContainer\n");
  const Error error = must_fail(options_for("a"));
  EXPECT_EQ(error.code, "NoCredentials");
  EXPECT_NE(error.message.find("credential_source EcsContainer"), std::string::npos) << error.message;
}

TEST_F(CredentialsRoleConfig, SecondCallUsesTheCachedRole) {
  env.config("[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n"
             "[profile b]\naws_access_key_id = AKIAB\naws_secret_access_key = s\n");
  auto provider = resolve_credentials(options_for("a"));
  ASSERT_TRUE(provider) << provider.error().describe();
  EXPECT_TRUE(sts.calls().empty()) << "STS is called on first use, not while resolving";
  ASSERT_TRUE((*provider)->credentials());
  ASSERT_TRUE((*provider)->credentials());
  EXPECT_EQ(sts.calls().size(), 1u);
}

TEST_F(CredentialsRoleConfig, DescriptionsNeverHoldSecrets) {
  env.config("[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n"
             "[profile b]\naws_access_key_id = AKIAB\naws_secret_access_key = very-secret-value\n"
             "aws_session_token = very-secret-token\n");
  auto provider = resolve_credentials(options_for("a"));
  ASSERT_TRUE(provider) << provider.error().describe();
  const std::string description = (*provider)->description();
  EXPECT_EQ(description.find("very-secret"), std::string::npos) << description;
  EXPECT_EQ(description.find("fake-"), std::string::npos) << description;
}

}  // namespace
}  // namespace trailguard::aws
