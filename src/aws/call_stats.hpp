// CallStats: how many API calls each operation made, for --stats and for tests that prove the scan
// calls nothing twice, and how often AWS throttled them and the rate limiter held them back. Thread-safe.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace trailguard::aws {

// What one logical call (one ApiCall, whatever its retries) went through.
struct CallRecord {
  int attempts = 0;       // HTTP requests sent, retries included
  bool failed = false;    // it ended in an error
  int throttled = 0;      // throttled answers among its attempts
  int limiter_waits = 0;  // attempts that waited for the client's rate limiter
  std::chrono::milliseconds limiter_wait{0};  // how long, in all
};

struct OperationStats {
  int calls = 0;     // logical calls (one per ApiCall, whatever the retries)
  int attempts = 0;  // HTTP requests sent, retries included
  int failures = 0;  // calls that ended in an error
  int throttled = 0;  // throttled answers (attempts)
  int waited = 0;     // calls that waited for the rate limiter at least once
  std::chrono::milliseconds limiter_wait{0};
};

class CallStats {
 public:
  // `operation` as "Service.Operation", e.g. "cloudtrail.DescribeTrails".
  void record(const std::string& operation, const CallRecord& call);
  std::map<std::string, OperationStats> snapshot() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, OperationStats> by_operation_;
};

}  // namespace trailguard::aws
