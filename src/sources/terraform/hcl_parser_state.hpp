// The parser's shared state and grammar, split over hcl_parser.cpp (bodies, blocks, attributes),
// hcl_expression_parser.cpp (operators, terms, traversals, collections, for) and hcl_template_parser.cpp
// (quoted strings, heredocs, interpolation, directives). Internal to sources/terraform.
//
// It reads bytes directly rather than a token stream because HCL is not context-free at the token level:
// what a character means depends on whether it sits in a template, a heredoc or an expression, and whether
// a newline ends an attribute depends on the brackets around it (as in HashiCorp's parser).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/error.hpp"
#include "sources/terraform/hcl_ast.hpp"

namespace trailguard::sources::terraform::hcl_detail {

inline constexpr int kMaxNesting = 200;  // deeper nesting is an error, never a stack overflow
// A chain (a.b[0].c..., 1 + 1 + ...) is read in a loop, not by recursion, but still builds a tree as tall as it is
// long: beyond this height an expression is refused, so nothing that walks it can overflow the stack.
inline constexpr std::uint32_t kMaxHeight = 500;

// A syntax error at a place; caught by parse_hcl and turned into an Error.
struct SyntaxError {
  std::uint32_t line;
  std::uint32_t column;
  std::string message;
};

// Error(malformed_input) "<path>:<line>:<col>: <message>", as parse_hcl and tf_json_reader report.
Error syntax_error(std::string_view path, const SyntaxError& error);

struct Mark {
  std::uint32_t offset = 0;
  std::uint32_t line = 1;
  std::uint32_t column = 1;
};

// One piece of a template before its directives are paired up: the flat sequence HashiCorp's parser also
// works on, so a flush heredoc's indentation and the ~ strip markers are applied where it applies them.
struct TemplateToken {
  enum class Kind { literal, interpolation, if_open, else_open, end_if, for_open, end_for };
  Kind kind = Kind::literal;
  std::string text;               // a literal's decoded characters
  std::vector<Expression> exprs;  // interpolation / if: [expr]; for: [collection]
  std::vector<std::string> names; // for: [key or "", value]
  bool strip_before = false;      // ${~ or %{~
  bool strip_after = false;       // ~}
  SourcePos pos;
};

class Parser {
 public:
  Parser(std::string_view path, std::string_view source);

  Body parse_file();
  Expression parse_whole_expression();  // the text is one expression, for parse_expression_text

  // bodies (hcl_parser.cpp)
  Body parse_body(bool in_block);
  void parse_block_or_attribute(Body& body, bool single_line);

  // expressions (hcl_expression_parser.cpp)
  Expression parse_expression();
  Expression parse_binary(int min_precedence);
  Expression parse_unary();
  Expression parse_term();
  Expression parse_traversals(Expression subject);
  Expression parse_number();
  Expression parse_name_or_call();
  Expression parse_parenthesized();
  void parse_comma_list(Expression& into, char close, const std::string& where, bool expansion);
  Expression parse_tuple_or_for();
  Expression parse_object_or_for();
  Expression parse_for(Mark open, char close);
  std::vector<std::string> parse_for_variables(std::string_view keyword);
  bool at_for_keyword() const;

  // templates (hcl_template_parser.cpp)
  Expression parse_quoted_template();
  Expression parse_heredoc();
  Expression parse_bare_template();  // up to the end of the text, for parse_template_text
  std::string parse_label_string();
  // Strips around ~ markers, removes a <<- heredoc's common indentation, joins literals, pairs directives.
  Expression build_template(std::vector<TemplateToken>& tokens, Mark start, bool flush_indentation = false);
  void scan_template_escape(std::string& literal);
  bool scan_template_sequence(std::vector<TemplateToken>& tokens);

  // characters (hcl_parser.cpp)
  char peek(std::size_t ahead = 0) const {
    return pos_.offset + ahead < source_.size() ? source_[pos_.offset + ahead] : '\0';
  }
  bool at_end() const { return pos_.offset >= source_.size(); }
  bool looking_at(std::string_view text) const { return source_.substr(pos_.offset, text.size()) == text; }
  void advance(std::size_t count = 1);
  bool accept(std::string_view text);  // after skip_space
  void expect(std::string_view text, std::string_view what);
  void skip_space();        // spaces, comments, and newlines where the brackets make them insignificant
  void skip_inline_space(); // spaces and comments, never a newline
  void skip_all_space();    // spaces, comments and newlines
  bool at_newline() const { return peek() == '\n' || (peek() == '\r' && peek(1) == '\n'); }
  void skip_newline();
  bool at_identifier_start() const;
  static bool is_identifier_byte(unsigned char c);
  std::string read_identifier();
  [[noreturn]] void fail(const Mark& at, const std::string& message) const;
  [[noreturn]] void fail_here(const std::string& expected) const;
  std::string describe_here() const;

  Mark mark() const { return pos_; }
  SourcePos span(const Mark& start) const { return {start.line, start.column, start.offset, pos_.offset}; }
  static SourcePos span(const SourcePos& from, const SourcePos& to) {
    return {from.line, from.column, from.offset, to.end_offset};
  }
  std::string_view source() const { return source_; }

  // Newlines end attributes except inside (), [], ${} and for expressions, where they are spaces; an
  // object's braces make them significant again (they separate items). RAII so errors unwind cleanly.
  class NewlineMode {
   public:
    NewlineMode(Parser& parser, bool significant) : parser_(parser) { parser_.newline_significant_.push_back(significant); }
    ~NewlineMode() { parser_.newline_significant_.pop_back(); }
    NewlineMode(const NewlineMode&) = delete;
    NewlineMode& operator=(const NewlineMode&) = delete;

   private:
    Parser& parser_;
  };

  class Depth {
   public:
    explicit Depth(Parser& parser);
    ~Depth() { --parser_.depth_; }
    Depth(const Depth&) = delete;
    Depth& operator=(const Depth&) = delete;

   private:
    Parser& parser_;
  };

 private:
  std::string_view path_;
  std::string_view source_;
  Mark pos_;
  std::vector<bool> newline_significant_{true};
  int depth_ = 0;
};

Expression make_node(ExprKind kind, SourcePos pos, std::string text = {}, std::vector<Expression> operands = {});
// Sets e.height from its operands (for nodes whose operands were added after make_node); throws SyntaxError
// at e.pos when the tree is taller than kMaxHeight.
void seal(Expression& e);

// Moves its arguments into a vector of operands. A braced list would copy them (an initializer_list's elements
// are const), so each step of a traversal or operator chain copied the whole tree before it: quadratic.
template <class... Operands>
std::vector<Expression> moved(Operands&&... operands) {
  std::vector<Expression> out;
  out.reserve(sizeof...(operands));
  (out.push_back(std::forward<Operands>(operands)), ...);
  return out;
}

}  // namespace trailguard::sources::terraform::hcl_detail
