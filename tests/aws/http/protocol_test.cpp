// The wire form of each protocol, and the check of successful answers.
#include <gtest/gtest.h>

#include "aws/digest.hpp"
#include "aws/http/protocol.hpp"
#include "aws/services/s3_api.hpp"

namespace trailguard::aws {
namespace {

std::string header(const HttpRequest& request, std::string_view name) {
  const std::string* value = request.find_header(name);
  return value != nullptr ? *value : "<none>";
}

ApiCall testing_json_call() {
  ApiCall call;
  call.service = "cloudtrail";
  return call;
}

TEST(HttpProtocol, Json11PostsToRootWithTarget) {
  ApiCall call;
  call.service = "cloudtrail";
  call.operation = "DescribeTrails";
  call.target_prefix = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101";
  call.json_body = R"({"includeShadowTrails":true})";
  const HttpRequest request = build_request(call, "https://cloudtrail.eu-west-1.amazonaws.com", "trailguard/1");
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.url, "https://cloudtrail.eu-west-1.amazonaws.com/");
  EXPECT_EQ(header(request, "Content-Type"), "application/x-amz-json-1.1");
  EXPECT_EQ(header(request, "X-Amz-Target"), "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.DescribeTrails");
  EXPECT_EQ(header(request, "User-Agent"), "trailguard/1");
  EXPECT_EQ(request.body, R"({"includeShadowTrails":true})");
  call.json_body.clear();
  EXPECT_EQ(build_request(call, "http://127.0.0.1:5000", "ua").body, "{}");
}

TEST(HttpProtocol, QueryFormEncodesActionVersionAndParams) {
  ApiCall call;
  call.operation = "DescribeRegions";
  call.protocol = Protocol::query;
  call.api_version = "2016-11-15";
  call.params = {{"Filter.1.Name", "opt-in-status"}, {"Filter.1.Value.1", "a b/c&d=e+é"}};
  const HttpRequest request = build_request(call, "https://ec2.eu-west-1.amazonaws.com", "ua");
  EXPECT_EQ(request.url, "https://ec2.eu-west-1.amazonaws.com/");
  EXPECT_EQ(header(request, "Content-Type"), "application/x-www-form-urlencoded; charset=utf-8");
  EXPECT_EQ(header(request, "X-Amz-Target"), "<none>");
  EXPECT_EQ(request.body,
            "Action=DescribeRegions&Version=2016-11-15&Filter.1.Name=opt-in-status"
            "&Filter.1.Value.1=a%20b%2Fc%26d%3De%2B%C3%A9");
}

TEST(HttpProtocol, RestJsonPostsToThePath) {
  ApiCall call;
  call.operation = "ListRegions";
  call.protocol = Protocol::rest_json;
  call.path = "/listRegions";
  call.json_body = R"({"MaxResults":50})";
  const HttpRequest request = build_request(call, "https://account.us-east-1.amazonaws.com", "ua");
  EXPECT_EQ(request.url, "https://account.us-east-1.amazonaws.com/listRegions");
  EXPECT_EQ(header(request, "Content-Type"), "application/json");
  EXPECT_EQ(request.body, R"({"MaxResults":50})");
  call.path = "getContactInformation";
  EXPECT_EQ(build_request(call, "http://127.0.0.1:1", "ua").url, "http://127.0.0.1:1/getContactInformation");
}

TEST(HttpProtocol, UserAgentNeverCarriesARegionForMoto) {
  EXPECT_EQ(safe_user_agent("trailguard/0.1 region/eu-west-1 x region/y"), "trailguard/0.1 region-eu-west-1 x region-y");
  EXPECT_EQ(safe_user_agent("trailguard/0.1"), "trailguard/0.1");
  ApiCall call;
  EXPECT_EQ(header(build_request(call, "http://127.0.0.1:1", "a region/us-east-1"), "User-Agent"), "a region-us-east-1");
}

TEST(HttpProtocol, SuccessfulJsonAnswersMustBeObjects) {
  EXPECT_TRUE(check_success_body(Protocol::json_1_1, R"({"trailList": []})", "h", "w"));
  EXPECT_TRUE(check_success_body(Protocol::json_1_1, "", "h", "w"));
  EXPECT_TRUE(check_success_body(Protocol::rest_json, " \n{}", "h", "w"));
  EXPECT_TRUE(check_success_body(Protocol::json_1_1, "null", "h", "w"));  // moto, for operations without output
  EXPECT_FALSE(check_success_body(Protocol::json_1_1, "nullx", "h", "w"));
  const Status cut = check_success_body(Protocol::json_1_1, R"({"trailList": [{"Name": "cut)", "h.example", "w");
  ASSERT_FALSE(cut);
  EXPECT_EQ(cut.error().kind, ErrorKind::malformed_input);
  EXPECT_EQ(cut.error().message, "the answer from h.example is not a JSON object");
  EXPECT_EQ(cut.error().where, "w");
  EXPECT_FALSE(check_success_body(Protocol::json_1_1, "[1]", "h", "w"));
  EXPECT_FALSE(check_success_body(Protocol::json_1_1, "<html></html>", "h", "w"));
}

TEST(HttpProtocol, SuccessfulQueryAnswersMustBeXml) {
  EXPECT_TRUE(check_success_body(Protocol::query, "<GetCallerIdentityResponse><A>1</A></GetCallerIdentityResponse>", "h", "w"));
  EXPECT_FALSE(check_success_body(Protocol::query, "", "h", "w"));
  EXPECT_FALSE(check_success_body(Protocol::query, "<Response><Unclosed>", "h", "w"));
  EXPECT_FALSE(check_success_body(Protocol::query, "{}", "h", "w"));
}

TEST(HttpProtocol, RestXmlSendsTheMethodToTheBucketPathWithItsSubresource) {
  const ApiCall call = put_bucket_policy_call("trail-logs.1", "eu-west-1", R"({"Version":"2012-10-17"})");
  const HttpRequest request = build_request(call, "http://127.0.0.1:5000", "ua");
  EXPECT_EQ(request.method, "PUT");
  EXPECT_EQ(request.url, "http://127.0.0.1:5000/trail-logs.1?policy");  // as botocore sends it
  EXPECT_EQ(header(request, "Content-Type"), "application/json");
  EXPECT_EQ(header(request, "Content-MD5"), content_md5(R"({"Version":"2012-10-17"})"));
  EXPECT_EQ(header(request, "X-Amz-Target"), "<none>");
  EXPECT_EQ(request.body, R"({"Version":"2012-10-17"})");
  EXPECT_TRUE(signs_as_s3(call));

  ApiCall get = get_bucket_policy_call("b", "eu-west-1");
  get.params.emplace_back("x y", "a/b");
  const HttpRequest read = build_request(get, "https://s3.eu-west-1.amazonaws.com", "ua");
  EXPECT_EQ(read.method, "GET");
  EXPECT_EQ(read.url, "https://s3.eu-west-1.amazonaws.com/b?policy&x%20y=a%2Fb");
  EXPECT_EQ(read.body, "");
  EXPECT_FALSE(signs_as_s3(testing_json_call()));
}

TEST(HttpProtocol, CreateBucketStatesALocationOutsideUsEast1Only) {
  const HttpRequest east = build_request(create_bucket_call("b", "us-east-1"), "http://127.0.0.1:1", "ua");
  EXPECT_EQ(east.url, "http://127.0.0.1:1/b");
  EXPECT_EQ(east.body, "");
  const HttpRequest west = build_request(create_bucket_call("b", "eu-west-1"), "http://127.0.0.1:1", "ua");
  EXPECT_EQ(west.body,
            R"(<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">)"
            "<LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>");
  EXPECT_EQ(header(west, "Content-Type"), "application/xml");
}

TEST(HttpProtocol, PublicAccessBlockSetsAllFourSettings) {
  const ApiCall call = put_public_access_block_call("b", "eu-west-1");
  const HttpRequest request = build_request(call, "http://127.0.0.1:1", "ua");
  EXPECT_EQ(request.url, "http://127.0.0.1:1/b?publicAccessBlock");
  for (const char* setting : {"BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"})
    EXPECT_NE(request.body.find(std::string("<") + setting + ">true</" + setting + ">"), std::string::npos) << setting;
  EXPECT_EQ(header(request, "Content-MD5"), content_md5(request.body));
}

TEST(HttpProtocol, ContentMd5IsTheBase64OfTheMd5) {
  EXPECT_EQ(content_md5(""), "1B2M2Y8AsgTpgAmY7PhCfg==");  // RFC 1864's example digest of nothing
  EXPECT_EQ(content_md5("The quick brown fox jumps over the lazy dog"), "nhB9nTcrtoJr2B01QqQZ1g==");
}

}  // namespace
}  // namespace trailguard::aws
