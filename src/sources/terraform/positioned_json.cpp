// Two passes over the text: nlohmann's SAX parser checks it and hands over every string decoded, in text
// order; then a walk, which may trust the text's shape, takes each node's place and the next decoded
// string. nlohmann's SAX parser keeps its own stack, so no depth of input recurses there; the walk stops
// at kMaxJsonDepth.
#include "sources/terraform/positioned_json.hpp"

#include <cstdlib>
#include <deque>

#include <nlohmann/json.hpp>

#include "sources/terraform/hcl_parser_state.hpp"

namespace trailguard::sources::terraform {

namespace {

using hcl_detail::SyntaxError;
using Json = nlohmann::json;

// Records the decoded strings (keys and values alike) and the first error; numbers and the rest are
// read again by the walk, so this keeps nothing else.
class CheckingHandler : public nlohmann::json_sax<Json> {
 public:
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t& value) override { return keep(value); }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t& value) override { return keep(value); }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& error) override {
    error_position = position;
    error_message = error.what();
    return false;
  }

  std::deque<std::string> strings;
  std::size_t error_position = 0;
  std::string error_message;

 private:
  bool keep(string_t& value) {
    strings.push_back(std::move(value));
    return true;
  }
};

// "[json.exception.parse_error.101] parse error at line 1, column 9: syntax error ..." → "syntax error ...":
// the place is given in trailguard's own form.
std::string plain_message(const std::string& what) {
  const auto column = what.find("column ");
  if (const auto colon = what.find(": ", column == std::string::npos ? 0 : column); colon != std::string::npos)
    return what.substr(colon + 2);
  const auto bracket = what.find("] ");
  return bracket == std::string::npos ? what : what.substr(bracket + 2);
}

class Walker {
 public:
  Walker(std::string_view text, std::deque<std::string>& strings) : text_(text), strings_(strings) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") offset_ = 3;  // a byte order mark is not content
  }

  JsonNode document() {
    JsonNode node = value(0);
    skip_space();
    if (offset_ != text_.size() || !strings_.empty()) fail("the JSON checker and the reader disagree");
    return node;
  }

  // Where a byte offset of the text is, counting as the walk does.
  static SyntaxError error_at(std::string_view text, std::size_t offset, std::string message) {
    std::deque<std::string> none;
    Walker walker(text, none);
    walker.move_to(std::min(offset, text.size()));
    return {walker.line_, walker.column_, std::move(message)};
  }

 private:
  char peek() const { return offset_ < text_.size() ? text_[offset_] : '\0'; }

  void advance() {
    if (offset_ >= text_.size()) return;
    const auto c = static_cast<unsigned char>(text_[offset_++]);
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if ((c & 0xC0) != 0x80) {  // columns count characters, not UTF-8 continuation bytes
      ++column_;
    }
  }

  void move_to(std::size_t offset) {
    while (offset_ < offset) advance();
  }

  void skip_space() {
    while (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r') advance();
  }

  SourcePos here() const { return {line_, column_, static_cast<std::uint32_t>(offset_), static_cast<std::uint32_t>(offset_)}; }

  [[noreturn]] void fail(const std::string& message) const { throw SyntaxError{line_, column_, message}; }

  JsonNode value(int depth) {
    skip_space();
    JsonNode node;
    node.pos = here();
    const char c = peek();
    if (c == '{' || c == '[') {
      if (depth >= kMaxJsonDepth) fail("nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels");
      advance();
      node.kind = c == '{' ? JsonNode::Kind::object : JsonNode::Kind::array;
      for (skip_space(); peek() != '}' && peek() != ']'; skip_space()) {
        if (peek() == ',') advance();
        if (node.kind == JsonNode::Kind::array) {
          node.items.push_back(value(depth + 1));
          continue;
        }
        JsonMember member;
        member.key = value(depth + 1);
        skip_space();
        advance();  // the colon
        member.value = value(depth + 1);
        node.members.push_back(std::move(member));
      }
      advance();
    } else if (c == '"') {
      node.kind = JsonNode::Kind::string;
      string_token(node);
    } else if (c == 't' || c == 'f' || c == 'n') {
      node.kind = c == 'n' ? JsonNode::Kind::null : JsonNode::Kind::boolean;
      node.boolean = c == 't';
      for (int i = c == 'f' ? 5 : 4; i > 0; --i) advance();
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      node.kind = JsonNode::Kind::number;
      const std::size_t start = offset_;
      while (std::string_view("+-.eE0123456789").find(peek()) != std::string_view::npos) advance();
      node.text = std::string(text_.substr(start, offset_ - start));
      node.number = std::strtod(node.text.c_str(), nullptr);
    } else {
      fail("the JSON checker and the reader disagree");
    }
    node.pos.end_offset = static_cast<std::uint32_t>(offset_);
    return node;
  }

  void string_token(JsonNode& node) {
    advance();  // the opening quote
    node.verbatim = true;
    while (peek() != '"') {
      if (offset_ >= text_.size()) fail("the JSON checker and the reader disagree");
      if (peek() == '\\') {
        node.verbatim = false;
        advance();  // the escaped character is never a quote that ends the string
      }
      advance();
    }
    advance();  // the closing quote
    if (strings_.empty()) fail("the JSON checker and the reader disagree");
    node.text = std::move(strings_.front());
    strings_.pop_front();
  }

  std::string_view text_;
  std::deque<std::string>& strings_;
  std::size_t offset_ = 0;
  std::uint32_t line_ = 1;
  std::uint32_t column_ = 1;
};

}  // namespace

Result<JsonNode> parse_positioned_json(std::string_view path, std::string_view text) {
  try {
    CheckingHandler checker;
    if (!Json::sax_parse(text.begin(), text.end(), &checker)) {
      // nlohmann counts the bytes read, the one it stopped at included.
      const std::size_t offset = checker.error_position > 0 ? checker.error_position - 1 : 0;
      return hcl_detail::syntax_error(path, Walker::error_at(text, offset, plain_message(checker.error_message)));
    }
    Walker walker(text, checker.strings);
    return walker.document();
  } catch (const SyntaxError& error) {
    return hcl_detail::syntax_error(path, error);
  } catch (const std::exception& error) {  // nlohmann's own, should the checker and the walk ever disagree
    return make_error(ErrorKind::malformed_input, {}, std::string(path) + ":1:1: " + error.what());
  }
}

}  // namespace trailguard::sources::terraform
