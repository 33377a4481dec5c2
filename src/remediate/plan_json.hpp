// The plan as JSON (`trailguard fix -o json`): every step with its kind, account, region, reason, AWS CLI
// equivalent and parameters (policies and selectors as JSON values, not strings). Contract: docs/remediation.md.
// Pure; thread-safe.
#pragma once

#include <string>

#include "remediate/plan.hpp"

namespace trailguard::remediate {

// Indented with two spaces, ending in a newline.
std::string plan_json(const Plan& plan);

}  // namespace trailguard::remediate
