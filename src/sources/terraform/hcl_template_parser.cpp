// HCL2 templates: quoted strings and heredocs, with ${interpolation}, %{if}/%{for} directives and ~ strip
// markers. Like HashiCorp's parser it first reads a flat token sequence, then strips around ~ markers, then
// removes a flush heredoc's (<<-) common indentation, then joins adjacent literals and pairs directives:
// the order matters where a strip marker eats a line's newline.
#include <algorithm>
#include <cstdint>
#include <limits>

#include "sources/terraform/hcl_parser_state.hpp"

namespace trailguard::sources::terraform::hcl_detail {

namespace {

using Kind = TemplateToken::Kind;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

void apply_strip_markers(std::vector<TemplateToken>& tokens) {
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].strip_before && i > 0 && tokens[i - 1].kind == Kind::literal) {
      std::string& text = tokens[i - 1].text;
      while (!text.empty() && is_space(text.back())) text.pop_back();
    }
    if (tokens[i].strip_after && i + 1 < tokens.size() && tokens[i + 1].kind == Kind::literal) {
      std::string& text = tokens[i + 1].text;
      text.erase(0, std::find_if(text.begin(), text.end(), [](char c) { return !is_space(c); }) - text.begin());
    }
  }
}

// <<-: every line loses the indentation common to all lines; a line of only spaces does not count, and a
// line that starts with an interpolation or directive counts as unindented.
void remove_common_indentation(std::vector<TemplateToken>& tokens) {
  std::size_t common = std::numeric_limits<std::size_t>::max();
  std::vector<TemplateToken*> indented;
  bool line_start = true;
  for (auto& token : tokens) {
    if (line_start) {
      line_start = false;
      if (token.kind == Kind::literal) {
        const std::size_t spaces = std::find_if(token.text.begin(), token.text.end(), [](char c) { return !is_space(c); }) - token.text.begin();
        const bool blank = spaces == token.text.size() && !token.text.empty() && token.text.back() == '\n';
        if (!blank) {
          common = std::min(common, spaces);
          indented.push_back(&token);
        }
      } else {
        common = 0;
      }
    }
    if (token.kind == Kind::literal && !token.text.empty() && token.text.back() == '\n') line_start = true;
  }
  if (common == std::numeric_limits<std::size_t>::max()) return;
  for (auto* token : indented) token->text.erase(0, std::min(common, token->text.size()));
}

void join_literals(std::vector<TemplateToken>& tokens) {
  std::vector<TemplateToken> joined;
  for (auto& token : tokens) {
    if (token.kind == Kind::literal && !joined.empty() && joined.back().kind == Kind::literal) {
      joined.back().text += token.text;
      joined.back().pos.end_offset = token.pos.end_offset;
    } else {
      joined.push_back(std::move(token));
    }
  }
  tokens = std::move(joined);
}

Expression template_of(std::vector<Expression> parts, SourcePos fallback) {
  SourcePos pos = fallback;
  if (!parts.empty()) pos = Parser::span(parts.front().pos, parts.back().pos);
  return make_node(ExprKind::template_string, pos, {}, std::move(parts));
}

// Pairs %{if}/%{else}/%{endif} and %{for}/%{endfor}; stops at a token in `stops` (or the end). depth: the
// directives open around this run, bounded as Parser::Depth bounds expressions: "%{if x}" repeated cannot
// overflow the stack.
std::vector<Expression> pair_directives(const Parser& parser, std::vector<TemplateToken>& tokens, std::size_t& i,
                                        std::initializer_list<Kind> stops, int depth = 0) {
  if (depth > kMaxNesting && i < tokens.size())
    parser.fail({tokens[i].pos.offset, tokens[i].pos.line, tokens[i].pos.column},
                "nesting deeper than " + std::to_string(kMaxNesting) + " levels");
  std::vector<Expression> parts;
  for (; i < tokens.size(); ++i) {
    TemplateToken& token = tokens[i];
    if (std::find(stops.begin(), stops.end(), token.kind) != stops.end()) return parts;
    const Mark at{token.pos.offset, token.pos.line, token.pos.column};
    switch (token.kind) {
      case Kind::literal: parts.push_back(make_node(ExprKind::literal_string, token.pos, std::move(token.text))); break;
      case Kind::interpolation: parts.push_back(std::move(token.exprs.front())); break;
      case Kind::if_open: {
        Expression directive = make_node(ExprKind::template_if, token.pos);
        Expression condition = std::move(token.exprs.front());
        ++i;
        Expression then_part = template_of(pair_directives(parser, tokens, i, {Kind::else_open, Kind::end_if}, depth + 1), token.pos);
        Expression else_part = template_of({}, token.pos);
        if (i < tokens.size() && tokens[i].kind == Kind::else_open) {
          ++i;
          else_part = template_of(pair_directives(parser, tokens, i, {Kind::end_if}, depth + 1), tokens[i - 1].pos);
        }
        if (i >= tokens.size() || tokens[i].kind != Kind::end_if) parser.fail(at, "%{if} has no matching %{endif}");
        directive.pos.end_offset = tokens[i].pos.end_offset;
        directive.operands = moved(std::move(condition), std::move(then_part), std::move(else_part));
        seal(directive);
        parts.push_back(std::move(directive));
        break;
      }
      case Kind::for_open: {
        Expression directive = make_node(ExprKind::template_for, token.pos);
        directive.names = token.names;
        Expression collection = std::move(token.exprs.front());
        ++i;
        Expression body = template_of(pair_directives(parser, tokens, i, {Kind::end_for}, depth + 1), token.pos);
        if (i >= tokens.size() || tokens[i].kind != Kind::end_for) parser.fail(at, "%{for} has no matching %{endfor}");
        directive.pos.end_offset = tokens[i].pos.end_offset;
        directive.operands = moved(std::move(collection), std::move(body));
        seal(directive);
        parts.push_back(std::move(directive));
        break;
      }
      case Kind::else_open: parser.fail(at, "%{else} without an %{if}");
      case Kind::end_if: parser.fail(at, "%{endif} without an %{if}");
      case Kind::end_for: parser.fail(at, "%{endfor} without a %{for}");
    }
  }
  return parts;
}

}  // namespace

