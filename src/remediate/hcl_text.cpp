#include "remediate/hcl_text.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace trailguard::remediate::hcl {
namespace {

// Invalid UTF-8 replaced by U+FFFD: nlohmann's serializer does the replacing, its parser gives the text back.
std::string valid_utf8(std::string_view text) {
  const auto dumped = nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return nlohmann::json::parse(dumped).get<std::string>();
}

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Columns as `terraform fmt` counts them: characters, not bytes.
std::size_t columns(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool is_one_line(const nlohmann::ordered_json& value) {
  if (value.is_object()) return value.empty();
  if (value.is_array())
    return std::all_of(value.begin(), value.end(), [](const auto& item) { return item.is_primitive(); });
  return true;
}

}  // namespace

std::string quote(std::string_view raw) {
  const std::string text = valid_utf8(raw);
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool template_start = (c == '$' || c == '%') && i + 1 < text.size() && text[i + 1] == '{';
    if (template_start) {
      out += c;  // "$${" and "%%{" are HCL's literal "${" and "%{"
      out += c;
      continue;
    }
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
          out += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
        else
          out += c;
    }
  }
  return out + "\"";
}

std::string identifier(std::string_view name) {
  std::string out;
  for (const char c : name) out += (is_letter(c) || is_digit(c) || c == '_' || c == '-') ? c : '_';
  if (out.empty() || !(is_letter(out.front()) || out.front() == '_')) out = "t_" + out;
  return out;
}

std::string comment_text(std::string_view raw) {
  std::string text = valid_utf8(raw);
  for (char& c : text)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  return text;
}

std::string scalar(const nlohmann::ordered_json& value) {
  if (value.is_string()) return quote(value.get_ref<const std::string&>());
  if (value.is_object()) return "{}";  // only empty objects are one line
  if (value.is_array()) {
    std::string out = "[";
    for (const auto& item : value) out += (out.size() > 1 ? ", " : "") + scalar(item);
    return out + "]";
  }
  return value.dump();  // numbers, true, false, null: the same in HCL
}

void Writer::comment(std::string_view text) { raw("# " + comment_text(text)); }

void Writer::blank() { lines_.push_back({0, "", "", false}); }

void Writer::open(std::string_view header) {
  raw(std::string(header) + " {");
  ++indent_;
}

void Writer::close(std::string_view suffix) {
  --indent_;
  raw("}" + std::string(suffix));
}

void Writer::attribute(std::string_view name, std::string value) {
  lines_.push_back({indent_, std::string(name), std::move(value), true});
}

void Writer::raw(std::string line) { lines_.push_back({indent_, std::move(line), "", false}); }

void Writer::json_attribute(std::string_view name, const nlohmann::ordered_json& value, std::string_view function) {
  const std::string open = function.empty() ? "" : std::string(function) + "(";
  const std::string close = function.empty() ? "" : ")";
  if (is_one_line(value)) return attribute(name, open + scalar(value) + close);
  json_lines(value, std::string(name) + " = " + open, close);
}

// `value` (an object, or an array holding one) over several lines: the first begins with `prefix`, the last
// ends with `suffix`.
void Writer::json_lines(const nlohmann::ordered_json& value, std::string prefix, std::string suffix) {
  if (value.is_object()) {
    raw(prefix + "{");
    ++indent_;
    for (const auto& [key, member] : value.items()) {
      if (is_one_line(member))
        attribute(quote(key), scalar(member));
      else
        json_lines(member, quote(key) + " = ", "");
    }
    --indent_;
    raw("}" + suffix);
    return;
  }
  raw(prefix + "[");
  ++indent_;
  for (const auto& item : value) {
    if (is_one_line(item))
      raw(scalar(item) + ",");
    else
      json_lines(item, "", ",");
  }
  --indent_;
  raw("]" + suffix);
}

std::string Writer::text() const {
  std::string out;
  std::size_t i = 0;
  while (i < lines_.size()) {
    if (!lines_[i].is_attribute) {
      const auto& line = lines_[i++];
      out += line.lead.empty() ? "\n" : std::string(2 * line.indent, ' ') + line.lead + "\n";
      continue;
    }
    std::size_t end = i, width = 0;
    for (; end < lines_.size() && lines_[end].is_attribute; ++end) width = std::max(width, columns(lines_[end].lead));
    for (; i < end; ++i) {
      const auto& line = lines_[i];
      out += std::string(2 * line.indent, ' ') + line.lead + std::string(width - columns(line.lead) + 1, ' ') + "= " +
             line.value + "\n";
    }
  }
  return out;
}

}  // namespace trailguard::remediate::hcl
