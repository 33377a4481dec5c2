// Loading a template's text (JSON or YAML; YAML is a superset of JSON) into a CfnNode tree with line:col
// on every node and the short-form intrinsic tags expanded to their long form, as cfn-lint decodes them.
#pragma once

#include <string>
#include <variant>

#include "sources/cloudformation/cfn_node.hpp"

namespace trailguard::sources::cloudformation {

struct LoadFailure {
  CfnMark mark;
  std::string message;  // without the file name
};

// Never throws: malformed YAML/JSON, duplicate keys, unknown tags, nesting too deep → a LoadFailure.
std::variant<CfnNode, LoadFailure> load_template(const std::string& content);

}  // namespace trailguard::sources::cloudformation
