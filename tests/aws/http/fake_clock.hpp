// A steady clock for tests that only moves when told to, and a sleep that moves it instead of sleeping,
// recording each wait: the client's RateLimitConfig::clock and RetryConfig::sleep. Thread-safe.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <vector>

namespace trailguard::aws::testing {

class FakeClock {
 public:
  using Clock = std::chrono::steady_clock;

  Clock::time_point now() const {
    std::lock_guard lock(mutex_);
    return now_;
  }
  void advance(Clock::duration by) {
    std::lock_guard lock(mutex_);
    now_ += by;
  }
  std::vector<std::chrono::milliseconds> sleeps() const {
    std::lock_guard lock(mutex_);
    return sleeps_;
  }

  std::function<Clock::time_point()> clock() {
    return [this] { return now(); };
  }
  std::function<void(std::chrono::milliseconds)> sleep() {
    return [this](std::chrono::milliseconds delay) {
      std::lock_guard lock(mutex_);
      sleeps_.push_back(delay);
      now_ += delay;
    };
  }

 private:
  mutable std::mutex mutex_;
  Clock::time_point now_{std::chrono::hours(1000)};  // far from zero, so no test leans on the epoch
  std::vector<std::chrono::milliseconds> sleeps_;
};

}  // namespace trailguard::aws::testing
