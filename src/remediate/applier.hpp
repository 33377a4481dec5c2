// The applier: runs an account's plan through the AWS client, step by step in order, and stops at the first
// failure, so that what was done, what failed (with the AWS error) and what remains are all known.
// Steps are idempotent where AWS is not: a bucket the account already owns, a KMS alias that already names a
// key, a bucket policy that already holds the statements, and a trail to create that exists by then (an earlier
// attempt of the same call, retried after a timeout, made it) count as done; an existing bucket policy keeps
// its other statements. Re-running `fix` after a failure plans from what is there and continues.
// Thread-safety: one apply per plan at a time; the client may be shared.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/aws_client.hpp"
#include "base/error.hpp"
#include "remediate/plan.hpp"

namespace trailguard::remediate {

enum class StepOutcome { done, already_done, failed, not_run };
std::string_view to_string(StepOutcome outcome);  // "done", "already_done", "failed", "not_run"

struct StepResult {
  StepOutcome outcome = StepOutcome::not_run;
  std::string detail;          // what happened beyond "done": "the account already owns bucket x", the key id made
  std::optional<Error> error;  // set for failed: the AWS error (code, message, call)
};

struct ApplyResult {
  std::vector<StepResult> steps;  // one per plan step, in the plan's order

  bool succeeded() const;
  std::optional<std::size_t> failed_step() const;
};

// Called after each step that ran (done, already_done or failed), for progress output.
using StepObserver = std::function<void(std::size_t index, const Step& step, const StepResult& result)>;

ApplyResult apply_plan(const AccountPlan& plan, aws::AwsClient& client, const StepObserver& observer = {});

}  // namespace trailguard::remediate
