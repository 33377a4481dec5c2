// Error: what went wrong, where, and which kind of failure it was.
// Every layer reports failures as values of this type; only src/cli turns them into exit codes.
#pragma once

#include <string>
#include <string_view>

namespace trailguard {

enum class ErrorKind {
  invalid_argument,  // the user asked for something that cannot be done
  not_found,         // a file, trail or resource does not exist
  malformed_input,   // a document that cannot be parsed or has the wrong shape
  access_denied,     // AWS said no (AccessDenied, UnauthorizedOperation, ...)
  throttled,         // AWS rate limits, after retries
  timeout,           // no answer in time
  network,           // connection refused, reset, TLS failure
  service,           // any other error answer from AWS (5xx, unknown codes)
  internal,          // a bug in trailguard
};

std::string_view to_string(ErrorKind kind);

struct Error {
  ErrorKind kind = ErrorKind::internal;
  std::string message;  // a sentence for people, already naming the input
  std::string where;    // file:line, file + JSON path, or API + region
  std::string code;     // AWS error code or a short machine code; may be empty

  // "where: message" or just the message when there is no place.
  std::string describe() const;
};

Error make_error(ErrorKind kind, std::string where, std::string message, std::string code = {});

}  // namespace trailguard
