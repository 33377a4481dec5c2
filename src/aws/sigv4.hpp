// AWS Signature Version 4 for requests sent with headers (not presigned URLs), byte for byte as
// botocore's SigV4Auth and S3SigV4Auth sign them.
//
// Thread-safety: sign_v4 and the helpers are pure apart from the request they are given; any
// number of threads may sign different requests at once.
//
// What the signer expects: HttpRequest::url is already percent-encoded the way it will be sent
// (the signer does not re-encode the query; build it with uri_encode). The signature covers the
// method, the path, the query, every header except botocore's list of hop-by-hop and tracing
// headers (see kUnsignedHeaders), Host (taken from the URL unless a Host header is given), and
// the SHA-256 of the body.
#pragma once

#include <array>
#include <chrono>
#include <string>
#include <string_view>

#include "aws/credentials.hpp"
#include "aws/http_request.hpp"
#include "base/result.hpp"

namespace trailguard::aws {

struct SigningParams {
  std::string service;  // signing name: "cloudtrail", "sts", "s3", ...
  std::string region;   // "us-east-1", "cn-north-1", "us-gov-west-1", ...
  std::chrono::sys_seconds time;  // the signing time; pass the clock's now() outside tests
  // S3 rules (S3SigV4Auth): the path is signed as written (not normalized, not encoded a
  // second time), and an X-Amz-Content-SHA256 header with the body's hash is added and signed.
  bool s3 = false;
};

// What was signed, for --debug diagnostics. None of it contains the secret access key, but
// canonical_request contains the session token (in x-amz-security-token) when there is one:
// log it only through base/log.hpp, which redacts it.
struct SigningDetails {
  std::string canonical_request;
  std::string string_to_sign;
  std::string credential_scope;  // 20150830/us-east-1/service/aws4_request
  std::string signed_headers;    // host;x-amz-date
  std::string signature;         // 64 hex digits
};

// Header names that are never signed (lowercase), as botocore's SIGNED_HEADERS_BLACKLIST:
// proxies and HTTP clients may add, drop or change them on the way.
inline constexpr std::array<std::string_view, 11> kUnsignedHeaders = {
    "connection", "expect",  "keep-alive",        "proxy-authenticate", "proxy-authorization", "te",
    "trailer",    "upgrade", "transfer-encoding", "user-agent",         "x-amzn-trace-id"};

// Signs `request` in place, as botocore's add_auth does:
//  - removes any Authorization header;
//  - sets X-Amz-Date to the signing time, or, if the request has a Date header, rewrites that
//    Date header to the signing time ("Sun, 30 Aug 2015 12:36:00 -0000") and drops X-Amz-Date;
//  - with a session token, replaces any X-Amz-Security-Token header with it;
//  - with params.s3, replaces any X-Amz-Content-SHA256 header with the body's SHA-256;
//  - appends Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...
// The payload hash is an X-Amz-Content-SHA256 header's value if there is one, else the body's
// SHA-256. Repeated headers are signed as one, values joined with ',' in order.
// Fails (invalid_argument) without changing the request if the URL, method, a header name or
// value (CR, LF and NUL are refused), the credentials, service, region or time cannot be signed.
Result<SigningDetails> sign_v4(HttpRequest& request, const Credentials& credentials, const SigningParams& params);

// "20150830T123600Z", the X-Amz-Date format. The year must be 1000-9999.
std::string format_amz_date(std::chrono::sys_seconds time);

// A header value with leading and trailing whitespace removed and inner runs of whitespace
// folded to one space, where whitespace is what Python's str.split() splits on (ASCII
// \t \n \v \f \r, \x1c-\x1f and space, and Unicode spaces such as U+00A0 and U+3000 in UTF-8).
std::string fold_header_value(std::string_view value);

}  // namespace trailguard::aws
