// The JSON documents that carry credentials: credential_process output
// ({"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken"?, "Expiration"?}) and the
// container and instance metadata answers ({"AccessKeyId", "SecretAccessKey", "Token", "Expiration"}).
// Error messages name fields and positions, never the document's text (it holds secrets).
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "aws/credentials_provider.hpp"
#include "base/result.hpp"

namespace trailguard::aws {

struct CredentialsJsonFormat {
  bool version_1 = false;           // "Version": 1 is required (credential_process)
  std::string token_field = "Token";
  bool token_required = true;
  bool expiration_required = true;
};

inline CredentialsJsonFormat process_json_format() { return {true, "SessionToken", false, false}; }
inline CredentialsJsonFormat metadata_json_format() { return {false, "Token", true, true}; }

// `where` names the source in errors ("credential_process of profile 'x'").
Result<TemporaryCredentials> parse_credentials_json(std::string_view text, const CredentialsJsonFormat& format,
                                                    const std::string& where);

}  // namespace trailguard::aws
