// DigestValidator: `logs --validate`'s side of the scan. Handed every file's inflated bytes as the workers
// finish them (LogScanOptions::on_inflated), it keeps what the checks need — each digest, parsed, with the
// SHA-256 of its bytes and its S3 signature; each log file's SHA-256 by name — and after the scan runs the
// checks (digest_chain) with the keys. Memory: a digest's contents (one per region per hour) and ~100 bytes per
// log file. add() is thread-safe; the rest is called once the scan is over, from one thread.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "model/log_activity.hpp"
#include "sources/logs/digest_chain.hpp"
#include "sources/logs/digest_keys.hpp"

namespace trailguard::sources::logs {

class DigestValidator {
 public:
  explicit DigestValidator(LogSelection selection) : selection_(std::move(selection)) {}

  void add(const LogObject& object, const std::string& described, std::string_view inflated, const ObjectRead& read);

  // What ListPublicKeys must cover: per trail home region, the digests' earliest start and latest end.
  struct KeyWindow {
    std::string region;
    std::int64_t start = 0;
    std::int64_t end = 0;
  };
  std::vector<KeyWindow> key_windows() const;

  // `errors`: the scan's unreadable files (so that an unreadable file is not also reported missing).
  model::DigestValidation finish(const std::vector<model::LogFileError>& errors, const DigestKeys& keys);

 private:
  LogSelection selection_;
  std::mutex mutex_;
  DigestEvidence evidence_;
  std::set<std::string> digest_names_;  // a digest given twice (two overlapping sources) is checked once
};

}  // namespace trailguard::sources::logs
