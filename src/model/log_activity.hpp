// LogActivity: what CloudTrail's delivered files show, independent of where they were read from (a local
// tree, an S3 bucket; later Athena). The log scan builds it, control::judge_logs judges it, and the logs
// report writes both. Counts are of distinct events (eventID per account and delivery region).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace trailguard::model {

// The per-region counts, one definition for every reader of logs (the native scan and generated SQL).
// A record lacking the field a measure needs (readOnly, managementEvent/eventCategory: eventVersion 1.0x)
// counts in that measure's `unknown` sibling, never in a guess.
enum class LogMeasure : std::uint8_t {
  events,              // distinct events delivered in the region
  read,                // readOnly true
  write,               // readOnly false
  read_write_unknown,  // readOnly absent
  management,          // managementEvent true, or eventCategory "Management"
  data,                // eventCategory "Data" (or managementEvent false)
  category_unknown,    // neither field says
  errors,              // errorCode present
  global_service,      // events of global services (IAM, STS, CloudFront, Route 53, ...) delivered here
  insight,             // CloudTrail Insights records (from CloudTrail-Insight/ files)
};
inline constexpr std::size_t log_measure_count = 10;
// The JSON name of a measure ("read_write_unknown").
std::string_view log_measure_name(LogMeasure measure);

using LogMeasures = std::array<std::uint64_t, log_measure_count>;

// One (account, delivery region): the region in the files' names.
struct RegionDelivery {
  std::string account_id;
  std::string region;
  LogMeasures measures{};
  std::optional<std::int64_t> first_event;  // seconds since the epoch
  std::optional<std::int64_t> last_event;
  std::uint64_t log_files = 0;
  std::uint64_t digest_files = 0;
  std::uint64_t insight_files = 0;
  std::uint64_t duplicates_dropped = 0;
  std::set<std::int64_t> log_hours;     // hours (since the epoch) named by a log file delivered here
  std::set<std::int64_t> digest_hours;  // hours named by a digest file delivered here
  std::map<std::int64_t, std::uint64_t> events_by_day;  // day since the epoch -> distinct events

  std::uint64_t measure(LogMeasure which) const { return measures[static_cast<std::size_t>(which)]; }
};

// Events of one principal, action and address in one account and awsRegion (the region the event happened
// in, not where it was delivered), with the same outcome.
struct ActivityGroup {
  std::string account_id;
  std::string region;  // awsRegion
  std::string principal;  // userIdentity.arn, else the service (invokedBy) or type; "" when none is given
  std::string event_source;
  std::string event_name;
  std::string source_ip;
  std::string error_code;  // "" when it succeeded
  bool by_aws_service = false;  // userIdentity.type AWSService, or no type at all (service events)
  std::int64_t first_time = 0;
  std::int64_t last_time = 0;
  std::uint64_t count = 0;
};

// A call that changes or stops logging, or deletes or opens up a bucket: a candidate for tampering, judged
// by control::judge_logs (a bucket call matters only when the bucket holds the logs).
struct LoggingChange {
  std::string account_id;
  std::string region;  // awsRegion
  std::string event_source;
  std::string event_name;
  std::string target;  // the trail (name or ARN, as given) or the bucket name
  std::string principal;
  std::string source_ip;
  std::int64_t time = 0;
  std::string error_code;  // "" when it succeeded
  std::string event_id;
};

struct LogFileError {
  std::string file;   // as the store describes it (a path, s3://bucket/key)
  std::string error;  // a sentence, naming the place in the file where there is one
};

// What --validate found wrong with the digest chain (as `aws cloudtrail validate-logs` checks it).
enum class DigestProblemKind {
  missing_digest,     // a digest the chain names (previousDigestS3Object) is not in the source
  broken_chain,       // previousDigestHashValue differs from the SHA-256 of the previous digest
  bad_signature,      // the RSA signature does not verify with the key its fingerprint names
  unknown_key,        // no public key has the digest's fingerprint
  hash_mismatch,      // a log file's SHA-256 differs from the one its digest lists
  missing_log_file,   // a digest lists a log file the source does not hold
  unlisted_log_file,  // a log file no digest lists
  malformed_digest,   // a digest that cannot be read
  moved_digest,       // a digest found elsewhere than the bucket/key it names as its own
};
std::string_view digest_problem_name(DigestProblemKind kind);

struct DigestProblem {
  DigestProblemKind kind = DigestProblemKind::malformed_digest;
  std::string account_id;
  std::string region;
  std::string file;    // the digest or log file, as the store describes it
  std::string detail;  // a sentence
};

struct DigestValidation {
  std::uint64_t digests_checked = 0;
  std::uint64_t signatures_checked = 0;  // digests whose signature was verified
  std::uint64_t signatures_unavailable = 0;  // offline, the newest digest of each chain has no signature
  std::uint64_t chain_links_checked = 0;     // previousDigestHashValue compared with the previous digest's SHA-256
  std::uint64_t log_files_checked = 0;
  std::vector<DigestProblem> problems;
};

// Totals of what the scan did, for the summary and benchmarks.
struct LogScanTotals {
  std::uint64_t files_listed = 0;
  std::uint64_t files_read = 0;
  std::uint64_t bytes_read = 0;      // as stored
  std::uint64_t bytes_inflated = 0;  // JSON after gunzip
  std::uint64_t records = 0;         // records parsed, duplicates included
  std::uint64_t records_outside_window = 0;
  std::uint64_t duplicates_dropped = 0;
};

struct LogActivity {
  std::optional<std::int64_t> since;  // the window asked for (seconds since the epoch)
  std::optional<std::int64_t> until;
  std::vector<RegionDelivery> regions;  // sorted by (account, region)
  // Distinct events per (account, awsRegion): where activity happened, which the unused-region rule reads.
  std::map<std::pair<std::string, std::string>, std::uint64_t> events_by_event_region;
  // Sorted; every group of the regions that may be unused (those outside the expected regions, or quiet by
  // is_quiet_region): the judgment picks the unused regions' groups.
  std::vector<ActivityGroup> activity;
  std::vector<LoggingChange> logging_changes;  // sorted by time
  std::set<std::string> log_buckets;  // buckets known to hold the logs (the store's, digests', trails' own)
  std::vector<LogFileError> errors;
  std::optional<DigestValidation> validation;  // with --validate
  LogScanTotals totals;
};

}  // namespace trailguard::model
