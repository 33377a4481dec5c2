// `terraform show -json` of a plan (format_version 0.1 to 1.2) → the aws_cloudtrail resources it would
// leave in place: planned_values (root and nested child_modules) and resource_changes[].change
// (actions, after, after_unknown). A planned delete does not count; `event_selector: []` is the default.
#pragma once

#include <string>

#include "model/declared_trail.hpp"
#include "sources/terraform/aws_cloudtrail_attributes.hpp"

namespace trailguard::sources::terraform_plan {

// Not valid JSON or not a plan: one problem naming the file (and line:col for JSON syntax errors).
model::IacInput read_terraform_plan(const std::string& path, const std::string& content);

// read_terraform_plan with the mapping given (tests record the attributes the plan hands over).
model::IacInput read_terraform_plan(const std::string& path, const std::string& content,
                                    const terraform::TrailMapping& mapping);

// Whether a JSON document looks like a plan (has format_version and planned_values or resource_changes),
// for telling plans from CloudFormation templates without parsing twice.
bool looks_like_terraform_plan(const std::string& content);

}  // namespace trailguard::sources::terraform_plan
