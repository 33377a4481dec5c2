// LogDigest: one CloudTrail digest file (CloudTrail-Digest/<region>/...), as --validate reads it: the hour it
// covers, where it says it lives, its predecessor in the chain (location, hash, signature), the key it was
// signed with, and the log files it lists with their SHA-256. Parsing is strict about the fields the checks
// use (missing or ill-typed is an error naming the file and the field) and ignores every other field.
// Pure; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace trailguard::sources::logs {

struct DigestLogFile {
  std::string s3_bucket;
  std::string s3_object;
  std::string hash_value;      // hex SHA-256 of the inflated log file
  std::string hash_algorithm;  // "SHA-256"
  std::optional<std::int64_t> oldest_event_time;
  std::optional<std::int64_t> newest_event_time;
};

struct LogDigest {
  std::string start_time_text;  // as written: the end time is part of the string to sign
  std::string end_time_text;
  std::int64_t start_time = 0;  // seconds since the epoch
  std::int64_t end_time = 0;
  std::string s3_bucket;  // where the digest says it was delivered
  std::string s3_object;
  // Absent (null) in the first digest of a chain: after validation was turned on, or logging restarted.
  std::optional<std::string> previous_s3_bucket;
  std::optional<std::string> previous_s3_object;
  std::optional<std::string> previous_hash_value;  // hex SHA-256 of the previous digest, inflated
  std::optional<std::string> previous_hash_algorithm;
  std::optional<std::string> previous_signature;  // hex: the previous digest's signature
  std::string public_key_fingerprint;
  std::string signature_algorithm;  // "SHA256withRSA"
  std::vector<DigestLogFile> log_files;
};

// `json` is the inflated digest. Errors: malformed_input, where = `input` (the file as the store names it).
Result<LogDigest> parse_log_digest(std::string_view json, const std::string& input);

// The string CloudTrail signs (as awscli's validation.py builds it): end time as written, "bucket/key", the
// hex SHA-256 of the inflated digest, and the previous signature ("null" for the first of a chain), one a line.
std::string digest_string_to_sign(const LogDigest& digest, std::string_view inflated_sha256_hex);

}  // namespace trailguard::sources::logs
