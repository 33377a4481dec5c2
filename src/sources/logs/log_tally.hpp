// LogTally: folds each file's records into the run's model::LogActivity, as files finish on any thread.
// It drops duplicate events (the same eventID delivered twice in an account and region, as two trails
// delivering to one prefix do), keeps the per-region measures, and keeps activity groups only where the
// unused-region rule can still want them, so that memory depends on what the logs hold, not their size:
// an (account, region)'s dedupe state is retired when the listing has moved past it, and kept within a
// fixed budget in case the same (account, region) comes back under another prefix or source.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/log_activity.hpp"
#include "sources/logs/log_object.hpp"
#include "sources/logs/log_records.hpp"
#include "sources/logs/log_store.hpp"

namespace trailguard::sources::logs {

struct TallyOptions {
  std::optional<std::int64_t> since;  // events before are not counted
  std::optional<std::int64_t> until;  // events at or after are not counted
  std::set<std::string> expected_regions;  // given: every event elsewhere is kept as activity
  // Event ids of (account, region)s the listing has passed, kept in case one comes back under another prefix
  // or source: beyond this, the oldest are forgotten (with a warning if that stream does come back).
  std::size_t retained_id_bytes = 64u << 20;
};

class LogTally {
 public:
  explicit LogTally(TallyOptions options);
  ~LogTally();

  // One worker's share of the counts: what needs no other file's events (measures, days, activity groups,
  // logging changes) is counted there without a lock and merged once, in finish(). Only the dedupe (is this
  // event id new in its stream?) is shared, under the lock, a few lookups per event.
  class Shard;
  // Thread-safe; the shard lives as long as the tally and is used by one thread at a time.
  Shard& shard();

  // Thread-safe, each.
  void add_log_file(Shard& shard, const LogObject& object, const std::string& described_as, const FileRecords& records);
  // Through a shard of the tally's own (for callers with one file at a time).
  void add_log_file(const LogObject& object, const std::string& described_as, const FileRecords& records);
  void add_digest_file(const LogObject& object, std::string_view digest_bucket);
  void add_insight_file(const LogObject& object, std::uint64_t records);
  void add_error(std::string file, std::string error);
  void add_bytes(std::uint64_t stored, std::uint64_t inflated);
  // The listing has handed out all `log_files` log files of (account, region): once they are tallied, its
  // dedupe state goes.
  void stream_listed(const std::string& account_id, const std::string& region, std::uint64_t log_files);
  void file_listed();

  // Once, after every add_*.
  model::LogActivity finish(std::set<std::string> log_buckets);

 private:
  struct Stream;
  Stream& stream(const LogObjectName& name);
  void retire(Stream& stream);
  void reopen(Stream& stream);
  void collect_activity(model::LogActivity& activity);
  // Events per (account, awsRegion) summed over the shards as they go (see Shard::share).
  std::atomic<std::uint64_t>& region_events(const std::pair<std::string, std::string>& key);

  TallyOptions options_;
  std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, std::unique_ptr<Stream>> streams_;
  std::vector<std::unique_ptr<Shard>> shards_;
  std::map<std::pair<std::string, std::string>, std::atomic<std::uint64_t>> region_events_;
  Shard* own_shard_ = nullptr;
  std::mutex own_shard_mutex_;
  std::set<std::string> log_buckets_;
  std::vector<model::LogFileError> errors_;
  model::LogScanTotals totals_;
  std::atomic<std::uint64_t> files_listed_{0}, bytes_read_{0}, bytes_inflated_{0};
  std::deque<Stream*> retired_order_;
  std::size_t retired_bytes_ = 0;
};

}  // namespace trailguard::sources::logs
