// Runs independent jobs on a bounded number of threads. The jobs must not throw; each gets its index.
// Used where the work is I/O-bound (API calls), so threads, not cores, are the bound.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace trailguard {

template <class Job>
void parallel_for(std::size_t count, std::size_t max_threads, Job&& job) {
  if (count == 0) return;
  const std::size_t threads = std::clamp<std::size_t>(max_threads, 1, count);
  if (threads == 1) {
    for (std::size_t i = 0; i < count; ++i) job(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::vector<std::jthread> workers;
  workers.reserve(threads);
  for (std::size_t t = 0; t < threads; ++t)
    workers.emplace_back([&] {
      for (std::size_t i = next++; i < count; i = next++) job(i);
    });
}

}  // namespace trailguard
