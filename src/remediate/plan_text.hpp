// The plan for people (`trailguard fix`, the default): per account what will be done and why, then each step
// with its reason and the equivalent AWS CLI command. Pure apart from writing to `out`.
#pragma once

#include <ostream>

#include "remediate/plan.hpp"

namespace trailguard::remediate {

void write_plan_text(std::ostream& out, const Plan& plan);

}  // namespace trailguard::remediate
