#include "aws/credentials/ini_file.hpp"

#include <set>
#include <utility>

namespace trailguard::aws {
namespace {

constexpr std::string_view kSpace = " \t\n\r\f\v";

std::string_view strip(std::string_view text) {
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}

std::string_view rstrip(std::string_view text) {
  const auto last = text.find_last_not_of(kSpace);
  return last == std::string_view::npos ? std::string_view{} : text.substr(0, last + 1);
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Python's universal newlines: "\r\n" and a lone "\r" end a line as "\n" does.
std::vector<std::string_view> split_lines(std::string_view text, std::string& storage) {
  storage.clear();
  storage.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      storage += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      storage += text[i];
    }
  }
  std::vector<std::string_view> lines;
  std::string_view rest = storage;
  while (!rest.empty()) {
    const auto end = rest.find('\n');
    lines.push_back(rest.substr(0, end));
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return lines;
}

// A value being read: its lines until the next key or section.
struct PendingValue {
  std::vector<std::string> lines;
  int line = 0;
};

struct PendingSection {
  std::string name;
  int line = 0;
  std::vector<std::pair<std::string, PendingValue>> values;  // in file order
  PendingValue* find(const std::string& key) {
    for (auto& [name_, value] : values) {
      if (name_ == key) return &value;
    }
    return nullptr;
  }
};

// botocore's _parse_nested: one "key = value" per non-empty line, split at the first '=' only.
Result<std::map<std::string, std::string>> parse_nested(const std::string& value, const std::string& where) {
  std::map<std::string, std::string> nested;
  std::string_view rest = value;
  while (!rest.empty()) {
    const auto end = rest.find('\n');
    const std::string_view line = strip(rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    if (line.empty()) continue;
    const auto equals = line.find('=');
    if (equals == std::string_view::npos) {
      return make_error(ErrorKind::malformed_input, where,
                        "a line in an indented block has no '=': '" + std::string(line) + "'");
    }
    nested[std::string(strip(line.substr(0, equals)))] = std::string(strip(line.substr(equals + 1)));
  }
  return nested;
}

Result<IniValue> finish_value(const PendingValue& pending, const std::string& file_name) {
  std::string joined;
  for (std::size_t i = 0; i < pending.lines.size(); ++i) {
    if (i > 0) joined += '\n';
    joined += pending.lines[i];
  }
  IniValue value;
  value.text = std::string(rstrip(joined));
  value.line = pending.line;
  if (!value.text.empty() && value.text.front() == '\n') {
    auto nested = parse_nested(value.text, file_name + ":" + std::to_string(pending.line));
    if (!nested) return nested.error();
    value.nested = std::move(nested.value());
  }
  return value;
}

}  // namespace

Result<IniFile> parse_ini(std::string_view text, const std::string& file_name) {
  // Python would keep a UTF-8 byte order mark and then fail on the first header; editors on Windows
  // write one, and nothing is lost by skipping it.
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);

  std::string storage;
  const auto lines = split_lines(text, storage);

  std::vector<PendingSection> sections;
  PendingSection defaults{"DEFAULT", 0, {}};
  PendingSection* current = nullptr;
  std::string option;  // the key continuation lines belong to; empty after a section header
  std::size_t indent_level = 0;
  std::set<std::string> seen_sections;
  auto where = [&](int line) { return file_name + ":" + std::to_string(line); };

  for (std::size_t index = 0; index < lines.size(); ++index) {
    const int line_number = static_cast<int>(index + 1);
    const std::string_view line = lines[index];
    const std::string_view value = strip(line);
    const bool comment = !value.empty() && (value.front() == '#' || value.front() == ';');
    if (value.empty() || comment) {
      // An empty line inside a value is kept (configparser's empty_lines_in_values); a comment is not.
      if (!comment && current != nullptr && !option.empty()) current->find(option)->lines.emplace_back();
      continue;
    }
    const std::size_t indent = line.find_first_not_of(kSpace);
    if (current != nullptr && !option.empty() && indent > indent_level) {
      current->find(option)->lines.emplace_back(value);
      continue;
    }
    indent_level = indent;
    const auto close = value.rfind(']');
    if (value.front() == '[' && close != std::string_view::npos && close >= 2) {
      // configparser's "\[(?P<header>.+)\]": up to the last ']', anything after it ignored.
      std::string name(value.substr(1, close - 1));
      option.clear();
      if (name == "DEFAULT") {
        current = &defaults;
        continue;
      }
      if (!seen_sections.insert(name).second) {
        return make_error(ErrorKind::malformed_input, where(line_number),
                          "section [" + name + "] appears twice (the AWS CLI rejects this file too)");
      }
      sections.push_back(PendingSection{std::move(name), line_number, {}});
      current = &sections.back();
      continue;
    }
    if (current == nullptr) {
      return make_error(ErrorKind::malformed_input, where(line_number),
                        "a line before the first [section] header (the AWS CLI rejects this file too)");
    }
    const auto delimiter = value.find_first_of("=:");
    const std::string key = lowercase(rstrip(value.substr(0, delimiter == std::string_view::npos ? 0 : delimiter)));
    if (delimiter == std::string_view::npos || key.empty()) {
      return make_error(ErrorKind::malformed_input, where(line_number),
                        "expected 'key = value' in section [" + current->name + "]");
    }
    if (current->find(key) != nullptr) {
      return make_error(ErrorKind::malformed_input, where(line_number),
                        "key '" + key + "' appears twice in section [" + current->name +
                            "] (the AWS CLI rejects this file too)");
    }
    PendingValue pending;
    pending.lines.emplace_back(strip(value.substr(delimiter + 1)));
    pending.line = line_number;
    current->values.emplace_back(key, std::move(pending));
    option = key;
  }

  IniFile file;
  for (const PendingSection& pending : sections) {
    IniSection section{pending.name, pending.line, {}};
    for (const auto& [key, value] : pending.values) {
      auto finished = finish_value(value, file_name);
      if (!finished) return finished.error();
      section.values.emplace(key, std::move(finished.value()));
    }
    for (const auto& [key, value] : defaults.values) {
      if (section.values.count(key) != 0) continue;
      auto finished = finish_value(value, file_name);
      if (!finished) return finished.error();
      section.values.emplace(key, std::move(finished.value()));
    }
    file.sections.push_back(std::move(section));
  }
  return file;
}

}  // namespace trailguard::aws
