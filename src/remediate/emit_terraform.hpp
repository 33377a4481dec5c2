// The plan as Terraform (HCL, Terraform >= 1.5, hashicorp/aws >= 5): what `trailguard fix` would do, as code to
// review and apply instead. New resources are declared; an existing trail the plan repairs is brought in with an
// `import` block and declares only the settings the plan changes, with lifecycle.ignore_changes on every other
// argument, so that applying it changes nothing else about the trail. One provider per (account, region), pinned
// to its account with allowed_account_ids, and assuming the account's role where the context names one (fix --org). Every string from the plan goes through hcl::quote. Pure; thread-safe.
#pragma once

#include <string>

#include "base/result.hpp"
#include "remediate/emit_context.hpp"
#include "remediate/plan.hpp"

namespace trailguard::remediate {

// Fails (invalid_argument) when there is nothing to emit (every account blocked or nothing to change: code
// "plan_blocked" or "nothing_to_do") or when `context` lacks what a declaration needs (see declarations_of).
Result<std::string> emit_terraform(const Plan& plan, const EmitContext& context);

}  // namespace trailguard::remediate
