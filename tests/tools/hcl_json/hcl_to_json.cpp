// Test-only: prints {"<file>": <JSON>} for every file named, our HCL parser's tree written exactly as
// tests/tools/hcl2json/parse.js writes HashiCorp's (@cdktf/hcl2json: tmccombs/hcl2json's converter, cdktf's
// fork), or {"<file>": {"error": "<message>"}} for a file that does not parse. hcl_differential.py compares
// the two. Each rule below was checked against parse.js on samples (docs/iac.md "HCL parser"); where the
// converter is lossy (expressions become "${<source text>}") the source text comes from our node's byte span,
// so a wrong span is a difference too.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>

#include "sources/terraform/hcl_parser.hpp"

namespace {

using nlohmann::json;
using trailguard::sources::terraform::Block;
using trailguard::sources::terraform::Body;
using trailguard::sources::terraform::ExprKind;
using trailguard::sources::terraform::Expression;
using trailguard::sources::terraform::HclFile;

// What the converter itself refuses (hcl2json fails the whole file): blocks of one type with and without labels.
struct ConversionError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The fork writes every literal part with "${" and "%{" escaped again ("$${x}" stays "$${x}").
std::string escaped(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((text[i] == '$' || text[i] == '%') && i + 1 < text.size() && text[i + 1] == '{') out += text[i];
    out += text[i];
  }
  return out;
}

// cty's number → string: the shortest decimal that reads back, never an exponent (1e3 → "1000").
std::string number_text(double value) {
  if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e21) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
    return buffer;
  }
  for (int precision = 1; precision <= 17; ++precision) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
    if (std::strtod(buffer, nullptr) != value) continue;
    if (std::string(buffer).find('e') == std::string::npos) return buffer;
    const int decimals = precision - 1 - static_cast<int>(std::floor(std::log10(std::fabs(value))));
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals > 0 ? decimals : 0, value);
    return buffer;
  }
  return "0";
}

class Converter {
 public:
  explicit Converter(const HclFile& file) : source_(file.source) {}

  json body(const Body& body) const {
    json out = json::object();
    for (const auto& block : body.blocks) add_block(block, out);
    // Attributes after blocks: one named like a block replaces it, as in hcl2json.
    for (const auto& attribute : body.attributes) out[attribute.name] = expression(attribute.value);
    return out;
  }

 private:
  std::string text_of(const Expression& e) const {
    if (e.pos.end_offset < e.pos.offset || e.pos.end_offset > source_.size())
      throw ConversionError("expression span " + std::to_string(e.pos.offset) + ".." + std::to_string(e.pos.end_offset) +
                            " outside the file");
    return source_.substr(e.pos.offset, e.pos.end_offset - e.pos.offset);
  }
  std::string wrapped(const Expression& e) const { return "${" + text_of(e) + "}"; }

  void add_block(const Block& block, json& top) const {
    json* out = &top;
    std::string key = block.type;
    for (const auto& label : block.labels) {
      if (out->contains(key)) {
        if (!(*out)[key].is_object()) throw ConversionError("Unable to convert Block to JSON: " + block.type);
      } else {
        (*out)[key] = json::object();
      }
      out = &(*out)[key];
      key = label;
    }
    json value = body(block.content());
    if (!out->contains(key)) (*out)[key] = json::array();
    else if (!(*out)[key].is_array())
      throw ConversionError("invalid HCL detected for \"" + block.type + "\" block, cannot have blocks with and without labels");
    (*out)[key].push_back(std::move(value));
  }

  // hclsyntax's TemplateWrapExpr: a quoted string that is one interpolation and nothing else, not even a
  // literal that strip markers emptied ("  ${~x}" is a template of two parts).
  bool passthrough(const Expression& e) const {
    if (e.operands.size() != 1) return false;
    const auto kind = e.operands[0].kind;
    if (kind == ExprKind::literal_string || kind == ExprKind::template_if || kind == ExprKind::template_for) return false;
    const std::string text = text_of(e);
    return text.size() >= 5 && text.front() == '"' && text.compare(1, 2, "${") == 0 && text[text.size() - 2] == '}';
  }

