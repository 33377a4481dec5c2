#include "aws/http/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

#include "aws/http/api_rates.hpp"

namespace trailguard::aws {
namespace {

// Rates outside the preconditions are brought into a range where every wait is finite.
double usable_rate(double per_second) {
  constexpr double kLowest = 0.01, kHighest = 1e6;
  return std::isnan(per_second) ? kLowest : std::clamp(per_second, kLowest, kHighest);
}

}  // namespace

AdaptiveTokenBucket::AdaptiveTokenBucket(double ceiling, double floor, Clock::time_point now)
    : ceiling_(usable_rate(ceiling)),
      floor_(std::min(usable_rate(floor), ceiling_)),
      rate_(ceiling_),
      tokens_(capacity()),
      refilled_at_(now),
      decreased_at_(Clock::time_point::min()) {}

double AdaptiveTokenBucket::capacity() const { return std::max(1.0, rate_); }

void AdaptiveTokenBucket::refill(Clock::time_point now) {
  if (now <= refilled_at_) return;
  const double elapsed = std::chrono::duration<double>(now - refilled_at_).count();
  // Debt (negative tokens, requests waiting their turn) is paid back at the rate; only a surplus is capped.
  tokens_ = std::min(capacity(), tokens_ + elapsed * rate_);
  refilled_at_ = now;
}

AdaptiveTokenBucket::Clock::duration AdaptiveTokenBucket::reserve(Clock::time_point now) {
  refill(now);
  tokens_ -= 1.0;
  if (tokens_ >= 0.0) return Clock::duration::zero();
  return std::chrono::ceil<Clock::duration>(std::chrono::duration<double>(-tokens_ / rate_));
}

void AdaptiveTokenBucket::throttled(Clock::time_point sent_at, Clock::time_point now) {
  if (sent_at < decreased_at_) return;
  refill(now);  // what accrued so far accrued at the old rate
  rate_ = std::max(floor_, rate_ * kDecrease);
  // AWS's bucket for this API is empty: sending a saved burst now would only be throttled again.
  tokens_ = std::min(tokens_, 0.0);
  decreased_at_ = now;
}

void AdaptiveTokenBucket::succeeded(Clock::time_point sent_at, Clock::time_point now) {
  if (sent_at < decreased_at_ || rate_ >= ceiling_) return;
  refill(now);
  rate_ = std::min(ceiling_, rate_ + ceiling_ * kRecoveryStep);
}

RateLimiter::RateLimiter(RateLimitConfig config) : config_(std::move(config)) {}

RateLimiter::Clock::time_point RateLimiter::now() const { return config_.clock ? config_.clock() : Clock::now(); }

RateLimiter::Key RateLimiter::key_of(const Api& api) {
  return {std::string(api.service), std::string(api.region), std::string(api.operation)};
}

double RateLimiter::ceiling_for(const Api& api) const {
  return config_.max_rate ? *config_.max_rate : published_api_rate(api.service, api.operation);
}

AdaptiveTokenBucket& RateLimiter::bucket(const Api& api, Clock::time_point now) {
  auto key = key_of(api);
  auto found = buckets_.find(key);
  if (found == buckets_.end()) {
    found = buckets_.emplace(std::move(key), AdaptiveTokenBucket(ceiling_for(api), config_.min_rate, now)).first;
  }
  return found->second;
}

RateLimiter::Clock::duration RateLimiter::reserve(const Api& api) {
  if (!config_.enabled) return Clock::duration::zero();
  std::lock_guard lock(mutex_);
  const auto at = now();  // read under the lock, so the buckets see time only move forward
  return bucket(api, at).reserve(at);
}

void RateLimiter::throttled(const Api& api, Clock::time_point sent_at) {
  if (!config_.enabled) return;
  std::lock_guard lock(mutex_);
  const auto at = now();
  bucket(api, at).throttled(sent_at, at);
}

void RateLimiter::succeeded(const Api& api, Clock::time_point sent_at) {
  if (!config_.enabled) return;
  std::lock_guard lock(mutex_);
  const auto at = now();
  bucket(api, at).succeeded(sent_at, at);
}

double RateLimiter::rate(const Api& api) const {
  std::lock_guard lock(mutex_);
  const auto found = buckets_.find(key_of(api));
  return found == buckets_.end() ? ceiling_for(api) : found->second.rate();
}

}  // namespace trailguard::aws
