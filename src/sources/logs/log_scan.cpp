#include "sources/logs/log_scan.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

#include "base/gzip.hpp"
#include "sources/logs/log_records.hpp"
#include "sources/logs/log_tally.hpp"

namespace trailguard::sources::logs {
namespace {

struct Job {
  LogStore* store;
  LogObject object;
};

// Between the listing and the workers: batches of files, so that a walk of small files does not pay a
// thread hand-off per file, and at most `capacity` batches wait, so memory does not grow with the listing.
// A batch goes out early whenever a worker is waiting (a slow listing, such as S3's, never starves them).
class JobQueue {
 public:
  explicit JobQueue(std::size_t capacity) : capacity_(capacity) {}
  void add(Job job) {
    pending_.push_back(std::move(job));
    if (pending_.size() >= batch_size || idle_.load(std::memory_order_relaxed) > 0) flush();
  }
  void flush() {
    if (pending_.empty()) return;
    std::unique_lock lock(mutex_);
    room_.wait(lock, [&] { return batches_.size() < capacity_; });
    batches_.push_back(std::move(pending_));
    pending_.clear();
    ready_.notify_one();
  }
  bool pop(std::vector<Job>& batch) {
    std::unique_lock lock(mutex_);
    if (batches_.empty() && !closed_) {
      idle_.fetch_add(1, std::memory_order_relaxed);
      ready_.wait(lock, [&] { return !batches_.empty() || closed_; });
      idle_.fetch_sub(1, std::memory_order_relaxed);
    }
    if (batches_.empty()) return false;
    batch = std::move(batches_.front());
    batches_.pop_front();
    room_.notify_one();
    return true;
  }
  void close() {
    flush();
    std::lock_guard lock(mutex_);
    closed_ = true;
    ready_.notify_all();
  }

 private:
  static constexpr std::size_t batch_size = 64;
  std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable ready_, room_;
  std::deque<std::vector<Job>> batches_;
  std::vector<Job> pending_;  // the listing thread's own
  std::atomic<int> idle_{0};
  bool closed_ = false;
};

// One thread's tools, reused from file to file.
class Worker {
 public:
  Worker(LogTally& tally, const LogScanOptions& options, std::atomic<std::uint64_t>& done)
      : tally_(tally), shard_(tally.shard()), options_(options), done_(done) {}

  void run(JobQueue& queue) {
    std::vector<Job> batch;
    while (queue.pop(batch)) {
      for (const auto& job : batch) process(job);
      done_.fetch_add(batch.size(), std::memory_order_relaxed);
    }
  }

 private:
  void process(const Job& job) {
    const auto described = job.store->describe(job.object);
    auto read = job.store->read(job.object, stored_, options_.max_file_bytes);
    if (!read) return tally_.add_error(described, read.error().message);
    if (job.object.name.gzip) {
      if (auto inflated = inflater_.inflate(stored_, json_, options_.max_file_bytes, described); !inflated)
        return tally_.add_error(described, inflated.error().message);
    } else {
      std::memcpy(json_.grow(stored_.size()), stored_.data(), stored_.size());
      json_.set_size(stored_.size());
    }
    tally_.add_bytes(stored_.size(), json_.size());
    if (options_.on_inflated) options_.on_inflated(job.object, described, json_.view(), *read);
    switch (job.object.name.kind) {
      case LogObjectKind::log:
        if (auto parsed = reader_.read(json_, described, records_); !parsed) return tally_.add_error(described, parsed.error().message);
        return tally_.add_log_file(shard_, job.object, described, records_);
      case LogObjectKind::digest: {
        auto bucket = reader_.digest_bucket(json_, described);
        if (!bucket) return tally_.add_error(described, bucket.error().message);
        return tally_.add_digest_file(job.object, *bucket);
      }
      case LogObjectKind::insight: {
        auto records = reader_.count_records(json_, described);
        if (!records) return tally_.add_error(described, records.error().message);
        return tally_.add_insight_file(job.object, *records);
      }
    }
  }

  LogTally& tally_;
  LogTally::Shard& shard_;
  const LogScanOptions& options_;
  std::atomic<std::uint64_t>& done_;
  std::string stored_;
  ByteBuffer json_;
  GzipInflater inflater_;
  LogRecordReader reader_;
  FileRecords records_;
};

// Tells the tally when the listing has moved past an (account, region), so that its dedupe state can go.
class StreamTracker {
 public:
  explicit StreamTracker(LogTally& tally) : tally_(tally) {}
  void listed(const LogObject& object) {
    if (object.name.kind != LogObjectKind::log) return;
    std::pair<std::string, std::string> key{object.name.account_id, object.name.region};
    if (current_ && *current_ != key) close_current();
    if (!current_) current_ = std::move(key);
    ++counts_[*current_];
  }
  void close_current() {
    if (current_) tally_.stream_listed(current_->first, current_->second, counts_[*current_]);
    current_.reset();
  }

 private:
  LogTally& tally_;
  std::optional<std::pair<std::string, std::string>> current_;
  std::map<std::pair<std::string, std::string>, std::uint64_t> counts_;  // cumulative: a stream may come back
};

}  // namespace

model::LogActivity scan_logs(const std::vector<LogStore*>& stores, const LogScanOptions& options) {
  LogTally tally({options.selection.since, options.selection.until, options.expected_regions});
  std::atomic<std::uint64_t> done{0};
  JobQueue queue(16);
  std::vector<std::thread> threads;
  const auto count = std::max<std::size_t>(1, options.threads);
  threads.reserve(count);
  for (std::size_t i = 0; i < count; ++i)
    threads.emplace_back([&] { Worker(tally, options, done).run(queue); });

  StreamTracker streams(tally);
  std::set<std::string> buckets;
  std::uint64_t listed = 0;
  auto last_progress = std::chrono::steady_clock::now();
  for (auto* store : stores) {
    if (auto bucket = store->bucket()) buckets.insert(*bucket);
    store->list(
        options.selection,
        [&](LogObject object) {
          ++listed;
          tally.file_listed();
          streams.listed(object);
          queue.add({store, std::move(object)});
          if (options.progress && (listed & 1023) == 0) {
            const auto now = std::chrono::steady_clock::now();
            if (now - last_progress >= std::chrono::seconds(1)) {
              last_progress = now;
              options.progress(listed, done.load(std::memory_order_relaxed));
            }
          }
        },
        [&](ListingProblem problem) { tally.add_error(problem.where, problem.error.message); });
    streams.close_current();
  }
  queue.close();
  for (auto& thread : threads) thread.join();
  return tally.finish(std::move(buckets));
}

}  // namespace trailguard::sources::logs
