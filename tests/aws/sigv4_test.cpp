// SigV4 against AWS's published test-suite examples, plus the parts of the signer one at a time.
#include <gtest/gtest.h>

#include <chrono>

#include "aws/sigv4.hpp"
#include "aws/uri_encode.hpp"
#include "aws/url.hpp"
#include "base/redact.hpp"

namespace trailguard::aws {
namespace {

using namespace std::chrono;

// The credentials, time and scope of AWS's SigV4 test suite.
const Credentials kExample{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};
const sys_seconds kExampleTime = sys_days{year{2015} / August / 30} + hours{12} + minutes{36};
const SigningParams kExampleParams{"service", "us-east-1", kExampleTime, false};

std::string authorization_of(const HttpRequest& request) {
  const std::string* value = request.find_header("Authorization");
  return value != nullptr ? *value : "";
}

TEST(SigV4, GetVanillaGivesTheDocumentedSignature) {
  HttpRequest request{"GET", "https://example.amazonaws.com/", {}, ""};
  const auto details = sign_v4(request, kExample, kExampleParams);
  ASSERT_TRUE(details) << details.error().describe();
  EXPECT_EQ(details->canonical_request,
            "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(authorization_of(request),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            "SignedHeaders=host;x-amz-date, "
            "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
  ASSERT_NE(request.find_header("X-Amz-Date"), nullptr);
  EXPECT_EQ(*request.find_header("X-Amz-Date"), "20150830T123600Z");
  EXPECT_EQ(request.find_header("X-Amz-Security-Token"), nullptr);
}

TEST(SigV4, GetVanillaQueryOrderKeyCaseGivesTheDocumentedSignature) {
  HttpRequest request{"GET", "https://example.amazonaws.com/?Param2=value2&Param1=value1", {}, ""};
  const auto details = sign_v4(request, kExample, kExampleParams);
  ASSERT_TRUE(details);
  EXPECT_EQ(details->signature, "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
}

TEST(SigV4, PostVanillaGivesTheDocumentedSignature) {
  HttpRequest request{"POST", "https://example.amazonaws.com/", {}, ""};
  const auto details = sign_v4(request, kExample, kExampleParams);
  ASSERT_TRUE(details);
  EXPECT_EQ(details->signature, "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
}

TEST(SigV4, ASessionTokenIsSentAndSigned) {
  const Credentials temporary{"ASIAEXAMPLE", kExample.secret_access_key, "FwoGZXIvYXdzEXAMPLETOKEN=="};
  HttpRequest plain{"GET", "https://example.amazonaws.com/", {}, ""};
  HttpRequest with_token{"GET", "https://example.amazonaws.com/", {{"X-Amz-Security-Token", "stale"}}, ""};
  const auto plain_details = sign_v4(plain, Credentials{"ASIAEXAMPLE", kExample.secret_access_key, ""}, kExampleParams);
  const auto details = sign_v4(with_token, temporary, kExampleParams);
  ASSERT_TRUE(details && plain_details);
  ASSERT_NE(with_token.find_header("X-Amz-Security-Token"), nullptr);
  EXPECT_EQ(*with_token.find_header("X-Amz-Security-Token"), temporary.session_token);
  EXPECT_EQ(details->signed_headers, "host;x-amz-date;x-amz-security-token");
  EXPECT_NE(details->canonical_request.find("\nx-amz-security-token:FwoGZXIvYXdzEXAMPLETOKEN==\n"), std::string::npos);
  EXPECT_NE(details->signature, plain_details->signature);
  // The stale token is replaced, not repeated.
  int tokens = 0;
  for (const auto& header : with_token.headers) tokens += header_name_equals(header.first, "x-amz-security-token");
  EXPECT_EQ(tokens, 1);
  // The diagnostics carry the token, so they are logged redacted.
  EXPECT_EQ(redact_secrets(details->canonical_request).find(temporary.session_token), std::string::npos);
}

TEST(SigV4, TheSecretNeverAppearsInWhatIsSignedOrSent) {
  const Credentials credentials{"AKIAIOSFODNN7EXAMPLE", "SECRETsecretSECRETsecretSECRETsecret1234", "TOKEN"};
  HttpRequest request{"POST", "https://cloudtrail.us-east-1.amazonaws.com/?a=b", {{"Content-Type", "application/json"}}, "{}"};
  const auto details = sign_v4(request, credentials, SigningParams{"cloudtrail", "us-east-1", kExampleTime, false});
  ASSERT_TRUE(details);
  for (const std::string* text : {&details->canonical_request, &details->string_to_sign, &details->credential_scope,
                                  &details->signed_headers, &details->signature}) {
    EXPECT_EQ(text->find("SECRETsecret"), std::string::npos) << *text;
  }
  for (const auto& [name, value] : request.headers) EXPECT_EQ(value.find("SECRETsecret"), std::string::npos) << name;
}

TEST(SigV4, S3SignsThePathAsWrittenAndTheBodyHash) {
  HttpRequest request{"PUT", "https://bucket.s3.us-east-1.amazonaws.com/a//b/../c%2Fd", {}, "hello"};
  const auto details = sign_v4(request, kExample, SigningParams{"s3", "us-east-1", kExampleTime, true});
  ASSERT_TRUE(details);
  const std::string hello_sha = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
  EXPECT_EQ(details->canonical_request.substr(0, details->canonical_request.find('\n', 4)), "PUT\n/a//b/../c%2Fd");
  ASSERT_NE(request.find_header("x-amz-content-sha256"), nullptr);
  EXPECT_EQ(*request.find_header("x-amz-content-sha256"), hello_sha);
  EXPECT_EQ(details->signed_headers, "host;x-amz-content-sha256;x-amz-date");
  EXPECT_TRUE(details->canonical_request.ends_with("\n" + hello_sha));

  HttpRequest other{"PUT", "https://example.amazonaws.com/a//b/../c%2Fd", {}, "hello"};
  const auto normal = sign_v4(other, kExample, kExampleParams);
  ASSERT_TRUE(normal);
  EXPECT_TRUE(normal->canonical_request.starts_with("PUT\n/a/c%252Fd\n"));
}

TEST(SigV4, UnsignedHeadersAreLeftOutAndRepeatedOnesJoined) {
  HttpRequest request{"GET",
                      "http://127.0.0.1:5000/",
                      {{"User-Agent", "x"}, {"Expect", "100-continue"}, {"X-Foo", "  a \t b  "}, {"x-foo", "c"}},
                      ""};
  const auto details = sign_v4(request, kExample, kExampleParams);
  ASSERT_TRUE(details);
  EXPECT_EQ(details->signed_headers, "host;x-amz-date;x-foo");
  EXPECT_NE(details->canonical_request.find("\nhost:127.0.0.1:5000\n"), std::string::npos);
  EXPECT_NE(details->canonical_request.find("\nx-foo:a b,c\n"), std::string::npos);
}

TEST(SigV4, ADateHeaderIsRewrittenInsteadOfAddingXAmzDate) {
  HttpRequest request{"GET", "https://example.amazonaws.com/", {{"Date", "Mon, 01 Jan 2000 00:00:00 GMT"}}, ""};
  const auto details = sign_v4(request, kExample, kExampleParams);
  ASSERT_TRUE(details);
  EXPECT_EQ(*request.find_header("Date"), "Sun, 30 Aug 2015 12:36:00 -0000");
  EXPECT_EQ(request.find_header("X-Amz-Date"), nullptr);
  EXPECT_EQ(details->signed_headers, "date;host");
}

TEST(SigV4, UnsignableRequestsFailAndAreLeftAlone) {
  for (const HttpRequest& bad : {HttpRequest{"GET", "example.amazonaws.com/", {}, ""},
                                 HttpRequest{"GET", "https:///path", {}, ""},
                                 HttpRequest{"GET", "https://host:99999/", {}, ""},
                                 HttpRequest{"GET", "https://[not-ipv6]/", {}, ""},
                                 HttpRequest{"GET", "https://host/a\nb", {}, ""},
                                 HttpRequest{"GET", "https://host/", {{"X-Bad", "a\r\nInjected: 1"}}, ""},
                                 HttpRequest{"GET", "https://host/", {{"Bad Name", "v"}}, ""},
                                 HttpRequest{"", "https://host/", {}, ""}}) {
    HttpRequest request = bad;
    const auto details = sign_v4(request, kExample, kExampleParams);
    ASSERT_FALSE(details) << bad.method << " " << bad.url;
    EXPECT_EQ(details.error().kind, ErrorKind::invalid_argument);
    EXPECT_EQ(request.headers, bad.headers);
  }
  HttpRequest request{"GET", "https://host/", {}, ""};
  EXPECT_FALSE(sign_v4(request, Credentials{"", "secret", ""}, kExampleParams));
  EXPECT_FALSE(sign_v4(request, Credentials{"AKID", "", ""}, kExampleParams));
  EXPECT_FALSE(sign_v4(request, kExample, SigningParams{"", "us-east-1", kExampleTime, false}));
  EXPECT_TRUE(request.headers.empty());
}

TEST(SigV4Parts, AmzDate) {
  EXPECT_EQ(format_amz_date(kExampleTime), "20150830T123600Z");
  EXPECT_EQ(format_amz_date(sys_days{year{2024} / February / 29} + hours{23} + minutes{59} + seconds{59}),
            "20240229T235959Z");
}

TEST(SigV4Parts, HeaderValuesFoldWhitespaceAsPythonSplitDoes) {
  EXPECT_EQ(fold_header_value("  a   b\t\tc  "), "a b c");
  EXPECT_EQ(fold_header_value("\x0b" "a\x1f" "b\x0c"), "a b");
  EXPECT_EQ(fold_header_value("caf\xc3\xa9\xc2\xa0" "bar\xe3\x80\x80"), "caf\xc3\xa9 bar");  // U+00A0, U+3000
  EXPECT_EQ(fold_header_value("   "), "");
  EXPECT_EQ(fold_header_value(""), "");
  EXPECT_EQ(fold_header_value("\xe2\x80\x8b" "x"), "\xe2\x80\x8b" "x");  // U+200B is not whitespace to Python
}

TEST(SigV4Parts, UriEncode) {
  EXPECT_EQ(uri_encode_component("a b/c~d-e_f.g+h=%\xc3\xbc"), "a%20b%2Fc~d-e_f.g%2Bh%3D%25%C3%BC");
  EXPECT_EQ(uri_encode_path("/a b/%2F"), "/a%20b/%252F");
}

TEST(SigV4Parts, PathNormalization) {
  EXPECT_EQ(normalize_path(""), "/");
  EXPECT_EQ(normalize_path("/"), "/");
  EXPECT_EQ(normalize_path("//a//b/"), "/a/b/");
  EXPECT_EQ(normalize_path("/a/./b/../c"), "/a/c");
  EXPECT_EQ(normalize_path("/../.."), "/");
  EXPECT_EQ(normalize_path("/a/.."), "/");
  EXPECT_EQ(normalize_path("/a/b/.."), "/a");
  EXPECT_EQ(normalize_path("/.../x"), "/.../x");
}

TEST(SigV4Parts, UrlSplitting) {
  const auto url = split_url("HTTPS://User:pw@Host.Example.COM:443/a b?x=1?y#frag?z");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->scheme, "https");
  EXPECT_EQ(url->host, "host.example.com");
  EXPECT_EQ(url->path, "/a b");
  EXPECT_EQ(url->query, "x=1?y");
  EXPECT_EQ(host_header_value(*url), "host.example.com");

  const auto v6 = split_url("http://[::1]:8443");
  ASSERT_TRUE(v6);
  EXPECT_EQ(host_header_value(*v6), "[::1]:8443");
  EXPECT_EQ(v6->path, "");
  const auto http80 = split_url("http://h:80/");
  ASSERT_TRUE(http80);
  EXPECT_EQ(host_header_value(*http80), "h");
  const auto https80 = split_url("https://h:80/");
  ASSERT_TRUE(https80);
  EXPECT_EQ(host_header_value(*https80), "h:80");
}

}  // namespace
}  // namespace trailguard::aws
