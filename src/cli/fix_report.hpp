// What `trailguard fix --apply` tells the user while and after it applies a plan: one line per step as it
// finishes, then, after a failure, what was done, what failed with the AWS error, and what remains.
#pragma once

#include <cstddef>
#include <ostream>

#include "remediate/applier.hpp"
#include "remediate/plan.hpp"

namespace trailguard::cli {

// "[2/7] done: s3 PutPublicAccessBlock 'logs' in eu-west-1"
void write_step_progress(std::ostream& out, std::size_t index, std::size_t total, const remediate::Step& step,
                         const remediate::StepResult& result);

// After a failed apply: the steps done, the failed one with its AWS error, the steps not run, and how to go on.
void write_apply_failure(std::ostream& out, const remediate::AccountPlan& plan, const remediate::ApplyResult& result);

}  // namespace trailguard::cli
