#include "base/error.hpp"

#include <utility>

namespace trailguard {

std::string_view to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::invalid_argument: return "invalid_argument";
    case ErrorKind::not_found: return "not_found";
    case ErrorKind::malformed_input: return "malformed_input";
    case ErrorKind::access_denied: return "access_denied";
    case ErrorKind::throttled: return "throttled";
    case ErrorKind::timeout: return "timeout";
    case ErrorKind::network: return "network";
    case ErrorKind::service: return "service";
    case ErrorKind::internal: return "internal";
  }
  return "internal";
}

std::string Error::describe() const {
  if (where.empty()) return message;
  return where + ": " + message;
}

Error make_error(ErrorKind kind, std::string where, std::string message, std::string code) {
  return Error{kind, std::move(message), std::move(where), std::move(code)};
}

}  // namespace trailguard
