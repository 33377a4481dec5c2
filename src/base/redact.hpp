// The one place where secrets are removed from text before it is logged or reported.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace trailguard {

// Replaces AWS secret material in free text: secret access keys, session tokens, SigV4 signatures
// (Authorization headers and X-Amz-Signature query values), X-Amz-Security-Token values and
// access key ids (all but their first four characters). Anything else is kept as it is.
std::string redact_secrets(std::string_view text);

inline constexpr std::string_view kRedacted = "<redacted>";

}  // namespace trailguard
