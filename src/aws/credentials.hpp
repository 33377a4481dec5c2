// Credentials: the AWS key pair (and, for temporary credentials, the session token) a request is
// signed with. A plain value type; share it between threads only as const.
// The secret access key and the session token are secrets: never log or report them, and
// pass anything that might contain them through redact_secrets (base/redact.hpp).
#pragma once

#include <string>

namespace trailguard::aws {

struct Credentials {
  std::string access_key_id;      // AKIA... (long-term) or ASIA... (temporary)
  std::string secret_access_key;  // secret
  std::string session_token;      // secret; empty for long-term credentials

  bool has_session_token() const { return !session_token.empty(); }
};

}  // namespace trailguard::aws
