#include "sources/json_input.hpp"

#include <nlohmann/json.hpp>

#include "base/text_position.hpp"

namespace trailguard::sources {
namespace {

std::string_view type_name(simdjson::dom::element_type type) {
  using T = simdjson::dom::element_type;
  switch (type) {
    case T::ARRAY: return "an array";
    case T::OBJECT: return "an object";
    case T::INT64:
    case T::UINT64:
    case T::DOUBLE: return "a number";
    case T::STRING: return "a string";
    case T::BOOL: return "a boolean";
    case T::NULL_VALUE: return "null";
  }
  return "a value";
}

// simdjson says what is wrong but not where; nlohmann's parser gives the byte position. Only used on failure.
std::string locate_syntax_error(std::string_view text) {
  try {
    const auto parsed = nlohmann::json::parse(text.begin(), text.end());
    (void)parsed;
  } catch (const nlohmann::json::parse_error& e) {
    const auto at = position_of(text, e.byte == 0 ? 0 : e.byte - 1);
    return " at line " + std::to_string(at.line) + ", column " + std::to_string(at.column);
  } catch (const nlohmann::json::exception&) {
    // Not a syntax error with a position (e.g. a number too large for nlohmann): simdjson's word suffices.
  }
  return {};
}

}  // namespace

Result<simdjson::dom::element> parse_json(std::string_view text, const std::string& input) {
  thread_local simdjson::dom::parser parser;
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return make_error(ErrorKind::malformed_input, input, "is empty, expected a JSON document");
  simdjson::dom::element root;
  const auto error = parser.parse(text.data(), text.size()).get(root);
  if (error)
    return make_error(ErrorKind::malformed_input, input,
                      std::string("is not valid JSON") + locate_syntax_error(text) + " (" + simdjson::error_message(error) + ")");
  return root;
}

JsonAt json_root(simdjson::dom::element element, const std::string& input) { return JsonAt{element, "", &input}; }

std::optional<JsonAt> JsonAt::member(std::string_view key) const {
  simdjson::dom::element child;
  if (!element.is_object() || element.get_object().at_key(key).get(child) != simdjson::SUCCESS) return std::nullopt;
  if (child.is_null()) return std::nullopt;
  return JsonAt{child, path.empty() ? std::string(key) : path + "." + std::string(key), input};
}

Error JsonAt::shape_error(std::string_view expected) const {
  return make_error(ErrorKind::malformed_input, *input,
                    (path.empty() ? std::string("the document") : path) + " should be " + std::string(expected) +
                        ", found " + std::string(type_name(element.type())));
}

Result<std::string> JsonAt::as_string() const {
  std::string_view value;
  if (element.get_string().get(value) != simdjson::SUCCESS) return shape_error("a string");
  return std::string(value);
}

Result<bool> JsonAt::as_bool() const {
  bool value = false;
  if (element.get_bool().get(value) != simdjson::SUCCESS) return shape_error("a boolean");
  return value;
}

Result<std::vector<JsonAt>> JsonAt::items() const {
  simdjson::dom::array array;
  if (element.get_array().get(array) != simdjson::SUCCESS) return shape_error("an array");
  std::vector<JsonAt> out;
  std::size_t index = 0;
  for (auto child : array) out.push_back(JsonAt{child, path + "[" + std::to_string(index++) + "]", input});
  return out;
}

Result<std::vector<std::string>> JsonAt::as_strings() const {
  auto children = items();
  if (!children) return children.error();
  std::vector<std::string> out;
  for (const auto& child : *children) {
    auto text = child.as_string();
    if (!text) return text.error();
    out.push_back(std::move(*text));
  }
  return out;
}

Result<std::string> required_string(const JsonAt& object, std::string_view key) {
  auto child = object.member(key);
  if (!child)
    return make_error(ErrorKind::malformed_input, *object.input,
                      (object.path.empty() ? "" : object.path + ".") + std::string(key) + " is missing");
  return child->as_string();
}

Result<std::string> optional_string(const JsonAt& object, std::string_view key, std::string fallback) {
  auto child = object.member(key);
  if (!child) return fallback;
  return child->as_string();
}

Result<std::vector<std::string>> optional_strings(const JsonAt& object, std::string_view key) {
  auto child = object.member(key);
  if (!child) return std::vector<std::string>{};
  return child->as_strings();
}

}  // namespace trailguard::sources
