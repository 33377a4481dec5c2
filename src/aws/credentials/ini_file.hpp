// The INI dialect of the AWS CLI's config and credentials files, parsed exactly as botocore parses it
// (Python's configparser.RawConfigParser plus botocore's one level of nested "s3 =" blocks):
//   - "[name]" section headers, names kept as written (case and inner spaces);
//   - "key = value" or "key: value", split at the first '=' or ':', keys lowercased, both sides stripped;
//   - whole-line comments starting with '#' or ';' (also indented); no inline comments, so
//     "region = x ; y" keeps "x ; y" as Python does;
//   - lines indented deeper than their key continue its value; a value that starts on the next line
//     ("s3 =" then indented "key = value" lines) is a nested block;
//   - a "[DEFAULT]" section supplies its keys to every other section;
//   - a repeated section or a repeated key in a section, a key line without '=' or ':', or a key before
//     the first section make the whole file invalid (configparser's strict mode).
// No length limit on lines (session tokens are long). Pure functions; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace trailguard::aws {

struct IniValue {
  std::string text;                                         // the value, continuation lines joined by '\n'
  std::optional<std::map<std::string, std::string>> nested; // set when the value is an indented block
  int line = 0;                                             // where its key is
};

struct IniSection {
  std::string name;  // as written between the brackets
  int line = 0;
  std::map<std::string, IniValue> values;  // keys lowercased
};

struct IniFile {
  std::vector<IniSection> sections;  // in file order, [DEFAULT] excluded (its keys merged in)
};

// `file_name` is used only in error messages (Error::where is "file:line").
Result<IniFile> parse_ini(std::string_view text, const std::string& file_name);

}  // namespace trailguard::aws
