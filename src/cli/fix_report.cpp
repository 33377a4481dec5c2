#include "cli/fix_report.hpp"

#include <fmt/format.h>

namespace trailguard::cli {

void write_step_progress(std::ostream& out, std::size_t index, std::size_t total, const remediate::Step& step,
                         const remediate::StepResult& result) {
  const char* label = result.outcome == remediate::StepOutcome::failed         ? "FAILED"
                      : result.outcome == remediate::StepOutcome::already_done ? "already done"
                                                                               : "done";
  out << fmt::format("[{}/{}] {}: {}", index + 1, total, label, remediate::describe(step));
  if (!result.detail.empty()) out << " (" << result.detail << ")";
  out << std::endl;  // flushed: progress is for watching
}

void write_apply_failure(std::ostream& out, const remediate::AccountPlan& plan, const remediate::ApplyResult& result) {
  const auto failed = result.failed_step();
  if (!failed) return;
  out << fmt::format("\nStopped at step {} of {} in account {}.\n", *failed + 1, plan.steps.size(), plan.account_id);
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    const auto& r = result.steps[i];
    const std::string what = remediate::describe(plan.steps[i]);
    switch (r.outcome) {
      case remediate::StepOutcome::done:
      case remediate::StepOutcome::already_done: out << "  done:    " << what << "\n"; break;
      case remediate::StepOutcome::failed:
        out << "  FAILED:  " << what << "\n           " << r.detail;
        if (r.error && !r.error->where.empty()) out << " [" << r.error->where << "]";
        out << "\n";
        break;
      case remediate::StepOutcome::not_run: out << "  not run: " << what << "\n"; break;
    }
  }
  out << "Nothing after the failed step was changed. Once its cause is fixed, run `trailguard fix --apply` again: it "
         "plans from what exists then, so the steps already done are not repeated.\n";
}

}  // namespace trailguard::cli
