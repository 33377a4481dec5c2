#include "sources/cloudformation/cfn_source.hpp"

#include <fmt/format.h>

#include <sstream>

#include "sources/cloudformation/cfn_evaluator.hpp"
#include "sources/cloudformation/cfn_template_loader.hpp"
#include "sources/cloudformation/cfn_trail.hpp"

namespace trailguard::sources::cloudformation {
namespace {

constexpr std::string_view suppression_marker = "trailguard:ignore cloudtrail-multi-region-enabled";

std::vector<std::string> lines_of(const std::string& content) {
  std::vector<std::string> lines;
  std::istringstream stream(content);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return "";
  const auto last = text.find_last_not_of(" \t\r");
  return std::string(text.substr(first, last - first + 1));
}

// A `# trailguard:ignore cloudtrail-multi-region-enabled <reason>` comment on the resource's line or on the
// comment lines right above it. Empty reason → the caller reports a usage problem.
std::optional<std::string> suppression_of(const std::vector<std::string>& lines, int line) {
  for (int at = line; at >= 1 && at <= static_cast<int>(lines.size()); --at) {
    const auto& text = lines[static_cast<std::size_t>(at - 1)];
    const auto hash = text.find('#');
    if (at != line && trimmed(text).rfind('#', 0) != 0) break;
    if (hash == std::string::npos) continue;
    const auto marker = text.find(suppression_marker, hash);
    if (marker != std::string::npos) return trimmed(std::string_view(text).substr(marker + suppression_marker.size()));
  }
  return std::nullopt;
}

}  // namespace

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
  const auto lines = lines_of(content);
  for (const auto& resource : resources->entries) {
    const auto* type = resource.value.find("Type");
    if (!type || type->kind != CfnNode::Kind::string || type->text != "AWS::CloudTrail::Trail") continue;
    auto declared = declared_trail_of(evaluator, resource);
    if (auto reason = suppression_of(lines, resource.key_mark.line)) {
      if (reason->empty())
        input.problems.push_back({declared.location, "a trailguard:ignore suppression needs a reason after the rule name", true});
      else
        declared.suppression_reason = std::move(*reason);
    }
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
