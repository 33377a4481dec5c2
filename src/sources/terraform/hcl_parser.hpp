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

}  // namespace trailguard::sources::terraform
