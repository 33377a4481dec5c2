#include "aws/http_request.hpp"

#include <algorithm>

namespace trailguard::aws {
namespace {

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

bool header_name_equals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

const std::string* HttpRequest::find_header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (header_name_equals(key, name)) return &value;
  }
  return nullptr;
}

void HttpRequest::remove_header(std::string_view name) {
  std::erase_if(headers, [name](const auto& header) { return header_name_equals(header.first, name); });
}

void HttpRequest::add_header(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
}

}  // namespace trailguard::aws
