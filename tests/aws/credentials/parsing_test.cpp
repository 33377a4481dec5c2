// The small parsers under the providers: Expiration timestamps, credentials JSON, STS answers and
// errors, path expansion, and the INI rules botocore's tests would not show at a glance.
#include <gtest/gtest.h>

#include <chrono>

#include "aws/credentials/credentials_json.hpp"
#include "aws/credentials/environment.hpp"
#include "aws/credentials/ini_file.hpp"
#include "aws/credentials/sts.hpp"
#include "aws/credentials/timestamp.hpp"

namespace trailguard::aws {
namespace {

using namespace std::chrono;

sys_seconds at(int y, unsigned m, unsigned d, int hh, int mm, int ss) {
  return sys_days{year{y} / month{m} / day{d}} + hours{hh} + minutes{mm} + seconds{ss};
}

TEST(CredentialsTimestamp, FormsSeenFromStsImdsAndCredentialProcesses) {
  EXPECT_EQ(parse_timestamp("2026-11-24T16:36:16Z"), at(2026, 11, 24, 16, 36, 16));
  EXPECT_EQ(floor<seconds>(*parse_timestamp("2026-11-24T16:36:16.925989Z")), at(2026, 11, 24, 16, 36, 16));
  EXPECT_EQ(parse_timestamp("2026-11-24T18:36:16+02:00"), at(2026, 11, 24, 16, 36, 16));
  EXPECT_EQ(parse_timestamp("2026-11-24T14:06:16-0230"), at(2026, 11, 24, 16, 36, 16));
  EXPECT_EQ(parse_timestamp("2026-11-24 16:36:16"), at(2026, 11, 24, 16, 36, 16));
  for (const char* bad : {"", "2026-11-24", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-24T16:36:16Q",
                          "1700000000", "2026-11-24T16:36:16Z trailing", "2026-11-24T16:36:16."}) {
    EXPECT_FALSE(parse_timestamp(bad)) << bad;
  }
  EXPECT_EQ(format_timestamp(at(2026, 1, 2, 3, 4, 5)), "2026-01-02T03:04:05Z");
}

TEST(CredentialsJson, ProcessFormat) {
  auto parsed = parse_credentials_json(
      R"({"Version": 1, "AccessKeyId": "ASIA", "SecretAccessKey": "s", "SessionToken": "t", "Expiration": "2026-11-24T16:36:16Z"})",
      process_json_format(), "here");
  ASSERT_TRUE(parsed) << parsed.error().describe();
  EXPECT_EQ(parsed->credentials.session_token, "t");
  EXPECT_EQ(parsed->expiration, at(2026, 11, 24, 16, 36, 16));
  auto no_expiration =
      parse_credentials_json(R"({"Version": 1, "AccessKeyId": "AKIA", "SecretAccessKey": "s", "SessionToken": null})",
                             process_json_format(), "here");
  ASSERT_TRUE(no_expiration);
  EXPECT_FALSE(no_expiration->expiration);
  auto bad_time = parse_credentials_json(R"({"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "s", "Expiration": "soon"})",
                                         process_json_format(), "here");
  ASSERT_FALSE(bad_time);
  EXPECT_EQ(bad_time.error().where, "here");
  EXPECT_FALSE(parse_credentials_json(R"({"Version": 1, "AccessKeyId": 5, "SecretAccessKey": "s"})", process_json_format(), ""));
  EXPECT_FALSE(parse_credentials_json(R"([1])", process_json_format(), ""));
}

TEST(CredentialsJson, MetadataFormatNeedsTokenAndExpiration) {
  EXPECT_FALSE(parse_credentials_json(R"({"AccessKeyId": "A", "SecretAccessKey": "s", "Token": "t"})",
                                      metadata_json_format(), ""));
  EXPECT_TRUE(parse_credentials_json(
      R"({"AccessKeyId": "A", "SecretAccessKey": "s", "Token": "t", "Expiration": "2026-11-24T16:36:16Z"})",
      metadata_json_format(), ""));
}

