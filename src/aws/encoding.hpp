// Decoding the text encodings AWS wraps binary values in: hex (digest signatures, hashes) and base64 (blobs in
// JSON answers, such as ListPublicKeys' keys). Pure functions; thread-safe. nullopt for text that is not in the
// encoding: these read outside input, so a wrong character is an answer, not a bug.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace trailguard::aws {

// Upper- or lowercase, an even number of digits, nothing else.
std::optional<std::string> hex_decode(std::string_view hex);

// Standard base64 (RFC 4648 alphabet, '=' padding required as AWS sends it); line breaks are not accepted.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace trailguard::aws
