// Terraform's JSON configuration syntax (.tf.json) → the HclFile a .tf file declaring the same would give,
// so the evaluator, the module reader and variables read both syntaxes alike.
//
// A JSON object has no syntax of blocks, so which properties are blocks and how many of their levels are
// labels comes from Terraform's schema, as in Terraform: resource / data (type, then name), module /
// variable / output / provider (name), locals / terraform (none). Inside resources, the nested blocks of
// aws_cloudtrail and the meta blocks (lifecycle, dynamic and its content, provisioner, connection) are
// blocks when their value is an object or an array of objects; any other property is an attribute. A
// block's value may be an array of objects (repeated blocks, a provider's aliases). "//" properties are
// comments.
//
// Strings are templates ("${var.x}", "%{if}", "$${" for a literal "${"), except where Terraform reads
// them otherwise: a variable's type and lifecycle.ignore_changes / depends_on / provider hold expressions,
// and a variable's default, a module's source and version and the terraform block are literal.
//
// Places: every block (at its last label, or its type when it has none, or its own "{" for one element of
// an array), attribute (at its name) and value is at its exact line and column. Inside a string without
// escapes, the template's parts are at their exact places too; in a string with escapes (\n, \", \u...)
// they are all at the string's first character, as decoding moved them.
#pragma once

#include <string>
#include <string_view>

#include "base/result.hpp"
#include "sources/terraform/hcl_ast.hpp"

namespace trailguard::sources::terraform {

// On malformed JSON, a template that does not parse, or a shape Terraform rejects (a block given a string,
// a block with no label, an attribute set twice): Error(malformed_input) "<path>:<line>:<col>: <message>",
// as parse_hcl. Never throws.
Result<HclFile> parse_tf_json(std::string path, std::string source);

// A file Terraform reads as JSON syntax: its name ends in .tf.json.
inline bool is_tf_json_path(std::string_view path) {
  constexpr std::string_view suffix = ".tf.json";
  return path.size() > suffix.size() && path.substr(path.size() - suffix.size()) == suffix;
}

}  // namespace trailguard::sources::terraform
