// Runs independent jobs with at most `max_threads` of them at once, the calling thread included.
//
// The threads come from one process-wide pool and outlive the call: each thread keeps its own HTTP
// connections (see aws/http/curl_transport.cpp), so when the next account's calls land on a thread that
// served the previous one, its connections are still open. Starting fresh threads per call would close
// them every time.
//
// Nested calls (an account's calls, inside the organization's accounts) cannot deadlock: the calling
// thread runs its own jobs while it waits, so a batch finishes even when every pool thread is busy.
// The jobs must not throw; each gets its index.
#pragma once

#include <cstddef>
#include <functional>

namespace trailguard {

void run_parallel(std::size_t count, std::size_t max_threads, const std::function<void(std::size_t)>& job);

template <class Job>
void parallel_for(std::size_t count, std::size_t max_threads, Job&& job) {
  run_parallel(count, max_threads, std::function<void(std::size_t)>(std::ref(job)));
}

// Threads the pool has started so far (for tests: they must be reused, not multiplied).
std::size_t pool_thread_count();

}  // namespace trailguard
