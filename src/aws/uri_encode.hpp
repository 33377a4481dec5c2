// Percent-encoding as SigV4 and AWS's query protocols want it: every byte except the RFC 3986
// unreserved characters (A-Z a-z 0-9 - _ . ~) becomes %XX with uppercase hex. This is Python's
// urllib.parse.quote(s, safe=keep), which botocore uses. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace trailguard::aws {

// Encodes every byte of `text` (taken as UTF-8 bytes) except unreserved ones and those in `keep`.
std::string uri_encode(std::string_view text, std::string_view keep = {});

// For one query-string key or value, or one path segment: '/' is encoded too.
inline std::string uri_encode_component(std::string_view text) { return uri_encode(text); }

// For a whole path: '/' is kept.
inline std::string uri_encode_path(std::string_view text) { return uri_encode(text, "/"); }

}  // namespace trailguard::aws
