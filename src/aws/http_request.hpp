// HttpRequest: an HTTP request as it will go on the wire, before and after signing.
// A plain value type with no internal synchronisation: one thread at a time may change it.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trailguard::aws {

struct HttpRequest {
  std::string method;  // GET, POST, ...
  // scheme://host[:port]/path?query, already percent-encoded exactly as it will be sent
  // (build query strings with uri_encode from aws/uri_encode.hpp).
  std::string url;
  // In the order they will be sent. Names compare case-insensitively; a name may repeat.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // raw bytes

  // The value of the first header with this name (ASCII case-insensitive), or nullptr.
  const std::string* find_header(std::string_view name) const;
  bool has_header(std::string_view name) const { return find_header(name) != nullptr; }
  // Removes every header with this name (ASCII case-insensitive).
  void remove_header(std::string_view name);
  // Appends a header; does not replace earlier ones with the same name.
  void add_header(std::string name, std::string value);
};

// ASCII case-insensitive equality, as HTTP header names compare.
bool header_name_equals(std::string_view a, std::string_view b);

}  // namespace trailguard::aws
