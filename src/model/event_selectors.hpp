// The two ways a trail says what it records: basic event selectors and advanced event selectors.
// Kept as AWS states them; what they mean is decided by the evaluator (src/control).
#pragma once

#include <string>
#include <vector>

#include "model/origin.hpp"

namespace trailguard::model {

enum class ReadWriteType { all, read_only, write_only, unknown };

struct DataResource {
  std::string type;                 // AWS::S3::Object, AWS::Lambda::Function, ...
  std::vector<std::string> values;  // ARNs or prefixes
};

struct BasicEventSelector {
  Known<ReadWriteType> read_write_type;
  Known<bool> include_management_events;
  std::vector<std::string> exclude_management_event_sources;
  std::vector<DataResource> data_resources;
};

struct FieldSelector {
  std::string field;  // eventCategory, readOnly, eventSource, eventName, resources.type, ...
  std::vector<std::string> equals;
  std::vector<std::string> starts_with;
  std::vector<std::string> ends_with;
  std::vector<std::string> not_equals;
  std::vector<std::string> not_starts_with;
  std::vector<std::string> not_ends_with;

  bool operator==(const FieldSelector&) const = default;
};

struct AdvancedEventSelector {
  std::string name;  // informative only: never used to judge what the selector records
  std::vector<FieldSelector> field_selectors;
};

struct EventSelectors {
  std::vector<BasicEventSelector> basic;
  std::vector<AdvancedEventSelector> advanced;
  std::string source;  // where these were read, for messages
  // The trail the answer says it describes (GetEventSelectors' TrailARN; a bare name in hand-made files);
  // empty when it names none. Checked against the trail it is filed for (sources/answer_identity).
  std::string trail_arn;
};

std::string_view to_string(ReadWriteType type);

// What CloudTrail records when a trail is created with no selector: all management events, read and write.
// Infrastructure code that declares none gets this, marked defaulted; `source` says where.
EventSelectors cloudtrail_default_selectors(const std::string& source);

}  // namespace trailguard::model
