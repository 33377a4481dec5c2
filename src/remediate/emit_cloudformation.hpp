// The plan as a CloudFormation template (JSON): one stack, in the plan's one account and region, that creates
// what the plan creates — bucket with its public access block, bucket policy, KMS key and alias, and the trail
// with its selectors and logging folded in. Bucket and key are kept when the stack is deleted (DeletionPolicy and
// UpdateReplacePolicy Retain): deleting a stack must not delete audit logs or the key that decrypts them.
//
// Changes to EXISTING resources (repairing a trail, adding to a bucket that exists) are refused: CloudFormation
// can take an existing resource only by resource import, which must describe the resource exactly as it is and
// cannot change it in the same operation, so a faithful template would need every current setting of the trail
// (prefix, SNS, CloudWatch Logs, tags, insights...) and a second update. Terraform (--emit terraform) imports and
// changes in one apply; `trailguard fix` applies the change directly. Pure; thread-safe.
#pragma once

#include <string>

#include "base/result.hpp"
#include "remediate/emit_context.hpp"
#include "remediate/plan.hpp"

namespace trailguard::remediate {

// Fails (invalid_argument) when there is nothing to emit (code "plan_blocked" or "nothing_to_do"), when the
// plan spans several accounts or regions (a stack lives in one of each: code "several_stacks"), or when a step
// changes an existing resource (code "import_needed"; the message names the resource and what to do instead).
Result<std::string> emit_cloudformation(const Plan& plan, const EmitContext& context);

}  // namespace trailguard::remediate
