// HCL (Terraform) text: quoted strings that stay literal whatever they hold, identifiers made from names, comments
// that cannot end early, JSON values as HCL expressions, and a writer that lays lines out as `terraform fmt` does
// (consecutive one-line attributes have their '=' aligned), so emitted code passes `terraform fmt -check`.
// Pure functions and plain values; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace trailguard::remediate::hcl {

// `text` as an HCL quoted string literal: backslash, quote and control characters escaped, and the template
// sequences "${" and "%{" doubled ("$${", "%%{") so that nothing in it is ever interpolated. Bytes that are
// not UTF-8 become U+FFFD (HCL files are UTF-8).
std::string quote(std::string_view text);

// A Terraform identifier (resource name, provider alias) made from `name`: characters other than letters,
// digits, '_' and '-' become '_', and a leading character that is not a letter or '_' gets "t_" before it.
std::string identifier(std::string_view name);

// `text` on one line, safe after "# ": line breaks and other control characters become spaces.
std::string comment_text(std::string_view text);

// Lines of an HCL file being written. Indentation is two spaces per level, as `terraform fmt` writes it.
class Writer {
 public:
  void comment(std::string_view text);                      // "# text", made safe with comment_text
  void blank();                                             // an empty line
  void open(std::string_view header);                       // "header {" and one level deeper
  void close(std::string_view suffix = "");                 // one level up and "}" + suffix
  void attribute(std::string_view name, std::string value); // "name = value", value one line of HCL
  void raw(std::string line);                               // a line that is not an attribute, at this level
  // "name = <value>" for a JSON value, over several lines when it holds objects or arrays of them.
  // With `function` ("jsonencode"), the value is wrapped: name = jsonencode(<value>).
  void json_attribute(std::string_view name, const nlohmann::ordered_json& value, std::string_view function = "");

  // The text, with the '=' of each run of consecutive one-line attributes aligned.
  std::string text() const;

 private:
  struct Line {
    int indent = 0;
    std::string lead;  // the attribute name, or the whole line when `is_attribute` is false
    std::string value;
    bool is_attribute = false;
  };
  void json_lines(const nlohmann::ordered_json& value, std::string prefix, std::string suffix);
  std::vector<Line> lines_;
  int indent_ = 0;
};

// One-line HCL for a JSON scalar, or for an array of scalars ("[\"a\", \"b\"]"); objects and arrays holding
// objects need Writer::json_attribute.
std::string scalar(const nlohmann::ordered_json& value);

}  // namespace trailguard::remediate::hcl
