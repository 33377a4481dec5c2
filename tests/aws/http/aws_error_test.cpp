// Reading AWS error answers: JSON (both message spellings, '#' prefixes, the ErrorType header), XML in
// its three shapes, HTML pages; and the ErrorKind of each code.
#include <gtest/gtest.h>

#include "aws/http/aws_error.hpp"

namespace trailguard::aws {
namespace {

HttpResponse answer(long status, std::string body, std::vector<std::pair<std::string, std::string>> headers = {}) {
  return HttpResponse{status, std::move(headers), std::move(body)};
}

TEST(HttpAwsErrorJson, LowercaseMessageAsMotoSendsIt) {
  const auto details = parse_aws_error(answer(400, R"({"__type": "TrailNotFoundException", "message": "Unknown trail"})"));
  EXPECT_EQ(details.code, "TrailNotFoundException");
  EXPECT_EQ(details.message, "Unknown trail");
}

TEST(HttpAwsErrorJson, CapitalMessageAndPrefixedTypeAsAwsSendsIt) {
  const auto details = parse_aws_error(answer(
      400, R"({"__type":"com.amazonaws.cloudtrail.v20131101#TrailNotFoundException","Message":"Unknown trail"})"));
  EXPECT_EQ(details.code, "TrailNotFoundException");
  EXPECT_EQ(details.message, "Unknown trail");
}

TEST(HttpAwsErrorJson, TypeWithAColonSuffixAndLeadingWhitespace) {
  const auto details = parse_aws_error(answer(400, "\n  {\"__type\": \"ThrottlingException:http://internal.amazon.com/\"}"));
  EXPECT_EQ(details.code, "ThrottlingException");
  EXPECT_EQ(details.message, "");
}

TEST(HttpAwsErrorJson, CodeFieldAndErrorTypeHeader) {
  EXPECT_EQ(parse_aws_error(answer(400, R"({"code": "ValidationException", "message": "bad"})")).code,
            "ValidationException");
  const auto from_header = parse_aws_error(
      answer(404, R"({"message": "no such thing"})", {{"X-Amzn-ErrorType", "ResourceNotFoundException:http://x/"}}));
  EXPECT_EQ(from_header.code, "ResourceNotFoundException");
  EXPECT_EQ(from_header.message, "no such thing");
}

TEST(HttpAwsErrorJson, BrokenOrNonObjectJsonGivesNothing) {
  EXPECT_EQ(parse_aws_error(answer(400, R"({"__type": "Thrott)")).code, "");
  EXPECT_EQ(parse_aws_error(answer(400, R"(["__type"])")).code, "");
  EXPECT_EQ(parse_aws_error(answer(400, R"({"__type": 42, "message": ["x"]})")).code, "");
}

TEST(HttpAwsErrorXml, QueryProtocolErrorResponse) {
  const auto details = parse_aws_error(answer(
      400, R"(<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type>)"
           R"(<Code>InvalidClientTokenId</Code><Message>The security token is invalid.</Message></Error>)"
           R"(<RequestId>1</RequestId></ErrorResponse>)"));
  EXPECT_EQ(details.code, "InvalidClientTokenId");
  EXPECT_EQ(details.message, "The security token is invalid.");
}

TEST(HttpAwsErrorXml, Ec2Response) {
  const auto details = parse_aws_error(answer(
      403, R"(<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>UnauthorizedOperation</Code>)"
           R"(<Message>You are not authorized.</Message></Error></Errors><RequestID>x</RequestID></Response>)"));
  EXPECT_EQ(details.code, "UnauthorizedOperation");
  EXPECT_EQ(details.message, "You are not authorized.");
}

TEST(HttpAwsErrorXml, MotoAuthShapeAndS3Shape) {
  EXPECT_EQ(parse_aws_error(answer(403, R"(<?xml version="1.0" encoding="utf-8"?><ErrorResponse><Errors><Error>)"
                                        R"(<Code>SignatureDoesNotMatch</Code><Message>m</Message><Type>Sender</Type>)"
                                        R"(</Error></Errors></ErrorResponse>)"))
                .code,
            "SignatureDoesNotMatch");
  EXPECT_EQ(parse_aws_error(answer(404, "<Error><Code>NoSuchBucket</Code><Message>gone</Message></Error>")).code,
            "NoSuchBucket");
}

TEST(HttpAwsErrorHtml, MotoHtml500PageSaysOnlyStatusAndHost) {
  const HttpResponse page = answer(500,
                                   "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n"
                                   "<h1>Internal Server Error</h1>\n<p>The server encountered an internal error</p>\n",
                                   {{"Content-Type", "text/html; charset=utf-8"}});
  EXPECT_EQ(parse_aws_error(page).code, "");
  const Error error = make_aws_error(page, "127.0.0.1", "cloudtrail StartLogging in eu-west-1");
  EXPECT_EQ(error.kind, ErrorKind::service);
  EXPECT_EQ(error.message, "HTTP 500 from 127.0.0.1");
  EXPECT_EQ(error.code, "");
  EXPECT_EQ(error.where, "cloudtrail StartLogging in eu-west-1");
}

TEST(HttpAwsErrorHtml, EmptyAndPlainTextBodies) {
  EXPECT_EQ(make_aws_error(answer(503, ""), "h", "w").message, "HTTP 503 from h");
  EXPECT_EQ(make_aws_error(answer(502, "Bad Gateway"), "h", "w").message, "HTTP 502 from h");
  EXPECT_EQ(make_aws_error(answer(403, ""), "h", "w").kind, ErrorKind::access_denied);
}

TEST(HttpAwsError, MakeAwsErrorKeepsCodeAndMessage) {
  const Error error = make_aws_error(answer(400, R"({"__type": "ThrottlingException", "message": "Rate exceeded"})"),
                                     "cloudtrail.eu-west-1.amazonaws.com", "cloudtrail DescribeTrails in eu-west-1");
  EXPECT_EQ(error.kind, ErrorKind::throttled);
  EXPECT_EQ(error.code, "ThrottlingException");
  EXPECT_EQ(error.message, "Rate exceeded");
  EXPECT_EQ(error.where, "cloudtrail DescribeTrails in eu-west-1");
}

TEST(HttpAwsError, CodeWithoutMessageNamesCodeStatusAndHost) {
  const Error error = make_aws_error(answer(400, R"({"__type": "SomethingOdd"})"), "h.example", "w");
  EXPECT_EQ(error.message, "SomethingOdd (HTTP 400 from h.example)");
  EXPECT_EQ(error.kind, ErrorKind::service);
}

TEST(HttpAwsErrorKind, AccessDeniedCodes) {
  for (const char* code : {"AccessDenied", "AccessDeniedException", "UnauthorizedOperation",
                           "UnrecognizedClientException", "InvalidClientTokenId", "SignatureDoesNotMatch",
                           "ExpiredToken", "ExpiredTokenException", "AuthFailure", "InvalidAccessKeyId"}) {
    EXPECT_EQ(error_kind_for(code, 400), ErrorKind::access_denied) << code;
  }
}

TEST(HttpAwsErrorKind, ThrottlingCodes) {
  for (const char* code : {"Throttling", "ThrottlingException", "TooManyRequestsException", "RequestLimitExceeded",
                           "ProvisionedThroughputExceededException", "SlowDown", "RequestThrottled",
                           "RequestThrottledException", "ThrottledException"}) {
    EXPECT_EQ(error_kind_for(code, 400), ErrorKind::throttled) << code;
    EXPECT_TRUE(is_throttling_code(code)) << code;
  }
}

TEST(HttpAwsErrorKind, NotFoundTimeoutServiceAndStatusOnly) {
  EXPECT_EQ(error_kind_for("TrailNotFoundException", 400), ErrorKind::not_found);
  EXPECT_EQ(error_kind_for("InvalidInstanceID.NotFound", 400), ErrorKind::not_found);
  EXPECT_EQ(error_kind_for("NoSuchEntity", 404), ErrorKind::not_found);
  EXPECT_EQ(error_kind_for("RequestTimeout", 400), ErrorKind::timeout);
  EXPECT_EQ(error_kind_for("InvalidTrailNameException", 400), ErrorKind::service);
  EXPECT_EQ(error_kind_for("InternalFailure", 500), ErrorKind::service);
  EXPECT_EQ(error_kind_for("", 500), ErrorKind::service);
  EXPECT_EQ(error_kind_for("", 403), ErrorKind::access_denied);
  EXPECT_EQ(error_kind_for("", 404), ErrorKind::not_found);
  EXPECT_EQ(error_kind_for("", 429), ErrorKind::throttled);
  EXPECT_EQ(error_kind_for("", 400), ErrorKind::service);
}

}  // namespace
}  // namespace trailguard::aws
