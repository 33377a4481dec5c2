// The control over infrastructure code: each declared aws_cloudtrail / AWS::CloudTrail::Trail is judged by
// the same judge_trail as a live trail, and the code passes when at least one trail it creates satisfies
// the control. Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "control/options.hpp"
#include "control/reason.hpp"
#include "model/declared_trail.hpp"

namespace trailguard::control {

enum class IacStatus { pass, fail, unknown, not_created, suppressed };

std::string_view to_string(IacStatus status);  // PASS, FAIL, UNKNOWN, NOT_CREATED, SUPPRESSED

struct IacFinding {
  model::IacFormat format = model::IacFormat::terraform;
  std::string address;
  model::CodeLocation location;
  IacStatus status = IacStatus::unknown;
  std::vector<Reason> reasons;  // failures, unknowns and warnings; for SUPPRESSED, what it would have been
  std::string suppression_reason;
  std::vector<std::string> notes;
  std::string message;  // one human sentence
};

struct IacEvaluation {
  // PASS: a created trail satisfies the control. FAIL: none does and nothing is unknown that could change
  // that. UNKNOWN: none passes and a created-or-maybe trail, or a problem reading the input, is unknown.
  IacStatus verdict = IacStatus::unknown;
  std::string verdict_message;  // one sentence: which trail passes, or why none does
  std::vector<IacFinding> findings;  // in input order
  std::vector<model::IacProblem> problems;
  std::vector<std::string> files_read;
  std::vector<std::string> notes;
};

IacEvaluation evaluate_iac(const model::IacInput& input, const EvaluationOptions& options);

}  // namespace trailguard::control
