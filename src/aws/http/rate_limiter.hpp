// Client-side rate limiting: a token bucket per (service, region, operation), whose rate starts at what
// AWS allows that API (api_rates.hpp, or --max-rate) and adapts to AWS's answers: a throttled answer halves
// it (down to a floor), each success after that raises it by a twentieth of its ceiling.
//
// AWS throttles each API per account and per region; one AwsClient signs for one account, so one
// RateLimiter per client models AWS's buckets: in an organization scan every member has its own client,
// and the management account's client carries the AssumeRole calls for all of them.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

#include "aws/aws_client.hpp"

namespace trailguard::aws {

// One API's bucket. Not thread-safe (RateLimiter locks around it); reads no clock: every method is given
// the time, so it is a pure state machine to test.
class AdaptiveTokenBucket {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr double kDecrease = 0.5;       // a throttled answer multiplies the rate by this
  static constexpr double kRecoveryStep = 0.05;  // a success adds this fraction of the ceiling

  // Starts full, at `ceiling` requests per second; throttling never takes it below `floor`.
  // Preconditions: 0 < floor, 0 < ceiling (a floor above the ceiling is lowered to it).
  AdaptiveTokenBucket(double ceiling, double floor, Clock::time_point now);

  // Takes one token for a request and returns how long to wait before sending it: zero while tokens
  // are left, else until the bucket has refilled for this request and every one reserved before it.
  // Callers queue in the order they reserve, so several threads waiting at once keep the rate.
  Clock::duration reserve(Clock::time_point now);

  // A throttled answer to a request sent at `sent_at`, seen at `now`: halves the rate and drops the saved
  // burst. Answers to requests sent before the last decrease are ignored: they were sent at the old rate
  // and say nothing of the new one (otherwise eight throttled requests in flight would cut it 256-fold).
  void throttled(Clock::time_point sent_at, Clock::time_point now);
  // A successful answer: raises the rate by a twentieth of the ceiling, up to the ceiling. Answers to
  // requests sent before the last decrease are ignored, for the same reason.
  void succeeded(Clock::time_point sent_at, Clock::time_point now);

  double rate() const { return rate_; }
  double ceiling() const { return ceiling_; }
  // Tokens left (negative: requests reserved and still waiting). As of the last call.
  double tokens() const { return tokens_; }

 private:
  void refill(Clock::time_point now);
  // One second's worth at the current rate, at least one request.
  double capacity() const;

  double ceiling_;
  double floor_;
  double rate_;
  double tokens_;
  Clock::time_point refilled_at_;
  Clock::time_point decreased_at_;
};

// The buckets of one client, made on first use. Thread-safe: one lock, held only to update a bucket,
// never while anyone waits (the caller sleeps for what reserve returns, outside).
class RateLimiter {
 public:
  using Clock = AdaptiveTokenBucket::Clock;

  explicit RateLimiter(RateLimitConfig config);

  struct Api {
    std::string_view service;
    std::string_view region;
    std::string_view operation;
  };

  // How long the caller must wait before sending a request to `api` (zero when disabled).
  Clock::duration reserve(const Api& api);
  // The answer to a request sent at `sent_at` (now(), read when the wait was over).
  void throttled(const Api& api, Clock::time_point sent_at);
  void succeeded(const Api& api, Clock::time_point sent_at);

  Clock::time_point now() const;
  // The current rate for `api`, or its ceiling when nothing was sent to it yet.
  double rate(const Api& api) const;

 private:
  using Key = std::tuple<std::string, std::string, std::string>;
  static Key key_of(const Api& api);
  double ceiling_for(const Api& api) const;
  AdaptiveTokenBucket& bucket(const Api& api, Clock::time_point now);  // requires mutex_

  const RateLimitConfig config_;
  mutable std::mutex mutex_;
  std::map<Key, AdaptiveTokenBucket> buckets_;
};

}  // namespace trailguard::aws
