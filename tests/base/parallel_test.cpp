#include "base/parallel.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace trailguard {
namespace {

using namespace std::chrono_literals;

TEST(ParallelFor, RunsEveryIndexExactlyOnce) {
  std::vector<std::atomic<int>> runs(1000);
  parallel_for(runs.size(), 8, [&](std::size_t i) { ++runs[i]; });
  for (const auto& r : runs) EXPECT_EQ(r.load(), 1);
}

TEST(ParallelFor, NoJobsNoCalls) {
  int calls = 0;
  parallel_for(0, 8, [&](std::size_t) { ++calls; });
  EXPECT_EQ(calls, 0);
}

TEST(ParallelFor, OneThreadRunsInOrderOnTheCaller) {
  std::vector<std::size_t> order;
  const auto caller = std::this_thread::get_id();
  bool elsewhere = false;
  parallel_for(5, 1, [&](std::size_t i) {
    order.push_back(i);
    elsewhere = elsewhere || std::this_thread::get_id() != caller;
  });
  EXPECT_EQ(order, (std::vector<std::size_t>{0, 1, 2, 3, 4}));
  EXPECT_FALSE(elsewhere);
}

TEST(ParallelFor, NeverMoreThanMaxThreadsAtOnceAndReachesIt) {
  std::atomic<int> running{0};
  std::atomic<int> peak{0};
  parallel_for(40, 4, [&](std::size_t) {
    const int now = ++running;
    int seen = peak.load();
    while (now > seen && !peak.compare_exchange_weak(seen, now)) {
    }
    std::this_thread::sleep_for(5ms);
    --running;
  });
  EXPECT_LE(peak.load(), 4);
  EXPECT_GE(peak.load(), 2);  // really concurrent (4 when the machine is idle)
}

TEST(ParallelFor, NestedCallsFinishEvenWithEveryThreadBusy) {
  std::atomic<int> inner_runs{0};
  parallel_for(16, 16, [&](std::size_t) {
    parallel_for(8, 8, [&](std::size_t) {
      std::this_thread::sleep_for(1ms);
      ++inner_runs;
    });
  });
  EXPECT_EQ(inner_runs.load(), 16 * 8);
}

// The reason for the pool: a second batch runs on the threads of the first (whose HTTP connections are
// still open), instead of on new ones.
TEST(ParallelFor, LaterCallsReuseThePoolsThreads) {
  auto run_batch = [] {
    std::mutex mutex;
    std::set<std::thread::id> ids;
    parallel_for(32, 4, [&](std::size_t) {
      std::this_thread::sleep_for(2ms);
      std::lock_guard lock(mutex);
      ids.insert(std::this_thread::get_id());
    });
    return ids;
  };
  const auto first = run_batch();
  const auto threads_after_first = pool_thread_count();
  for (int i = 0; i < 5; ++i) run_batch();
  // Fresh threads per batch would add 3 per batch (15 here); a pool adds none, or a stray one when a
  // helper of the previous batch has not gone back to waiting yet.
  EXPECT_LT(pool_thread_count() - threads_after_first, 3u);
  const auto last = run_batch();
  std::vector<std::thread::id> shared;
  std::set_intersection(first.begin(), first.end(), last.begin(), last.end(), std::back_inserter(shared));
  EXPECT_FALSE(shared.empty());
}

}  // namespace
}  // namespace trailguard
