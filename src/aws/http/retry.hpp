// The SDKs' "standard" retry mode, as pure decisions (which failures are retried, how long to wait)
// plus its retry quota. classify_* and backoff_* are pure and thread-safe; RetryQuota is thread-safe.
#pragma once

#include <chrono>
#include <mutex>
#include <string_view>

#include "aws/aws_client.hpp"
#include "base/error.hpp"

namespace trailguard::aws {

enum class RetryReason {
  none,        // not worth retrying: access denied, validation and other 4xx, malformed answers
  throttling,  // Throttling, ThrottlingException, SlowDown, ..., HTTP 429
  transient,   // RequestTimeout*, InternalError, ..., HTTP 500/502/503/504, connection failures
  timeout,     // no answer in time (the retry quota charges more for these)
};

// For an error answer from AWS: its code (may be empty) and HTTP status.
RetryReason classify_response(std::string_view code, long http_status);
// For a failed send (ErrorKind::timeout, ErrorKind::network: retried; anything else: not).
RetryReason classify_transport_error(const Error& error);

// The longest wait before retry number `retry` (0 for the first retry): min(max_backoff, base_delay * 2^retry).
std::chrono::milliseconds backoff_ceiling(const RetryConfig& config, int retry);
// Full jitter: unit_random in [0, 1) scaled to [0, backoff_ceiling).
std::chrono::milliseconds backoff_delay(const RetryConfig& config, int retry, double unit_random);
// backoff_delay with a per-thread random generator.
std::chrono::milliseconds random_backoff(const RetryConfig& config, int retry);

// The standard mode's retry quota: a bucket of 500 tokens; a retry takes 5 (10 after a timeout);
// a call that succeeds gives back what its last retry took, or 1 if it needed none.
class RetryQuota {
 public:
  static constexpr int kCapacity = 500;
  static constexpr int kRetryCost = 5;
  static constexpr int kTimeoutRetryCost = 10;
  static constexpr int kNoRetryIncrement = 1;

  // Takes the cost of one retry; returns 0 (and takes nothing) when the bucket has too little left.
  int acquire(RetryReason reason);
  // After a successful call; `last_retry_cost` is what acquire returned for its last retry, or 0.
  void release(int last_retry_cost);
  int available() const;

 private:
  mutable std::mutex mutex_;
  int tokens_ = kCapacity;
};

}  // namespace trailguard::aws
