#include "aws/call_stats.hpp"

namespace trailguard::aws {

void CallStats::record(const std::string& operation, const CallRecord& call) {
  std::lock_guard lock(mutex_);
  auto& s = by_operation_[operation];
  ++s.calls;
  s.attempts += call.attempts;
  if (call.failed) ++s.failures;
  s.throttled += call.throttled;
  if (call.limiter_waits > 0) ++s.waited;
  s.limiter_wait += call.limiter_wait;
}

std::map<std::string, OperationStats> CallStats::snapshot() const {
  std::lock_guard lock(mutex_);
  return by_operation_;
}

}  // namespace trailguard::aws
