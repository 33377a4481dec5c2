// HCL2 expressions: conditionals, operators by precedence, terms, traversals and splats, collections and
// for expressions. Spans follow HashiCorp's ranges (an operation spans its operands; a call, its name to
// its closing parenthesis), so the differential test can compare expression text.
#include <cctype>
#include <cstdlib>

#include "sources/terraform/hcl_parser_state.hpp"

namespace trailguard::sources::terraform::hcl_detail {

namespace {

struct Operator {
  std::string_view text;
  int precedence;
};

// Longer spellings first so "<=" is not read as "<".
constexpr Operator kOperators[] = {
    {"||", 1}, {"&&", 2}, {"==", 3}, {"!=", 3}, {"<=", 4}, {">=", 4}, {"<", 4}, {">", 4},
    {"+", 5},  {"-", 5},  {"*", 6},  {"/", 6},  {"%", 6},
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

Expression Parser::parse_expression() {
  Depth depth(*this);
  Expression condition = parse_binary(1);
  skip_space();
  if (peek() != '?') return condition;
  advance();
  Expression when_true = parse_expression();
  expect(":", "between a conditional's results");
  Expression when_false = parse_expression();
  const SourcePos pos = span(condition.pos, when_false.pos);
  return make_node(ExprKind::conditional, pos, {}, moved(std::move(condition), std::move(when_true), std::move(when_false)));
}

Expression Parser::parse_binary(int min_precedence) {
  Expression left = parse_unary();
  for (;;) {
    skip_space();
    const Operator* found = nullptr;
    for (const auto& op : kOperators)
      if (looking_at(op.text)) {
        found = &op;
        break;
      }
    // "<<" begins a heredoc, never an operator; "%{" and "${" do not occur here outside templates.
    if (!found || found->precedence < min_precedence || looking_at("<<")) return left;
    advance(found->text.size());
    Depth depth(*this);
    Expression right = parse_binary(found->precedence + 1);
    const SourcePos pos = span(left.pos, right.pos);
    left = make_node(ExprKind::binary_op, pos, std::string(found->text), moved(std::move(left), std::move(right)));
  }
}

Expression Parser::parse_unary() {
  skip_space();
  if ((peek() == '!' && peek(1) != '=') || peek() == '-') {
    const Mark start = mark();
    const std::string op(1, peek());
    advance();
    Depth depth(*this);
    Expression operand = parse_unary();
    SourcePos pos = span(start);
    pos.end_offset = operand.pos.end_offset;
    return make_node(ExprKind::unary_op, pos, op, moved(std::move(operand)));
  }
  return parse_traversals(parse_term());
}

Expression Parser::parse_term() {
  skip_space();
  const char c = peek();
  if (is_digit(c)) return parse_number();
  if (c == '"') return parse_quoted_template();
  if (c == '<' && peek(1) == '<') return parse_heredoc();
  if (c == '(') return parse_parenthesized();
  if (c == '[') return parse_tuple_or_for();
  if (c == '{') return parse_object_or_for();
  if (at_identifier_start()) return parse_name_or_call();
  fail_here("an expression");
}

Expression Parser::parse_number() {
  const Mark start = mark();
  while (is_digit(peek())) advance();
  if (peek() == '.' && is_digit(peek(1))) {
    advance();
    while (is_digit(peek())) advance();
  }
  if ((peek() == 'e' || peek() == 'E') &&
      (is_digit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && is_digit(peek(2))))) {
    advance(2);
    while (is_digit(peek())) advance();
  }
  Expression e = make_node(ExprKind::literal_number, span(start), std::string(source().substr(start.offset, mark().offset - start.offset)));
  e.number = std::strtod(e.text.c_str(), nullptr);
  return e;
}

Expression Parser::parse_name_or_call() {
  const Mark start = mark();
  std::string name = read_identifier();
  while (looking_at("::")) {  // provider::namespace::function
    advance(2);
    if (!at_identifier_start()) fail_here("a function name after \"::\"");
    name += "::" + read_identifier();
  }
  const Mark after_name = mark();
  skip_space();
  if (peek() != '(') {
    if (name.find("::") != std::string::npos) fail_here("\"(\" after the function name " + name);
    Expression e = make_node(ExprKind::variable, span(start), name);
    e.pos.end_offset = after_name.offset;
    if (name == "true" || name == "false") {
      e.kind = ExprKind::literal_bool;
      e.boolean = name == "true";
    } else if (name == "null") {
      e.kind = ExprKind::literal_null;
    }
    return e;
  }
  advance();
  Expression call = make_node(ExprKind::function_call, {}, std::move(name));
  NewlineMode spaces(*this, false);
  parse_comma_list(call, ')', "in the arguments of " + call.text + "()", true);
  call.pos = span(start);
  seal(call);
  return call;
}

// Expressions separated by commas (a trailing one allowed) into `into.operands`, through the closing
// `close`. With `expansion` the last may be followed by "..." (into.flag), as a call's arguments may.
void Parser::parse_comma_list(Expression& into, char close, const std::string& where, bool expansion) {
  const std::string closing(1, close);
  for (;;) {
    skip_space();
    if (peek() == close) break;
    into.operands.push_back(parse_expression());
    skip_space();
    if (expansion && looking_at("...")) {
      advance(3);
      into.flag = true;
      skip_space();
      if (peek() != close) fail_here("\"" + closing + "\" after the expanded argument");
      break;
    }
    if (peek() == ',') {
      advance();
      continue;
    }
    if (peek() != close) fail_here("\",\" or \"" + closing + "\" " + where);
  }
  advance();
}

Expression Parser::parse_parenthesized() {
  const Mark start = mark();
  advance();
  NewlineMode spaces(*this, false);
  Expression inner = parse_expression();
  expect(")", "to close the parenthesis");
  return make_node(ExprKind::parenthesized, span(start), {}, moved(std::move(inner)));
}

// .name, [key], .0 (the 0.11 index form), and the splats .* and [*], whose following traversals apply to
// each element.
Expression Parser::parse_traversals(Expression subject) {
  for (;;) {
    const Mark before = mark();
    skip_space();
    if (peek() == '.' && peek(1) == '*') {
      advance(2);
      const std::uint32_t operator_end = mark().offset;
      Expression element = make_node(ExprKind::splat_element, span(before));
      element.pos.offset = element.pos.end_offset = operator_end;
      for (;;) {  // an attribute splat takes only the .names that follow it
        const Mark at = mark();
        skip_space();
        const auto next = static_cast<unsigned char>(peek(1));
        if (peek() != '.' || !(next == '_' || std::isalpha(next) || next >= 0x80)) {
          pos_ = at;
          break;
        }
        advance();
        std::string name = read_identifier();
        const SourcePos pos{element.pos.line, element.pos.column, element.pos.offset, mark().offset};
        element = make_node(ExprKind::get_attr, pos, std::move(name), moved(std::move(element)));
      }
      SourcePos pos = subject.pos;
      pos.end_offset = element.kind == ExprKind::splat_element ? operator_end : element.pos.end_offset;
      subject = make_node(ExprKind::splat, pos, {}, moved(std::move(subject), std::move(element)));
      continue;
    }
    if (peek() == '[') {
      const Mark open = mark();
      advance();
      NewlineMode spaces(*this, false);
      skip_space();
      if (peek() == '*') {
        advance();
        expect("]", "to close [*");
        Expression element = make_node(ExprKind::splat_element, span(mark()));
        element.pos.offset = element.pos.end_offset = open.offset;
        SourcePos pos = subject.pos;
        pos.end_offset = mark().offset;
        Expression splat = make_node(ExprKind::splat, pos, {}, moved(std::move(subject), Expression{}));
        splat.flag = true;
        // A full splat takes every following .name and [index] as the traversal of each element.
        Expression traversal = parse_traversals(std::move(element));
        if (traversal.kind != ExprKind::splat_element) splat.pos.end_offset = traversal.pos.end_offset;
        splat.operands[1] = std::move(traversal);
        seal(splat);
        return splat;
      }
      Expression key = parse_expression();
      expect("]", "to close the index");
      SourcePos pos = subject.pos;
      pos.end_offset = mark().offset;
      subject = make_node(ExprKind::index, pos, {}, moved(std::move(subject), std::move(key)));
      continue;
    }
    if (peek() == '.' && peek(1) != '.') {
      advance();
      SourcePos pos = subject.pos;
      if (is_digit(peek())) {  // a.0: the legacy index
        const Mark digits = mark();
        while (is_digit(peek())) advance();
        // HashiCorp's scanner reads "0.1" in x.0.1 as one number, and its parser refuses it.
        if (peek() == '.' && is_digit(peek(1)))
          fail(digits, "two legacy indexes in a row (x.0.1) are not allowed: write x[0][1]");
        Expression key = make_node(ExprKind::literal_number, span(digits),
                                   std::string(source().substr(digits.offset, mark().offset - digits.offset)));
        key.number = std::strtod(key.text.c_str(), nullptr);
        pos.end_offset = mark().offset;
        subject = make_node(ExprKind::index, pos, {}, moved(std::move(subject), std::move(key)));
        continue;
      }
      if (!at_identifier_start()) fail_here("an attribute name after \".\"");
      std::string name = read_identifier();
      pos.end_offset = mark().offset;
      subject = make_node(ExprKind::get_attr, pos, std::move(name), moved(std::move(subject)));
      continue;
    }
    pos_ = before;  // what follows is not a traversal: leave its spaces (and newlines) to the caller
    return subject;
  }
}

Expression Parser::parse_tuple_or_for() {
  const Mark start = mark();
  advance();
  NewlineMode spaces(*this, false);
  skip_space();
  if (at_for_keyword()) return parse_for(start, ']');
  Expression tuple = make_node(ExprKind::tuple, {});
  parse_comma_list(tuple, ']', "in the list", false);
  tuple.pos = span(start);
  seal(tuple);
  return tuple;
}

Expression Parser::parse_object_or_for() {
  const Mark start = mark();
  advance();
  {
    NewlineMode spaces(*this, false);
    skip_space();
    if (at_for_keyword()) return parse_for(start, '}');
  }
  NewlineMode significant(*this, true);
  Expression object = make_node(ExprKind::object, {});
  for (;;) {
    skip_all_space();
    if (peek() == '}') break;
    Expression key = parse_expression();
    skip_inline_space();
    if (peek() == '=' && peek(1) != '=' && peek(1) != '>') advance();
    else if (peek() == ':') advance();
    else fail_here("\"=\" or \":\" after the object key");
    Expression value = parse_expression();
    object.operands.push_back(std::move(key));
    object.operands.push_back(std::move(value));
    skip_inline_space();
    if (peek() == ',') advance();
    else if (at_newline()) skip_newline();
    else if (peek() != '}') fail_here("\",\", a newline or \"}\" after the object item");
  }
  advance();
  object.pos = span(start);
  seal(object);
  return object;
}

// `k, v in` or `v in` after a for keyword (of an expression or a %{for}): [key or "", value].
std::vector<std::string> Parser::parse_for_variables(std::string_view keyword) {
  skip_space();
  if (!at_identifier_start()) fail_here("a variable name after " + std::string(keyword));
  std::vector<std::string> names = {"", read_identifier()};
  if (accept(",")) {
    skip_space();
    if (!at_identifier_start()) fail_here("a second variable name after " + std::string(keyword));
    names = {names[1], read_identifier()};
  }
  skip_space();
  if (!looking_at("in") || is_identifier_byte(static_cast<unsigned char>(peek(2)))) fail_here("\"in\" after " + std::string(keyword));
  advance(2);
  return names;
}

bool Parser::at_for_keyword() const {
  return looking_at("for") && (peek(3) == ' ' || peek(3) == '\t' || peek(3) == '\n' || peek(3) == '\r');
}

// [for k, v in coll : value if cond] and {for k, v in coll : key => value... if cond}; `for` is next.
Expression Parser::parse_for(Mark open, char close) {
  NewlineMode spaces(*this, false);
  advance(3);
  Expression e = make_node(ExprKind::for_expr, {}, std::string(1, close == ']' ? '[' : '{'));
  e.names = parse_for_variables("for");
  Expression collection = parse_expression();
  expect(":", "after the for expression's collection");
  Expression key = make_node(ExprKind::literal_null, span(mark()));
  if (close == '}') {
    key = parse_expression();
    expect("=>", "between the key and the value");
  }
  Expression value = parse_expression();
  skip_space();
  if (close == '}' && looking_at("...")) {
    advance(3);
    e.flag = true;
  }
  Expression condition = make_node(ExprKind::literal_null, span(mark()));
  skip_space();
  if (looking_at("if") && !at_end()) {
    const Mark at = mark();
    advance(2);
    if (at_identifier_start() || std::isdigit(static_cast<unsigned char>(peek()))) pos_ = at;
    else condition = parse_expression();
  }
  expect(std::string_view(&close, 1), close == ']' ? "to close the for expression" : "to close the for expression");
  e.operands = moved(std::move(collection), std::move(key), std::move(value), std::move(condition));
  e.pos = span(open);
  seal(e);
  return e;
}

}  // namespace trailguard::sources::terraform::hcl_detail
