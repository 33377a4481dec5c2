// HCL2 native syntax → hcl_ast. Hand-written because Debian packages no HCL parser for C++; checked
// against HashiCorp's own (tests/tools/hcl2json) on fixtures and a generated corpus.
#pragma once

#include <string>
#include <string_view>

#include "base/result.hpp"
#include "sources/terraform/hcl_ast.hpp"

namespace trailguard::sources::terraform {

// Parses a whole file. On a syntax error: Error(malformed_input) whose message is
// "<path>:<line>:<col>: <what was expected and what was found>". Never throws; bounded recursion depth.
Result<HclFile> parse_hcl(std::string path, std::string source);

// One string on its own, for Terraform's JSON syntax (tf_json_reader), whose strings are templates and a
// few of whose strings are expressions. `origin` is where the text starts in its file: positions in the
// result and in an error message count from it (columns continue origin's on the text's first line).
// Errors as parse_hcl's, for the same path.
//
// parse_template_text reads the whole text as template content: ${ } interpolations and %{ } directives
// (and the $${ and %%{ escapes) are read, backslashes are not escapes (JSON already decoded them), and
// newlines are literal.
Result<Expression> parse_template_text(std::string_view path, std::string_view text, SourcePos origin = {1, 1, 0, 0});
// parse_expression_text reads the whole text as one expression ("list(string)", "aws.west").
Result<Expression> parse_expression_text(std::string_view path, std::string_view text, SourcePos origin = {1, 1, 0, 0});

}  // namespace trailguard::sources::terraform
