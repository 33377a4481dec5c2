// The syntax tree of one HCL2 native-syntax file (.tf, .tfvars), as hcl_parser builds it. Every node
// knows where it starts (1-based line and column) and the byte span of its source text, so messages name
// the place and the differential test against HashiCorp's parser can compare expressions by their text.
// It holds syntax only: what an expression means is the evaluator's (hcl_evaluator).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace trailguard::sources::terraform {

struct SourcePos {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::uint32_t offset = 0;      // byte offset of the node's first character
  std::uint32_t end_offset = 0;  // one past its last character
};

enum class ExprKind {
  literal_null,
  literal_bool,    // boolean
  literal_number,  // number (text keeps the digits as written)
  // A quoted string or heredoc. operands: its parts in order, each literal_string (text is the decoded
  // characters, escapes resolved), an interpolation (any expression), or a template_if / template_for.
  // A template of exactly one literal part is a plain string.
  template_string,
  literal_string,
  template_if,   // operands: [condition, then-template, else-template]; else is a template_string with no parts when absent
  template_for,  // names: [key var or "", value var]; operands: [collection, body template_string]
  variable,      // text: the root name (var, local, module, each, count, path, terraform, self, a resource type, ...)
  get_attr,      // operands: [object]; text: the attribute name
  index,         // operands: [collection, key]
  splat,         // operands: [source, each-element traversal or the anonymous `splat_element`]; flag: true for [*], false for .*
  splat_element, // the element a splat's traversal starts from
  function_call, // text: the name (may be provider::ns::fn); operands: the arguments; flag: the last argument is expanded (...)
  tuple,         // operands: the elements
  object,        // operands: key, value, key, value, ... (a bare identifier key is a literal_string with flag true)
  conditional,   // operands: [condition, true result, false result]
  unary_op,      // text: "!" or "-"; operands: [operand]
  binary_op,     // text: "||" "&&" "==" "!=" "<" "<=" ">" ">=" "+" "-" "*" "/" "%"; operands: [left, right]
  // names: [key var or "", value var]; operands: [collection, key expr or literal_null when a tuple-for,
  // value expr, condition or literal_null]; flag: object-for with grouping (...); text: "[" or "{"
  for_expr,
  parenthesized,  // operands: [inner]
};

struct Expression {
  ExprKind kind = ExprKind::literal_null;
  SourcePos pos;
  std::string text;
  double number = 0;
  bool boolean = false;
  bool flag = false;
  // Levels of the tree from this node down (1 for a leaf). The parser refuses trees taller than it can walk:
  // every consumer (evaluator, destructor, printers) recurses.
  std::uint32_t height = 1;
  std::vector<std::string> names;
  std::vector<Expression> operands;
};

struct Attribute {
  std::string name;
  Expression value;
  SourcePos pos;  // the name's position
};

struct Body;

struct Block {
  std::string type;                 // "resource", "module", "variable", "dynamic", "event_selector", ...
  std::vector<std::string> labels;  // quoted or bare, decoded
  std::vector<Body> body;           // exactly one element (a vector so Block can hold an incomplete Body)
  SourcePos pos;                    // the type keyword's position
  const Body& content() const { return body.front(); }
};

// Attributes and blocks in written order, each list on its own.
struct Body {
  std::vector<Attribute> attributes;
  std::vector<Block> blocks;
};

struct HclFile {
  std::string path;    // as given, for messages
  std::string source;  // the file's bytes, kept for expression text and suppression comments
  Body body;
};

}  // namespace trailguard::sources::terraform
