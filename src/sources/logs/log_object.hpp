// What CloudTrail calls the files it delivers. Everything here is read from a file's own name, never from
// the folders around it: people copy log trees out of buckets at any depth (a whole bucket, AWSLogs/, one
// account's CloudTrail/, one region's folder), so only the name says whose file it is.
//
//   log:     <account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<16 chars>.json[.gz]
//   insight: <account>_CloudTrail-Insight_<region>_<YYYYMMDDTHHmmZ>_<16 chars>.json[.gz]
//   digest:  <account>_CloudTrail-Digest_<region>_<trail name>_<trail home region>_<YYYYMMDDTHHmmssZ>.json[.gz]
//            (a trail name may itself hold underscores: the home region and time are taken from the end)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace trailguard::sources::logs {

enum class LogObjectKind { log, digest, insight };

struct LogObjectName {
  LogObjectKind kind = LogObjectKind::log;
  std::string account_id;         // 12 digits
  std::string region;             // the delivery region: where the file was delivered for
  std::int64_t time = 0;          // the name's UTC time in seconds since the epoch (a digest's: its end time)
  std::string trail_name;         // digests only
  std::string trail_home_region;  // digests only
  bool gzip = true;               // .json.gz (else .json)
};

// nullopt for any file that is not named as CloudTrail names its files.
std::optional<LogObjectName> parse_log_object_name(std::string_view file_name);

// One file a LogStore holds.
struct LogObject {
  std::string key;  // the store's own key: a path under SOURCE, or an S3 key
  LogObjectName name;
  std::uint64_t size = 0;  // bytes as stored (compressed)
};

// The UTC day (days since the epoch) and hour (hours since the epoch) of a time in seconds.
inline std::int64_t day_of(std::int64_t seconds) { return (seconds >= 0 ? seconds : seconds - 86399) / 86400; }
inline std::int64_t hour_of(std::int64_t seconds) { return (seconds >= 0 ? seconds : seconds - 3599) / 3600; }

}  // namespace trailguard::sources::logs
