// HCL2 native syntax: the file, its bodies, blocks and attributes, and the character-level helpers the
// expression and template parsers share.
#include "sources/terraform/hcl_parser.hpp"

#include <algorithm>

#include "sources/terraform/hcl_parser_state.hpp"

namespace trailguard::sources::terraform {
namespace hcl_detail {

namespace {

}  // namespace

bool Parser::is_identifier_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c >= 0x80;
}

Expression make_node(ExprKind kind, SourcePos pos, std::string text, std::vector<Expression> operands) {
  Expression e;
  e.kind = kind;
  e.pos = pos;
  e.text = std::move(text);
  e.operands = std::move(operands);
  seal(e);
  return e;
}

void seal(Expression& e) {
  std::uint32_t below = 0;
  for (const auto& operand : e.operands) below = std::max(below, operand.height);
  e.height = below + 1;
  if (e.height > kMaxHeight)
    throw SyntaxError{e.pos.line, e.pos.column, "an expression nested or chained deeper than " + std::to_string(kMaxHeight) + " levels"};
}

Parser::Parser(std::string_view path, std::string_view source) : path_(path), source_(source) {
  if (looking_at("\xEF\xBB\xBF")) pos_.offset = 3;  // a UTF-8 byte order mark is not content
}

Parser::Depth::Depth(Parser& parser) : parser_(parser) {
  if (++parser_.depth_ > kMaxNesting) {
    --parser_.depth_;
    parser_.fail(parser_.pos_, "nesting deeper than " + std::to_string(kMaxNesting) + " levels");
  }
}

void Parser::advance(std::size_t count) {
  for (std::size_t i = 0; i < count && pos_.offset < source_.size(); ++i) {
    const auto c = static_cast<unsigned char>(source_[pos_.offset++]);
    if (c == '\n') {
      ++pos_.line;
      pos_.column = 1;
    } else if ((c & 0xC0) != 0x80) {  // columns count characters, not UTF-8 continuation bytes
      ++pos_.column;
    }
  }
}

void Parser::skip_inline_space() {
  while (!at_end()) {
    const char c = peek();
    if (c == ' ' || c == '\t' || (c == '\r' && peek(1) != '\n')) {
      advance();
    } else if (c == '#' || (c == '/' && peek(1) == '/')) {
      while (!at_end() && !at_newline()) advance();
    } else if (c == '/' && peek(1) == '*') {
      const Mark start = pos_;
      advance(2);
      while (!at_end() && !looking_at("*/")) advance();
      if (at_end()) fail(start, "a /* comment is not closed");
      advance(2);
    } else {
      return;
    }
  }
}

void Parser::skip_all_space() {
  for (;;) {
    skip_inline_space();
    if (!at_newline()) return;
    skip_newline();
  }
}

void Parser::skip_space() {
  if (newline_significant_.back()) skip_inline_space();
  else skip_all_space();
}

void Parser::skip_newline() { advance(peek() == '\r' ? 2 : 1); }

bool Parser::accept(std::string_view text) {
  skip_space();
  if (!looking_at(text)) return false;
  advance(text.size());
  return true;
}

void Parser::expect(std::string_view text, std::string_view what) {
  if (!accept(text)) fail_here("\"" + std::string(text) + "\" " + std::string(what));
}

bool Parser::at_identifier_start() const {
  const auto c = static_cast<unsigned char>(peek());
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

std::string Parser::read_identifier() {
  const std::uint32_t start = pos_.offset;
  while (!at_end() && is_identifier_byte(static_cast<unsigned char>(peek()))) advance();
  return std::string(source_.substr(start, pos_.offset - start));
}

std::string Parser::describe_here() const {
  if (at_end()) return "the end of the file";
  if (at_newline()) return "a newline";
  const auto c = static_cast<unsigned char>(peek());
  if (c < 0x20 || c == 0x7F) return "a control character";
  std::size_t length = 1;
  if (is_identifier_byte(c)) {
    while (pos_.offset + length < source_.size() && length < 24 &&
           is_identifier_byte(static_cast<unsigned char>(source_[pos_.offset + length])))
      ++length;
  }
  return "\"" + std::string(source_.substr(pos_.offset, length)) + "\"";
}

void Parser::fail(const Mark& at, const std::string& message) const { throw SyntaxError{at.line, at.column, message}; }

void Parser::fail_here(const std::string& expected) const { fail(pos_, "expected " + expected + ", found " + describe_here()); }

Body Parser::parse_file() { return parse_body(false); }

Expression Parser::parse_whole_expression() {
  NewlineMode spaces(*this, false);
  skip_all_space();
  Expression e = parse_expression();
  skip_all_space();
  if (!at_end()) fail_here("the end of the expression");
  return e;
}

// A body: attributes and blocks, one per line, up to the end of the file or the block's closing brace.
Body Parser::parse_body(bool in_block) {
  Depth depth(*this);
  NewlineMode significant(*this, true);
  Body body;
  for (;;) {
    skip_all_space();
    if (at_end()) {
      if (in_block) fail_here("\"}\" to close the block");
      return body;
    }
    if (peek() == '}') {
      if (!in_block) fail_here("an attribute or a block");
      return body;
    }
    parse_block_or_attribute(body, false);
    skip_inline_space();
    if (at_end() || (in_block && peek() == '}')) continue;
    if (!at_newline()) fail_here("a newline after the " + std::string(body.blocks.empty() ? "attribute" : "definition"));
    skip_newline();
  }
}

void Parser::parse_block_or_attribute(Body& body, bool single_line) {
  if (!at_identifier_start()) fail_here("an attribute name or a block type");
  const Mark start = pos_;
  std::string name = read_identifier();
  skip_inline_space();
  if (peek() == '=' && peek(1) != '=') {
    advance();
    for (const auto& existing : body.attributes)
      if (existing.name == name)
        fail(start, "attribute \"" + name + "\" is already set at line " + std::to_string(existing.pos.line));
    Attribute attribute;
    attribute.name = std::move(name);
    attribute.value = parse_expression();
    attribute.pos = {start.line, start.column, start.offset, attribute.value.pos.end_offset};
    body.attributes.push_back(std::move(attribute));
    return;
  }
  if (single_line) fail(start, "a one-line block holds one attribute, not a nested block");
  Block block;
  block.type = std::move(name);
  block.pos = {start.line, start.column, start.offset, start.offset};
  for (;;) {
    skip_inline_space();
    if (peek() == '"') block.labels.push_back(parse_label_string());
    else if (at_identifier_start()) block.labels.push_back(read_identifier());
    else break;
  }
  if (peek() != '{') fail_here(block.labels.empty() ? "\"=\" or \"{\" after \"" + block.type + "\"" : "\"{\" to open the block");
  advance();
  skip_inline_space();
  if (at_newline() || at_end()) {
    block.body.push_back(parse_body(true));
  } else {  // block { attr = value } on one line
    Body content;
    NewlineMode significant(*this, true);
    if (peek() != '}') {
      parse_block_or_attribute(content, true);
      skip_inline_space();
    }
    if (peek() != '}') fail_here("\"}\" to close the one-line block");
    block.body.push_back(std::move(content));
  }
  advance();  // the closing brace
  block.pos.end_offset = pos_.offset;
  body.blocks.push_back(std::move(block));
}

namespace {

// Moves a position counted from the start of a text to where the text starts in its file.
void move_to(SourcePos& pos, const SourcePos& origin) {
  if (pos.line == 1) pos.column += origin.column - 1;
  pos.line += origin.line - 1;
  pos.offset += origin.offset;
  pos.end_offset += origin.offset;
}

// Iterative: a long chain of operators is a deep tree.
void move_tree(Expression& root, const SourcePos& origin) {
  std::vector<Expression*> pending{&root};
  while (!pending.empty()) {
    Expression* e = pending.back();
    pending.pop_back();
    move_to(e->pos, origin);
    for (auto& operand : e->operands) pending.push_back(&operand);
  }
}

template <typename Parse>
Result<Expression> parse_text(std::string_view path, std::string_view text, const SourcePos& origin, Parse parse) {
  try {
    Parser parser(path, text);
    Expression e = parse(parser);
    move_tree(e, origin);
    return e;
  } catch (const SyntaxError& error) {
    SourcePos at{error.line, error.column, 0, 0};
    move_to(at, origin);
    return syntax_error(path, {at.line, at.column, error.message});
  }
}

}  // namespace

Error syntax_error(std::string_view path, const SyntaxError& error) {
  const std::string place = std::string(path) + ":" + std::to_string(error.line) + ":" + std::to_string(error.column);
  return make_error(ErrorKind::malformed_input, {}, place + ": " + error.message);
}

}  // namespace hcl_detail

Result<Expression> parse_template_text(std::string_view path, std::string_view text, SourcePos origin) {
  return hcl_detail::parse_text(path, text, origin, [](hcl_detail::Parser& parser) { return parser.parse_bare_template(); });
}

Result<Expression> parse_expression_text(std::string_view path, std::string_view text, SourcePos origin) {
  return hcl_detail::parse_text(path, text, origin, [](hcl_detail::Parser& parser) { return parser.parse_whole_expression(); });
}

Result<HclFile> parse_hcl(std::string path, std::string source) {
  HclFile file;
  file.path = std::move(path);
  file.source = std::move(source);
  try {
    hcl_detail::Parser parser(file.path, file.source);
    file.body = parser.parse_file();
  } catch (const hcl_detail::SyntaxError& error) {
    return hcl_detail::syntax_error(file.path, error);
  }
  return file;
}

}  // namespace trailguard::sources::terraform
