#include "base/redact.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace trailguard {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(Redact, SigV4AuthorizationSignature) {
  const auto out = redact_secrets(
      "Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261124/us-east-1/cloudtrail/aws4_request, "
      "SignedHeaders=host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
  EXPECT_THAT(out, Not(HasSubstr("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7")));
  EXPECT_THAT(out, Not(HasSubstr("AKIAIOSFODNN7EXAMPLE")));
  EXPECT_THAT(out, HasSubstr("AKIAIOSF"));  // the kind of key stays visible
  EXPECT_THAT(out, HasSubstr("SignedHeaders=host;x-amz-date"));
}

TEST(Redact, PresignedQuerySignatureAndToken) {
  const auto out = redact_secrets("GET /?X-Amz-Signature=abcdef0123456789abcdef&X-Amz-Security-Token=IQoJb3JpZ2luX2VjEJr%2F");
  EXPECT_THAT(out, Not(HasSubstr("abcdef0123456789abcdef")));
  EXPECT_THAT(out, Not(HasSubstr("IQoJb3JpZ2luX2VjEJr")));
}

TEST(Redact, SessionTokenHeader) {
  EXPECT_THAT(redact_secrets("X-Amz-Security-Token: FwoGZXIvYXdzEBYaDHhBTEXAMPLE"), Not(HasSubstr("FwoGZXIvYXdzEBYaDHhBTEXAMPLE")));
}

TEST(Redact, CredentialsFileAndJsonForms) {
  const auto ini = redact_secrets("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\naws_session_token=tok123");
  EXPECT_THAT(ini, Not(HasSubstr("wJalrXUtnFEMI")));
  EXPECT_THAT(ini, Not(HasSubstr("tok123")));
  const auto json = redact_secrets(R"({"AccessKeyId":"ASIAXXXXEXAMPLE12345","SecretAccessKey":"abc/def+ghi","SessionToken":"zzz"})");
  EXPECT_THAT(json, Not(HasSubstr("abc/def+ghi")));
  EXPECT_THAT(json, Not(HasSubstr("\"zzz\"")));
  EXPECT_THAT(json, Not(HasSubstr("ASIAXXXXEXAMPLE12345")));
}

TEST(Redact, OrdinaryTextIsUntouched) {
  const std::string text = "DescribeTrails in eu-west-1 failed (AccessDenied): not authorized";
  EXPECT_EQ(redact_secrets(text), text);
}

}  // namespace
}  // namespace trailguard
