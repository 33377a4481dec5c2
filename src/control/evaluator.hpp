// The control's one evaluator: an Account (from any source) in, one Finding per region out.
// Pure function: no I/O, no clock, no globals; thread-safe; same input, same output.
#pragma once

#include "control/finding.hpp"
#include "control/options.hpp"
#include "model/account.hpp"

namespace trailguard::control {

// Judges every region of the account. Regions not enabled are SKIPPED; a region with a failed read is
// ERROR; otherwise PASS when a multi-region trail passes, FAIL when every candidate definitely fails,
// ERROR when the outcome depends on something unknown. Findings come in the account's region order.
Evaluation evaluate(const model::Account& account, const EvaluationOptions& options = {});

}  // namespace trailguard::control