Expression Parser::build_template(std::vector<TemplateToken>& tokens, Mark start, bool flush_indentation) {
  apply_strip_markers(tokens);
  if (flush_indentation) remove_common_indentation(tokens);
  join_literals(tokens);
  std::size_t i = 0;
  std::vector<Expression> parts = pair_directives(*this, tokens, i, {});
  Expression e = make_node(ExprKind::template_string, span(start), {}, std::move(parts));
  return e;
}

void Parser::scan_template_escape(std::string& literal) {
  const Mark start = mark();
  advance();  // the backslash
  const char c = peek();
  switch (c) {
    case 'n': literal += '\n'; advance(); return;
    case 'r': literal += '\r'; advance(); return;
    case 't': literal += '\t'; advance(); return;
    case '"': literal += '"'; advance(); return;
    case '\\': literal += '\\'; advance(); return;
    case 'u':
    case 'U': {
      const std::size_t digits = c == 'u' ? 4 : 8;
      advance();
      std::uint32_t cp = 0;
      for (std::size_t k = 0; k < digits; ++k) {
        const char h = peek();
        const int v = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
        if (v < 0) fail(start, std::string("\\") + c + " needs " + std::to_string(digits) + " hexadecimal digits");
        cp = cp * 16 + static_cast<std::uint32_t>(v);
        advance();
      }
      if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) fail(start, "\\" + std::string(1, c) + " names no Unicode character");
      append_utf8(literal, cp);
      return;
    }
    default: fail(start, "invalid escape sequence \\" + describe_here().substr(1, 1) + " in a string");
  }
}

// At "${" or "%{": reads the interpolation or directive into a token. Returns false if not at one.
bool Parser::scan_template_sequence(std::vector<TemplateToken>& tokens) {
  if (!looking_at("${") && !looking_at("%{")) return false;
  const Mark start = mark();
  const bool directive = peek() == '%';
  advance(2);
  TemplateToken token;
  if (peek() == '~') {
    token.strip_before = true;
    advance();
  }
  NewlineMode spaces(*this, false);
  if (!directive) {
    token.kind = Kind::interpolation;
    token.exprs.push_back(parse_expression());
  } else {
    skip_space();
    const Mark word_at = mark();
    const std::string word = at_identifier_start() ? read_identifier() : "";
    if (word == "if") {
      token.kind = Kind::if_open;
      token.exprs.push_back(parse_expression());
    } else if (word == "else") {
      token.kind = Kind::else_open;
    } else if (word == "endif") {
      token.kind = Kind::end_if;
    } else if (word == "endfor") {
      token.kind = Kind::end_for;
    } else if (word == "for") {
      token.kind = Kind::for_open;
      token.names = parse_for_variables("%{for");
      token.exprs.push_back(parse_expression());
    } else {
      fail(word_at, "expected if, else, endif, for or endfor after %{, found " + (word.empty() ? describe_here() : "\"" + word + "\""));
    }
  }
  skip_space();
  if (peek() == '~') {
    token.strip_after = true;
    advance();
  }
  if (peek() != '}') fail_here(directive ? "\"}\" to close the %{ directive" : "\"}\" to close the ${ interpolation");
  advance();
  token.pos = span(start);
  tokens.push_back(std::move(token));
  return true;
}

