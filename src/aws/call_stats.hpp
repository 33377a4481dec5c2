// CallStats: how many API calls each operation made, for --stats and for tests that prove the scan
// calls nothing twice. Thread-safe.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace trailguard::aws {

struct OperationStats {
  int calls = 0;     // logical calls (one per ApiCall, whatever the retries)
  int attempts = 0;  // HTTP requests sent, retries included
  int failures = 0;  // calls that ended in an error
};

class CallStats {
 public:
  // `operation` as "Service.Operation", e.g. "cloudtrail.DescribeTrails".
  void record(const std::string& operation, int attempts, bool failed);
  std::map<std::string, OperationStats> snapshot() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, OperationStats> by_operation_;
};

}  // namespace trailguard::aws
