// JSON text → a tree that knows where every value and key is in the text, for Terraform's JSON syntax
// (tf_json_reader): messages and resource places need file:line:col, which nlohmann's tree does not keep.
// nlohmann checks the text (RFC 8259, UTF-8) and decodes its strings; a walk over the checked text then
// records each node's place, so places are exact rather than searched for.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "sources/terraform/hcl_ast.hpp"

namespace trailguard::sources::terraform {

struct JsonMember;

struct JsonNode {
  enum class Kind { null, boolean, number, string, array, object };
  Kind kind = Kind::null;
  SourcePos pos;          // the value's first character (a string's opening quote) to one past its last
  bool boolean = false;
  double number = 0;
  std::string text;       // a string's decoded characters; a number as written
  bool verbatim = false;  // a string without escapes: text is exactly its characters between the quotes
  std::vector<JsonNode> items;      // an array's elements
  std::vector<JsonMember> members;  // an object's members in written order, a repeated key kept
};

struct JsonMember {
  JsonNode key;  // a string
  JsonNode value;
};

inline constexpr int kMaxJsonDepth = 200;  // deeper nesting is an error, never a stack overflow

// On malformed JSON or nesting deeper than kMaxJsonDepth: Error(malformed_input)
// "<path>:<line>:<col>: <message>". Lines and columns are 1-based, columns count characters. Never throws.
Result<JsonNode> parse_positioned_json(std::string_view path, std::string_view text);

}  // namespace trailguard::sources::terraform
