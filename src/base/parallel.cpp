#include "base/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace trailguard {
namespace {

// More threads than this only queue: helpers wait for a free thread, and callers run their jobs themselves.
constexpr std::size_t kMaxPoolThreads = 512;

class WorkerPool {
 public:
  static WorkerPool& instance() {
    static WorkerPool pool;
    return pool;
  }

  // Runs `task` on a pool thread: an idle one, or a new one while the pool is below its bound.
  void submit(std::function<void()> task) {
    std::lock_guard lock(mutex_);
    tasks_.push_back(std::move(task));
    if (idle_ < tasks_.size() && threads_.size() < kMaxPoolThreads) {
      threads_.emplace_back([this] { work(); });
    } else {
      wake_.notify_one();
    }
  }

  std::size_t thread_count() {
    std::lock_guard lock(mutex_);
    return threads_.size();
  }

  ~WorkerPool() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    for (auto& thread : threads_) thread.join();
  }

 private:
  WorkerPool() = default;

  void work() {
    std::unique_lock lock(mutex_);
    for (;;) {
      ++idle_;
      wake_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
      --idle_;
      if (tasks_.empty()) return;  // stopping, nothing left
      auto task = std::move(tasks_.front());
      tasks_.pop_front();
      lock.unlock();
      task();
      lock.lock();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> tasks_;
  std::vector<std::thread> threads_;
  std::size_t idle_ = 0;
  bool stopping_ = false;
};

// One call's jobs. Helpers hold it by shared_ptr: one that starts after every index is taken (even after
// the call returned) only looks at `next`, never at `job`, which lives in the caller's frame.
struct Batch {
  Batch(std::size_t n, const std::function<void(std::size_t)>& j) : count(n), job(&j) {}
  const std::size_t count;
  const std::function<void(std::size_t)>* const job;
  std::atomic<std::size_t> next{0};
  std::size_t done = 0;  // under `mutex`
  std::mutex mutex;
  std::condition_variable all_done;
};

void drain(Batch& batch) {
  for (std::size_t i = batch.next++; i < batch.count; i = batch.next++) {
    (*batch.job)(i);
    std::lock_guard lock(batch.mutex);
    if (++batch.done == batch.count) batch.all_done.notify_all();
  }
}

}  // namespace

void run_parallel(std::size_t count, std::size_t max_threads, const std::function<void(std::size_t)>& job) {
  if (count == 0) return;
  const std::size_t threads = std::clamp<std::size_t>(max_threads, 1, count);
  if (threads == 1) {
    for (std::size_t i = 0; i < count; ++i) job(i);
    return;
  }
  auto batch = std::make_shared<Batch>(count, job);
  for (std::size_t t = 1; t < threads; ++t) WorkerPool::instance().submit([batch] { drain(*batch); });
  drain(*batch);
  std::unique_lock lock(batch->mutex);
  batch->all_done.wait(lock, [&] { return batch->done == batch->count; });
}

std::size_t pool_thread_count() { return WorkerPool::instance().thread_count(); }

}  // namespace trailguard
