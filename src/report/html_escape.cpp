#include "report/html_escape.hpp"

#include "report/markup_escape.hpp"

namespace trailguard::report {

std::string html_escaped(std::string_view text) { return markup_escaped(text, Apostrophe::escaped, Whitespace::kept); }

std::string script_safe_json(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  for (std::size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (c == '<') {
      out += "\\u003c";
    } else if (c == '>') {
      out += "\\u003e";
    } else if (c == '&') {
      out += "\\u0026";
    } else if (c == '\xE2' && i + 2 < json.size() && json[i + 1] == '\x80' && (json[i + 2] == '\xA8' || json[i + 2] == '\xA9')) {
      out += json[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string message_template(std::string_view text, std::string_view account_id, std::string_view region) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (!account_id.empty() && text.substr(i, account_id.size()) == account_id) {
      out += "{a}";
      i += account_id.size();
    } else if (!region.empty() && text.substr(i, region.size()) == region) {
      out += "{r}";
      i += region.size();
    } else {
      if (text[i] == '{') out += '{';
      out += text[i++];
    }
  }
  return out;
}

std::string expand_template(std::string_view text, std::string_view account_id, std::string_view region) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (text.substr(i, 2) == "{{") {
      out += '{';
      i += 2;
    } else if (text.substr(i, 3) == "{a}") {
      out += account_id;
      i += 3;
    } else if (text.substr(i, 3) == "{r}") {
      out += region;
      i += 3;
    } else {
      out += text[i++];
    }
  }
  return out;
}

}  // namespace trailguard::report
