// A CloudFormation template (JSON or YAML, short and long intrinsic forms) → its AWS::CloudTrail::Trail
// resources, with Conditions resolved from Parameter defaults and the user's --parameter values.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "model/declared_trail.hpp"

namespace trailguard::sources::cloudformation {

struct CloudFormationOptions {
  std::vector<std::pair<std::string, std::string>> parameters;  // --parameter KEY=VALUE, parsed
};

// Malformed YAML/JSON: one problem with file:line:col; the template is then not judged.
model::IacInput read_cloudformation(const std::string& path, const std::string& content, const CloudFormationOptions& options);

// Whether a document looks like a template (AWSTemplateFormatVersion, or Resources with a Type), for
// telling templates from other JSON/YAML in a directory.
bool looks_like_cloudformation(const std::string& content);

}  // namespace trailguard::sources::cloudformation