TEST(CredentialsStsAnswer, AssumeRoleCredentialsAndArn) {
  const std::string xml =
      R"(<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>)"
      R"(<Credentials><AccessKeyId>ASIAX</AccessKeyId><SecretAccessKey>sec</SecretAccessKey>)"
      R"(<SessionToken>tok</SessionToken><Expiration>2026-11-24T16:36:16.925989Z</Expiration></Credentials>)"
      R"(<AssumedRoleUser><Arn>arn:aws:sts::1:assumed-role/r/s</Arn></AssumedRoleUser></AssumeRoleResult></AssumeRoleResponse>)";
  auto role = parse_assume_role_answer(xml, "AssumeRole", "sts");
  ASSERT_TRUE(role) << role.error().describe();
  EXPECT_EQ(role->credentials.credentials.access_key_id, "ASIAX");
  EXPECT_EQ(role->credentials.credentials.secret_access_key, "sec");
  EXPECT_EQ(role->credentials.credentials.session_token, "tok");
  EXPECT_EQ(role->assumed_role_arn, "arn:aws:sts::1:assumed-role/r/s");
  EXPECT_FALSE(parse_assume_role_answer(xml, "AssumeRoleWithWebIdentity", "sts"));
  EXPECT_FALSE(parse_assume_role_answer("not xml", "AssumeRole", "sts"));
}

TEST(CredentialsStsAnswer, ErrorDocumentGivesCodeAndKind) {
  const std::string xml =
      "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidIdentityToken</Code>"
      "<Message>No OpenIDConnect provider found</Message></Error><RequestId>1</RequestId></ErrorResponse>";
  const Error error = parse_sts_error(400, xml, "sts AssumeRoleWithWebIdentity in us-east-1");
  EXPECT_EQ(error.code, "InvalidIdentityToken");
  EXPECT_EQ(error.kind, ErrorKind::access_denied);
  EXPECT_NE(error.message.find("No OpenIDConnect provider found"), std::string::npos);
  EXPECT_EQ(parse_sts_error(503, "<html>", "sts").kind, ErrorKind::service);
  EXPECT_EQ(parse_sts_error(400, "<ErrorResponse><Error><Code>Throttling</Code></Error></ErrorResponse>", "sts").kind,
            ErrorKind::throttled);
}

TEST(CredentialsStsSessionName, SaysTrailguard) {
  EXPECT_EQ(default_session_name(system_clock::time_point{} + seconds{1700000000}), "trailguard-1700000000");
}

TEST(CredentialsExpandPath, VariablesThenHome) {
  const EnvLookup env = [](std::string_view name) -> std::optional<std::string> {
    if (name == "HOME") return "/home/u";
    if (name == "DIR") return "/data";
    return std::nullopt;
  };
  EXPECT_EQ(expand_path("~/.aws/config", env), "/home/u/.aws/config");
  EXPECT_EQ(expand_path("~", env), "/home/u");
  EXPECT_EQ(expand_path("$DIR/creds", env), "/data/creds");
  EXPECT_EQ(expand_path("${DIR}/creds", env), "/data/creds");
  EXPECT_EQ(expand_path("$UNSET/x", env), "$UNSET/x");
  EXPECT_EQ(expand_path("/a/~b", env), "/a/~b");
}

TEST(CredentialsIniFile, ErrorsNameFileAndLine) {
  auto parsed = parse_ini("[default]\nregion = x\nno delimiter here\n", "/tmp/config");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().where, "/tmp/config:3");
  EXPECT_EQ(parsed.error().kind, ErrorKind::malformed_input);
}

TEST(CredentialsIniFile, ByteOrderMarkIsSkipped) {
  auto parsed = parse_ini("\xEF\xBB\xBF[default]\nregion = x\n", "config");
  ASSERT_TRUE(parsed) << parsed.error().describe();
  ASSERT_EQ(parsed->sections.size(), 1u);
  EXPECT_EQ(parsed->sections[0].name, "default");
}

}  // namespace
}  // namespace trailguard::aws
