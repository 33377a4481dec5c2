// LogStore: where delivered CloudTrail files are read from — a local directory tree or an S3 bucket — so
// that the log scan (log_scan.hpp) reads both the same way.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "sources/logs/log_object.hpp"

namespace trailguard::sources::logs {

// What a run asks for. Listing prunes whole days by the keys (a day that cannot hold an event of the
// window is never listed or read); event times decide which records count (log_scan).
struct LogSelection {
  std::optional<std::int64_t> since;  // seconds since the epoch, inclusive
  std::optional<std::int64_t> until;  // exclusive
  std::set<std::string> accounts;     // empty: every account
  std::set<std::string> regions;      // empty: every region

  bool wants_account(const std::string& account_id) const { return accounts.empty() || accounts.count(account_id); }
  bool wants_region(const std::string& region) const { return regions.empty() || regions.count(region); }
  // Whether a file of the given kind, delivered on `day` (days since the epoch, from its key or name), may
  // hold records of the window. Files are delivered up to ~15 minutes after their last event and digests
  // an hour after their first log file, so the day after `until` is kept too.
  bool wants_day(std::int64_t day) const {
    if (since && day < day_of(*since)) return false;
    if (until && day > day_of(*until) + 1) return false;
    return true;
  }
  bool wants(const LogObjectName& name) const {
    return wants_account(name.account_id) && wants_region(name.region) && wants_day(day_of(name.time));
  }
};

// Whether the selection rules out a whole folder by the S3 layout's folder names, given the folder's own name
// and its parent's and grandparent's: a day (YYYY/MM/DD), an account under AWSLogs/ or o-<org id>/, a region
// under CloudTrail*/. Any other folder is walked. The local walk and the S3 listing prune alike.
bool folder_pruned(std::string_view grandparent, std::string_view parent, std::string_view name, const LogSelection& selection);

// An object's bytes as stored (gzip or plain JSON), plus what the store knows beside them.
struct ObjectRead {
  std::optional<std::string> signature;  // S3's x-amz-meta-signature (digests), when the store holds metadata
  bool has_metadata = false;  // the store returns metadata (S3): a missing signature is then a fact
  std::string bucket;         // the S3 bucket read from; empty for local files
};

struct ListingProblem {
  std::string where;  // the folder or prefix that could not be listed
  Error error;
};

class LogStore {
 public:
  virtual ~LogStore() = default;

  // Calls `visit` for every CloudTrail file (log, digest, insight) the selection does not prune, in key
  // order, and `problem` for every folder or prefix that could not be listed (the run goes on). Files that
  // are not named as CloudTrail names them are skipped. Called from one thread.
  virtual void list(const LogSelection& selection, const std::function<void(LogObject)>& visit,
                    const std::function<void(ListingProblem)>& problem) = 0;

  // Reads one object's stored bytes into `bytes` (replacing its content, reusing its capacity). Thread-safe:
  // the scan reads from several threads at once. Objects larger than `max_bytes` fail without being read.
  virtual Result<ObjectRead> read(const LogObject& object, std::string& bytes, std::uint64_t max_bytes) = 0;

  // How messages name an object: the path as given on the command line, or s3://bucket/key.
  virtual std::string describe(const LogObject& object) const = 0;

  // The bucket the files live in, when the store knows it (s3://); digests also name it.
  virtual std::optional<std::string> bucket() const = 0;

  // True when read() returns S3 metadata (signatures): digests can then be checked one by one.
  virtual bool has_metadata() const = 0;
};

}  // namespace trailguard::sources::logs
