#include "aws/call_stats.hpp"

namespace trailguard::aws {

void CallStats::record(const std::string& operation, int attempts, bool failed) {
  std::lock_guard lock(mutex_);
  auto& s = by_operation_[operation];
  ++s.calls;
  s.attempts += attempts;
  if (failed) ++s.failures;
}

std::map<std::string, OperationStats> CallStats::snapshot() const {
  std::lock_guard lock(mutex_);
  return by_operation_;
}

}  // namespace trailguard::aws
