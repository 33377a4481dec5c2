// Reading AWS error answers: the error code and message out of a JSON or XML body (or the
// x-amzn-ErrorType header), and the ErrorKind each code means. The body is sniffed, not trusted to
// match its Content-Type (moto labels JSON as text/html). Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "aws/http_transport.hpp"
#include "base/error.hpp"

namespace trailguard::aws {

struct AwsErrorDetails {
  std::string code;     // "ThrottlingException", prefix up to '#' removed; empty if the answer names none
  std::string message;  // the AWS message; may be empty
};

// JSON: {"__type": "prefix#Code", "message"|"Message": ...} (also "code"/"Code"); XML: the first <Error>
// with a <Code> child anywhere (<ErrorResponse><Error>, EC2's <Response><Errors><Error>, S3's <Error>).
// Anything else (an HTML 500 page, an empty or broken body) gives an empty code and message.
AwsErrorDetails parse_aws_error(const HttpResponse& response);

// What a code means: access_denied, throttled, not_found, timeout, else service. Without a code the
// status decides: 401/403 access_denied, 404 not_found, 429 throttled, else service.
ErrorKind error_kind_for(std::string_view code, long http_status);

bool is_throttling_code(std::string_view code);
// Transient: worth retrying though not throttling (RequestTimeout, InternalError, ...).
bool is_transient_code(std::string_view code);

// The Error for a non-2xx answer: kind from error_kind_for, code the AWS code, message the AWS message
// (or "HTTP 500 from <host>" when the body names no code; never the body itself).
Error make_aws_error(const HttpResponse& response, std::string_view host, std::string where);

}  // namespace trailguard::aws
