#include "sources/cloudformation/cfn_template_loader.hpp"

#include <yaml-cpp/yaml.h>

#include <exception>
#include <regex>

namespace trailguard::sources::cloudformation {
namespace {

constexpr int max_depth = 200;  // far beyond any real template; keeps hostile nesting off the stack

struct Failure {
  LoadFailure failure;
};

CfnMark mark_of(const YAML::Node& node) {
  const auto mark = node.Mark();
  if (mark.line < 0) return {};
  return {mark.line + 1, mark.column + 1};
}

// What YAML 1.1's implicit resolvers (PyYAML's, so cfn-lint's) make of a plain scalar.
CfnNode::Kind plain_kind(const std::string& text) {
  static const std::regex boolean_form("yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
  static const std::regex integer_form(
      "[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+");
  static const std::regex real_form(
      "[-+]?([0-9][0-9_]*)\\.[0-9_]*([eE][-+][0-9]+)?|[-+]?([0-9][0-9_]*)([eE][-+][0-9]+)|\\.[0-9_]+([eE][-+][0-9]+)?"
      "|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
  static const std::regex null_form("~|null|Null|NULL|");
  if (std::regex_match(text, null_form)) return CfnNode::Kind::null;
  if (std::regex_match(text, boolean_form)) return CfnNode::Kind::boolean;
  if (std::regex_match(text, integer_form)) return CfnNode::Kind::integer;
  if (std::regex_match(text, real_form)) return CfnNode::Kind::real;
  return CfnNode::Kind::string;
}

bool is_true_form(const std::string& text) {
  return text == "yes" || text == "Yes" || text == "YES" || text == "true" || text == "True" || text == "TRUE" ||
         text == "on" || text == "On" || text == "ON";
}

// "!Ref" → "Ref", "!Sub" → "Fn::Sub"; "" for no short-form tag.
std::string intrinsic_of_tag(const std::string& tag) {
  if (tag.size() < 2 || tag[0] != '!' || tag[1] == '!') return "";
  const auto name = tag.substr(1);
  if (name == "Ref" || name == "Condition") return name;
  return "Fn::" + name;
}

CfnNode convert(const YAML::Node& node, int depth);

CfnNode scalar_of(const YAML::Node& node, bool typed) {
  CfnNode out;
  out.mark = mark_of(node);
  out.text = node.IsScalar() ? node.Scalar() : "";
  const auto& tag = node.Tag();
  // yaml-cpp tags a plain scalar "?" and a quoted one "!"; only plain scalars are resolved.
  if (!typed || tag == "!" || tag == "tag:yaml.org,2002:str") {
    out.kind = CfnNode::Kind::string;
    return out;
  }
  out.kind = node.IsNull() ? CfnNode::Kind::null : plain_kind(out.text);
  if (out.kind == CfnNode::Kind::boolean) {
    out.boolean = is_true_form(out.text);
    out.text = out.boolean ? "true" : "false";
  }
  return out;
}

CfnNode convert_plain(const YAML::Node& node, int depth) {
  if (depth > max_depth) throw Failure{{mark_of(node), "the template nests deeper than " + std::to_string(max_depth) + " levels"}};
  CfnNode out;
  out.mark = mark_of(node);
  if (node.IsSequence()) {
    out.kind = CfnNode::Kind::list;
    for (const auto& item : node) out.items.push_back(convert(item, depth + 1));
    return out;
  }
  if (node.IsMap()) {
    out.kind = CfnNode::Kind::map;
    for (const auto& pair : node) {
      if (!pair.first.IsScalar() && !pair.first.IsNull())
        throw Failure{{mark_of(pair.first), "a mapping key must be a scalar"}};
      CfnEntry entry;
      entry.key = pair.first.IsScalar() ? pair.first.Scalar() : "";
      entry.key_mark = mark_of(pair.first);
      if (out.find_entry(entry.key))
        throw Failure{{entry.key_mark, "duplicate key \"" + entry.key + "\""}};
      entry.value = convert(pair.second, depth + 1);
      out.entries.push_back(std::move(entry));
    }
    return out;
  }
  return scalar_of(node, true);
}

// A short-form tag becomes a one-entry map, as cfn-lint decodes it: a scalar's value stays a string,
// !GetAtt "A.B" becomes ["A", "B"].
CfnNode convert(const YAML::Node& node, int depth) {
  const auto intrinsic = intrinsic_of_tag(node.Tag());
  if (intrinsic.empty()) return convert_plain(node, depth);
  CfnNode out;
  out.kind = CfnNode::Kind::map;
  out.mark = mark_of(node);
  CfnEntry entry;
  entry.key = intrinsic;
  entry.key_mark = out.mark;
  if (node.IsSequence() || node.IsMap()) {
    entry.value = convert_plain(node, depth + 1);
  } else {
    entry.value = scalar_of(node, false);
    if (intrinsic == "Fn::GetAtt") {
      const auto text = entry.value.text;
      const auto dot = text.find('.');
      CfnNode parts;
      parts.kind = CfnNode::Kind::list;
      parts.mark = entry.value.mark;
      parts.items.push_back(CfnNode::string_node(text.substr(0, dot), parts.mark));
      if (dot != std::string::npos) parts.items.push_back(CfnNode::string_node(text.substr(dot + 1), parts.mark));
      entry.value = std::move(parts);
    }
  }
  out.entries.push_back(std::move(entry));
  return out;
}

}  // namespace

std::variant<CfnNode, LoadFailure> load_template(const std::string& content) {
  try {
    const auto documents = YAML::LoadAll(content);
    if (documents.empty()) return LoadFailure{{1, 1}, "the file is empty"};
    if (documents.size() > 1) return LoadFailure{mark_of(documents[1]), "a template is one YAML document, this file holds several"};
    auto root = convert(documents.front(), 0);
    if (!root.is_map()) return LoadFailure{root.mark.line ? root.mark : CfnMark{1, 1}, "a template is a mapping at its top level"};
    return root;
  } catch (const Failure& failure) {
    return failure.failure;
  } catch (const YAML::Exception& error) {
    // yaml-cpp's null mark (-1) when it cannot say where: the file's start, never line 0.
    if (error.mark.is_null()) return LoadFailure{{1, 1}, error.msg};
    return LoadFailure{{error.mark.line + 1, error.mark.column + 1}, error.msg};
  } catch (const std::exception& error) {
    return LoadFailure{{1, 1}, error.what()};
  }
}

}  // namespace trailguard::sources::cloudformation