  json expression(const Expression& e) const {
    switch (e.kind) {
      case ExprKind::literal_null: return nullptr;
      case ExprKind::literal_bool: return e.boolean;
      case ExprKind::literal_number: return e.number;
      case ExprKind::literal_string: return escaped(e.text);
      case ExprKind::template_string:
        if (passthrough(e)) return expression(e.operands[0]);
        return string_part(e);
      case ExprKind::unary_op: {
        const auto& operand = e.operands.at(0);
        if (e.text == "-" && operand.kind == ExprKind::literal_number) return -operand.number;
        if (e.text == "!" && operand.kind == ExprKind::literal_bool) return !operand.boolean;
        return wrapped(e);
      }
      case ExprKind::tuple: {
        json out = json::array();
        for (const auto& element : e.operands) out.push_back(expression(element));
        return out;
      }
      case ExprKind::object: {
        json out = json::object();
        for (std::size_t i = 0; i + 1 < e.operands.size(); i += 2) out[key(e.operands[i])] = expression(e.operands[i + 1]);
        return out;
      }
      default: return wrapped(e);
    }
  }

  // A part of a template, as text.
  std::string string_part(const Expression& e) const {
    switch (e.kind) {
      case ExprKind::literal_string: return escaped(e.text);
      case ExprKind::literal_number: return number_text(e.number);
      case ExprKind::literal_bool: return e.boolean ? "true" : "false";
      case ExprKind::literal_null: return "null";
      case ExprKind::template_string: {
        std::string out;
        for (const auto& part : e.operands) out += string_part(part);
        return out;
      }
      // hcl2json writes an interpolated conditional ("${a ? b : c}") as the directive it means.
      case ExprKind::template_if:
      case ExprKind::conditional: {
        std::string out = "%{if " + text_of(e.operands.at(0)) + "}" + string_part(e.operands.at(1));
        const std::string otherwise = string_part(e.operands.at(2));
        if (!otherwise.empty()) out += "%{else}" + otherwise;  // an empty else is not written
        return out + "%{endif}";
      }
      case ExprKind::template_for: {
        std::string out = "%{for ";
        if (!e.names.at(0).empty()) out += e.names[0] + ", ";
        out += e.names.at(1) + " in " + text_of(e.operands.at(0)) + "}";
        return out + string_part(e.operands.at(1)) + "%{endfor}";
      }
      default: return wrapped(e);
    }
  }

  // hclsyntax's ScopeTraversalExpr: a root name, then attributes and literal indexes only.
  static bool traversal(const Expression& e) {
    switch (e.kind) {
      case ExprKind::variable: return true;
      case ExprKind::get_attr: return traversal(e.operands.at(0));
      case ExprKind::index: {
        const auto& at = e.operands.at(1);
        const bool literal_key = at.kind == ExprKind::literal_number || at.kind == ExprKind::literal_string ||
                                 (at.kind == ExprKind::template_string && at.operands.size() == 1 &&
                                  at.operands[0].kind == ExprKind::literal_string);
        return literal_key && traversal(e.operands.at(0));
      }
      default: return false;
    }
  }

  // An object key: a bare name or traversal as written, anything else as a template part.
  std::string key(const Expression& e) const {
    if (e.kind == ExprKind::literal_string && e.flag) return e.text;
    if (traversal(e)) return text_of(e);
    return string_part(e);
  }

  const std::string& source_;
};

json convert(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {{"error", path + ": cannot read"}};
  std::stringstream bytes;
  bytes << in.rdbuf();
  auto parsed = trailguard::sources::terraform::parse_hcl(path, bytes.str());
  if (!parsed) return {{"error", parsed.error().describe()}};
  try {
    return Converter(*parsed).body(parsed->body);
  } catch (const std::exception& error) {
    return {{"error", std::string("convert: ") + error.what()}};
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: hcl_to_json FILE...\n";
    return 64;
  }
  json out = json::object();
  for (int i = 1; i < argc; ++i) out[argv[i]] = convert(argv[i]);
  std::cout << out.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
  return 0;
}