namespace {

// The literal token being read: opened by its first character, closed by the next ${ or %{ (or the end).
// While open it is the last token.
class LiteralRun {
 public:
  LiteralRun(const Parser& parser, std::vector<TemplateToken>& tokens) : parser_(parser), tokens_(tokens) {}
  std::string& text() {
    if (!open_) {
      tokens_.push_back({});
      tokens_.back().pos = parser_.span(parser_.mark());
      open_ = true;
    }
    return tokens_.back().text;
  }
  void extend() {
    if (open_) tokens_.back().pos.end_offset = parser_.mark().offset;
  }
  void close() {
    extend();
    open_ = false;
  }

 private:
  const Parser& parser_;
  std::vector<TemplateToken>& tokens_;
  bool open_ = false;
};

// One character of template content, an escape, or a whole ${ } / %{ } sequence.
void scan_template_part(Parser& parser, std::vector<TemplateToken>& tokens, LiteralRun& literal, bool backslash_escapes) {
  if (backslash_escapes && parser.peek() == '\\') {
    parser.scan_template_escape(literal.text());
  } else if (parser.looking_at("$${") || parser.looking_at("%%{")) {
    literal.text() += std::string(1, parser.peek()) + "{";
    parser.advance(3);
  } else if (parser.looking_at("${") || parser.looking_at("%{")) {
    literal.close();
    parser.scan_template_sequence(tokens);
  } else {
    literal.text() += parser.peek();
    parser.advance();
  }
  literal.extend();
}

}  // namespace

Expression Parser::parse_quoted_template() {
  Depth depth(*this);
  const Mark start = mark();
  advance();  // the opening quote
  std::vector<TemplateToken> tokens;
  LiteralRun literal(*this, tokens);
  for (;;) {
    if (at_end() || at_newline()) fail(start, "a quoted string is not closed on its line");
    if (peek() == '"') break;
    scan_template_part(*this, tokens, literal, true);
  }
  literal.close();
  advance();  // the closing quote
  return build_template(tokens, start);
}

Expression Parser::parse_bare_template() {
  Depth depth(*this);
  const Mark start = mark();
  std::vector<TemplateToken> tokens;
  LiteralRun literal(*this, tokens);
  while (!at_end()) scan_template_part(*this, tokens, literal, false);
  literal.close();
  return build_template(tokens, start);
}

Expression Parser::parse_heredoc() {
  Depth depth(*this);
  const Mark start = mark();
  advance(2);
  const bool flush = peek() == '-';
  if (flush) advance();
  if (!at_identifier_start()) fail_here("a heredoc marker after <<");
  const std::string marker = read_identifier();
  if (!at_newline()) fail_here("a newline right after the heredoc marker " + marker);
  skip_newline();
  std::vector<TemplateToken> tokens;
  bool in_literal = false;  // the last token is a literal still being read
  bool line_start = true;
  const auto literal_here = [&]() -> std::string& {
    if (!in_literal) {
      tokens.push_back({});
      tokens.back().pos = span(mark());
      in_literal = true;
    }
    return tokens.back().text;
  };
  for (;;) {
    if (line_start) {  // a line of only the marker (indentation allowed) ends the heredoc
      const Mark line = mark();
      while (peek() == ' ' || peek() == '\t') advance();
      if (looking_at(marker)) {
        advance(marker.size());
        if (at_newline() || at_end()) break;
      }
      pos_ = line;
    }
    if (at_end()) fail(start, "heredoc <<" + std::string(flush ? "-" : "") + marker + " has no closing " + marker + " line");
    if (at_newline()) {
      literal_here() += peek() == '\r' ? "\r\n" : "\n";  // HashiCorp's parser keeps a CRLF file's \r in the text
      skip_newline();
      tokens.back().pos.end_offset = mark().offset;
      in_literal = false;  // HashiCorp's parser reads a heredoc a line at a time: <<- indentation depends on it
      line_start = true;
      continue;
    }
    if (looking_at("$${") || looking_at("%%{")) {
      literal_here() += std::string(1, peek()) + "{";
      advance(3);
    } else if (looking_at("${") || looking_at("%{")) {
      in_literal = false;
      scan_template_sequence(tokens);
    } else {
      literal_here() += peek();
      advance();
    }
    if (in_literal) tokens.back().pos.end_offset = mark().offset;
    line_start = false;
  }
  return build_template(tokens, start, flush);
}

std::string Parser::parse_label_string() {
  const Mark start = mark();
  Expression label = parse_quoted_template();
  std::string text;
  for (const auto& part : label.operands) {
    if (part.kind != ExprKind::literal_string) fail(start, "a block label is a plain string: it cannot hold ${ or %{");
    text += part.text;
  }
  return text;
}

}  // namespace trailguard::sources::terraform::hcl_detail
