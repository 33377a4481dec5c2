// Reading one delivered CloudTrail log file ({"Records":[...]}) with simdjson On-Demand: one forward pass
// over each record's fields, keeping only what the log report counts. The JSON is parsed, never split by
// counting braces. Unknown fields are skipped; a record that lacks what every record has (eventID,
// eventTime, eventName, eventSource, awsRegion) is counted as malformed, not guessed at.
// Thread-safety: one LogRecordReader per thread; what it returns lives until its next read.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "base/gzip.hpp"
#include "base/result.hpp"

namespace trailguard::sources::logs {

// What one record says, as views into the reader's buffers. Fields absent from the record are empty, and a
// tri-state field (readOnly, managementEvent/eventCategory) absent is `unknown`.
enum class Tri : std::uint8_t { unknown, yes, no };

struct EventRecord {
  std::uint64_t id_hash = 0;  // a 64-bit hash of eventID (never 0), for dedupe
  std::int64_t time = 0;      // eventTime, seconds since the epoch
  std::string_view event_id;
  std::string_view aws_region;
  std::string_view event_source;
  std::string_view event_name;
  std::string_view principal;      // userIdentity.arn, else invokedBy, else the identity's type
  std::string_view identity_type;  // userIdentity.type ("" for service events, which have none)
  std::string_view source_ip;
  std::string_view error_code;
  std::string_view request_parameters;  // raw JSON of requestParameters ("" when absent or null)
  Tri read_only = Tri::unknown;
  Tri management = Tri::unknown;  // yes: management event; no: data (or another non-management category)
};

struct FileRecords {
  std::vector<EventRecord> events;
  std::uint64_t malformed_records = 0;  // records lacking a required field or of the wrong type
  std::string first_malformed;          // a sentence about the first of them ("record 3: no eventID")
};

class LogRecordReader {
 public:
  // Parses `json` (a buffer with ByteBuffer::padding readable bytes past its end) into `out`. A file that is
  // not a CloudTrail log document (not JSON, not UTF-8, no Records array) fails with an Error naming `input`
  // and the line; records within a good document that are malformed are counted in `out`.
  Status read(const ByteBuffer& json, const std::string& input, FileRecords& out);
  // The events view `json`: it must outlive them.
  Status read(ByteBuffer&& json, const std::string& input, FileRecords& out) = delete;

  // A digest file's digestS3Bucket ("" when it has none): the bucket the logs are delivered to.
  Result<std::string> digest_bucket(const ByteBuffer& json, const std::string& input);

  // An Insights file: counts its records (they are not management events) without reading their fields.
  Result<std::uint64_t> count_records(const ByteBuffer& json, const std::string& input);

 private:
  // The document over `json`, or an Error naming `input` when it is not JSON at all.
  Result<simdjson::ondemand::document> open(const ByteBuffer& json, const std::string& input);
  simdjson::ondemand::parser parser_;
};

// The value of one string member of a small raw JSON object (requestParameters), or "" — for the rare
// events that need it (trail and bucket changes).
std::string string_member(std::string_view raw_object, std::string_view key);

}  // namespace trailguard::sources::logs
