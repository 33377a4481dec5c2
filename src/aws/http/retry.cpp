#include "aws/http/retry.hpp"

#include <algorithm>
#include <random>

#include "aws/http/aws_error.hpp"

namespace trailguard::aws {

RetryReason classify_response(std::string_view code, long http_status) {
  // A denied call stays denied, whatever the status it came with.
  if (error_kind_for(code, http_status) == ErrorKind::access_denied) return RetryReason::none;
  if (is_throttling_code(code) || (code.empty() && http_status == 429)) return RetryReason::throttling;
  if (is_transient_code(code)) return RetryReason::transient;
  switch (http_status) {
    case 500: case 502: case 503: case 504: return RetryReason::transient;
    default: return RetryReason::none;
  }
}

RetryReason classify_transport_error(const Error& error) {
  switch (error.kind) {
    case ErrorKind::timeout: return RetryReason::timeout;
    case ErrorKind::network: return RetryReason::transient;
    default: return RetryReason::none;
  }
}

std::chrono::milliseconds backoff_ceiling(const RetryConfig& config, int retry) {
  const auto cap = std::max<std::chrono::milliseconds::rep>(0, config.max_backoff.count());
  auto delay = std::max<std::chrono::milliseconds::rep>(0, config.base_delay.count());
  // Doubling stops at the cap, so large retry numbers cannot overflow.
  for (int i = 0; i < retry && delay < cap; ++i) delay *= 2;
  return std::chrono::milliseconds(std::min(delay, cap));
}

std::chrono::milliseconds backoff_delay(const RetryConfig& config, int retry, double unit_random) {
  const double unit = std::clamp(unit_random, 0.0, 1.0);
  const auto ceiling = backoff_ceiling(config, retry).count();
  auto delay = static_cast<std::chrono::milliseconds::rep>(unit * static_cast<double>(ceiling));
  // unit < 1 promises a delay below the ceiling; keep that when rounding meets it.
  if (ceiling > 0 && delay >= ceiling) delay = ceiling - 1;
  return std::chrono::milliseconds(delay);
}

std::chrono::milliseconds random_backoff(const RetryConfig& config, int retry) {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  return backoff_delay(config, retry, unit(engine));
}

int RetryQuota::acquire(RetryReason reason) {
  const int cost = reason == RetryReason::timeout ? kTimeoutRetryCost : kRetryCost;
  std::lock_guard lock(mutex_);
  if (tokens_ < cost) return 0;
  tokens_ -= cost;
  return cost;
}

void RetryQuota::release(int last_retry_cost) {
  std::lock_guard lock(mutex_);
  tokens_ = std::min(kCapacity, tokens_ + (last_retry_cost > 0 ? last_retry_cost : kNoRetryIncrement));
}

int RetryQuota::available() const {
  std::lock_guard lock(mutex_);
  return tokens_;
}

}  // namespace trailguard::aws
