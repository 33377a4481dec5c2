#include "support/ddl_shape.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <stdexcept>

namespace trailguard::test_support {
namespace {

enum class Kind { word, identifier, string, punct, end };

struct Token {
  Kind kind;
  std::string text;  // words upper-cased; identifiers and strings without their quotes
  std::string raw;   // as written (words keep their case: struct field names)
};

std::string upper(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// Throws std::runtime_error naming what is wrong: an unclosed quote or an unbalanced bracket.
std::vector<Token> tokenize(std::string_view ddl) {
  std::vector<Token> tokens;
  std::vector<char> open;  // ( and < not yet closed
  std::size_t i = 0;
  while (i < ddl.size()) {
    const char c = ddl[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '\'' || c == '`') {
      const auto close = ddl.find(c, i + 1);
      if (close == std::string_view::npos) throw std::runtime_error(std::string("unclosed ") + c + " at " + std::to_string(i));
      const auto inside = std::string(ddl.substr(i + 1, close - i - 1));
      // Hive reads \ as an escape inside literals: none of our values may contain one.
      if (inside.find('\\') != std::string::npos) throw std::runtime_error("a backslash inside " + inside);
      tokens.push_back({c == '`' ? Kind::identifier : Kind::string, inside, inside});
      i = close + 1;
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
      const auto start = i;
      while (i < ddl.size() && (std::isalnum(static_cast<unsigned char>(ddl[i])) || ddl[i] == '_')) ++i;
      const auto raw = std::string(ddl.substr(start, i - start));
      tokens.push_back({Kind::word, upper(raw), raw});
    } else if (std::string_view("(),<>:=.;").find(c) != std::string_view::npos) {
      if (c == '(' || c == '<') open.push_back(c);
      if (c == ')' || c == '>') {
        const char expected = c == ')' ? '(' : '<';
        if (open.empty() || open.back() != expected)
          throw std::runtime_error(std::string("unbalanced ") + c + " at " + std::to_string(i));
        open.pop_back();
      }
      tokens.push_back({Kind::punct, std::string(1, c), std::string(1, c)});
      ++i;
    } else {
      throw std::runtime_error(std::string("unexpected character '") + c + "' at " + std::to_string(i));
    }
  }
  if (!open.empty()) throw std::runtime_error(std::string("unclosed ") + open.back());
  tokens.push_back({Kind::end, "", ""});
  return tokens;
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  void statement(DdlShape& shape) {
    keywords({"CREATE", "EXTERNAL", "TABLE"});
    shape.table = name();
    if (accept(".")) shape.table += "." + name();
    shape.columns = column_list();
    keywords({"PARTITIONED", "BY"});
    shape.partition_columns = column_list();
    keywords({"ROW", "FORMAT", "SERDE"});
    shape.serde = string();
    keywords({"STORED", "AS", "INPUTFORMAT"});
    shape.input_format = string();
    keywords({"OUTPUTFORMAT"});
    shape.output_format = string();
    keywords({"LOCATION"});
    shape.location = string();
    keywords({"TBLPROPERTIES"});
    expect("(");
    do {
      const auto key = string();
      expect("=");
      if (!shape.properties.emplace(key, string()).second) throw std::runtime_error("property " + key + " twice");
    } while (accept(","));
    expect(")");
    accept(";");
    if (peek().kind != Kind::end) throw std::runtime_error("text after the statement: " + peek().raw);
  }

 private:
  const Token& peek() const { return tokens_[at_]; }
  Token next() { return tokens_[at_ < tokens_.size() - 1 ? at_++ : at_]; }
  bool accept(std::string_view punct) {
    if (peek().kind != Kind::punct || peek().text != punct) return false;
    ++at_;
    return true;
  }
  void expect(std::string_view punct) {
    if (!accept(punct)) throw std::runtime_error("expected " + std::string(punct) + " before '" + peek().raw + "'");
  }
  void keywords(std::initializer_list<std::string_view> words) {
    for (auto word : words) {
      const auto token = next();
      if (token.kind != Kind::word || token.text != word)
        throw std::runtime_error("expected " + std::string(word) + ", found '" + token.raw + "'");
    }
  }
  std::string name() {
    const auto token = next();
    if (token.kind != Kind::word && token.kind != Kind::identifier)
      throw std::runtime_error("expected a name, found '" + token.raw + "'");
    return token.raw;
  }
  std::string string() {
    const auto token = next();
    if (token.kind != Kind::string) throw std::runtime_error("expected a 'string', found '" + token.raw + "'");
    return token.text;
  }

  std::vector<std::pair<std::string, std::string>> column_list() {
    std::vector<std::pair<std::string, std::string>> columns;
    std::set<std::string> seen;
    expect("(");
    do {
      auto column = name();
      if (!seen.insert(upper(column)).second) throw std::runtime_error("column " + column + " twice");
      columns.emplace_back(std::move(column), type());
    } while (accept(","));
    expect(")");
    return columns;
  }

  std::string type() {
    static const std::set<std::string> primitives = {"STRING", "INT", "BIGINT", "SMALLINT", "TINYINT", "BOOLEAN",
                                                    "DOUBLE", "FLOAT", "TIMESTAMP", "DATE", "BINARY"};
    const auto token = next();
    if (token.kind != Kind::word) throw std::runtime_error("expected a type, found '" + token.raw + "'");
    if (primitives.count(token.text)) return token.text;
    std::string out = token.text + "<";
    expect("<");
    if (token.text == "ARRAY") {
      out += type();
    } else if (token.text == "MAP") {
      out += type();
      expect(",");
      out += "," + type();
    } else if (token.text == "STRUCT") {
      std::set<std::string> fields;
      do {
        const auto field = name();
        if (!fields.insert(upper(field)).second) throw std::runtime_error("struct field " + field + " twice");
        expect(":");
        out += (out.back() == '<' ? "" : ",") + field + ":" + type();
      } while (accept(","));
    } else {
      throw std::runtime_error("unknown type " + token.raw);
    }
    expect(">");
    return out + ">";
  }

  std::vector<Token> tokens_;
  std::size_t at_ = 0;
};

}  // namespace

DdlShape read_ddl_shape(std::string_view ddl) {
  DdlShape shape;
  try {
    Parser(tokenize(ddl)).statement(shape);
  } catch (const std::runtime_error& error) {
    shape.problems.push_back(error.what());
  }
  return shape;
}

}  // namespace trailguard::test_support
