// Whether one trail, on its own, satisfies the control wherever it applies.
// Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "control/finding.hpp"
#include "control/options.hpp"
#include "model/trail.hpp"

namespace trailguard::control {

enum class TrailOutcome { pass, fail, error };

struct TrailJudgement {
  TrailOutcome outcome = TrailOutcome::error;
  std::vector<Reason> reasons;  // failures, errors and warnings, each with a sentence naming the trail
};

// Judges a trail that is (or may be) multi-region. `account_id` is the account being evaluated:
// an organization trail owned by another account explains unreadable facts differently.
// A definite failure wins over unknown facts (the trail fails whatever they are); otherwise any
// unknown fact makes the outcome error, never pass.
TrailJudgement judge_trail(const model::Trail& trail, const std::string& account_id, const EvaluationOptions& options);

// 'name' (arn) for messages.
std::string describe_trail(const model::Trail& trail);

}  // namespace trailguard::control
