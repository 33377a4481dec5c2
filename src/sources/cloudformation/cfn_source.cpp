#include "sources/cloudformation/cfn_source.hpp"

#include <fmt/format.h>

#include "sources/cloudformation/cfn_evaluator.hpp"
#include "sources/cloudformation/cfn_template_loader.hpp"
#include "sources/cloudformation/cfn_trail.hpp"
#include "sources/iac/suppression.hpp"

namespace trailguard::sources::cloudformation {
model::IacInput read_cloudformation(const std::string& path, const std::string& content, const CloudFormationOptions& options) {
  model::IacInput input;
  auto loaded = load_template(content);
  if (const auto* failure = std::get_if<LoadFailure>(&loaded)) {
    input.problems.push_back({{path, failure->mark.line, failure->mark.column}, "malformed template: " + failure->message});
    return input;
  }
  const auto& root = std::get<CfnNode>(loaded);
  input.files_read.push_back(path);
  const auto* parameters = root.find("Parameters");
  for (const auto& [key, value] : options.parameters)
    if (!parameters || !parameters->find(key))
      input.notes.push_back(fmt::format("{}: --parameter {} is not a parameter of this template (ignored)", path, key));

  TemplateEvaluator evaluator(path, root, options, input.problems);
  const auto* resources = root.find("Resources");
  if (!resources || !resources->is_map()) {
    const auto mark = resources ? resources->mark : CfnMark{1, 1};
    input.problems.push_back({{path, mark.line, mark.column}, "the template has no Resources mapping"});
    return input;
  }
  for (const auto& resource : resources->entries) {
    const auto* type = resource.value.find("Type");
    if (!type || type->kind != CfnNode::Kind::string || type->text != "AWS::CloudTrail::Trail") continue;
    auto declared = declared_trail_of(evaluator, resource);
    iac::apply_suppression(content, path, resource.key_mark.line, iac::CommentStyle::hash, declared, input.problems);
    input.trails.push_back(std::move(declared));
  }
  return input;
}

bool looks_like_cloudformation(const std::string& content) {
  if (content.find("AWSTemplateFormatVersion") == std::string::npos && content.find("Resources") == std::string::npos) return false;
  const auto loaded = load_template(content);
  const auto* root = std::get_if<CfnNode>(&loaded);
  if (!root) return false;
  if (root->find("AWSTemplateFormatVersion")) return true;
  const auto* resources = root->find("Resources");
  if (!resources || !resources->is_map()) return false;
  for (const auto& entry : resources->entries)
    if (entry.value.is_map() && entry.value.find("Type")) return true;
  return false;
}

}  // namespace trailguard::sources::cloudformation
