// Parsing JSON input (API bodies, evidence files) with simdjson, with errors that name the input and the place.
// Each thread has its own parser; the returned element is valid until that thread's next parse.
#pragma once

#include <string>
#include <string_view>

#include <simdjson.h>

#include "base/result.hpp"

namespace trailguard::sources {

// Parses `text`; on failure the error names `input` and, for syntax errors, the line and column.
Result<simdjson::dom::element> parse_json(std::string_view text, const std::string& input);

// A JSON element plus its path, so that shape errors say exactly where: "trailList[2].Name".
struct JsonAt {
  simdjson::dom::element element;
  std::string path;
  const std::string* input;

  // The member, or nullopt when absent or null (AWS sends null for unset fields).
  std::optional<JsonAt> member(std::string_view key) const;
  bool is_object() const { return element.is_object(); }
  bool is_array() const { return element.is_array(); }

  Result<std::string> as_string() const;
  Result<bool> as_bool() const;
  Result<std::vector<std::string>> as_strings() const;
  // Elements of an array, each with its indexed path.
  Result<std::vector<JsonAt>> items() const;

  Error shape_error(std::string_view expected) const;
};

JsonAt json_root(simdjson::dom::element element, const std::string& input);

// A member that must be there: absent or null is an error naming its path ("logFiles[2].hashValue is missing").
Result<std::string> required_string(const JsonAt& object, std::string_view key);

// Optional members: absent/null gives `fallback`, a present member of the wrong type is an error.
Result<std::string> optional_string(const JsonAt& object, std::string_view key, std::string fallback = {});
Result<std::vector<std::string>> optional_strings(const JsonAt& object, std::string_view key);

}  // namespace trailguard::sources
