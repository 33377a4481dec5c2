// Splitting a request URL into the parts SigV4 signs, with the same results as Python's
// urllib.parse.urlsplit (which botocore uses) for every URL it accepts. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace trailguard::aws {

struct UrlParts {
  std::string scheme;                // lowercased: "https", "http"
  std::string host;                  // lowercased, without userinfo; IPv6 keeps its brackets: "[::1]"
  std::optional<std::uint16_t> port; // as written, if written
  std::string path;                  // as written, up to '?' or '#'; may be empty
  std::string query;                 // as written, after the first '?', without any '#fragment'
};

// Accepts scheme://[userinfo@]host[:port][/path][?query][#fragment]. Fails (invalid_argument) on
// control characters, a missing scheme or host, a port that is not 0-65535, or a bracketed host
// that is not an IPv6 address.
Result<UrlParts> split_url(std::string_view url);

// The Host header value botocore derives: host, plus ":port" unless it is the scheme's default
// (80 for http, 443 for https).
std::string host_header_value(const UrlParts& url);

// botocore's normalize_url_path: removes "." and ".." segments (RFC 3986 5.2.4) and empty
// segments ("//"), keeps a leading and trailing '/', and turns an empty path into "/".
std::string normalize_path(std::string_view path);

}  // namespace trailguard::aws
