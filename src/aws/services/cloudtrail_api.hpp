// The CloudTrail calls the audit makes, and those remediation makes, as ApiCalls. Answers of the reads are
// JSON bodies that sources/cloudtrail_json.hpp turns into the model (the aws layer knows nothing of the model).
// Calls that change a trail go to its home region and name it by name (moto refuses ARNs for StartLogging).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "aws/aws_client.hpp"
#include "base/result.hpp"

namespace trailguard::aws {

// Every trail visible from the region: its own, multi-region trails homed elsewhere (shadow trails)
// and organization trails.
ApiCall describe_trails_call(const std::string& region);
// `trail` is a name or an ARN; call it in the trail's home region.
ApiCall get_trail_status_call(const std::string& region, const std::string& trail);
ApiCall get_event_selectors_call(const std::string& region, const std::string& trail);

struct NewTrail {
  std::string name;
  std::string s3_bucket;
  std::string kms_key_id;  // empty: not sent (SSE-S3)
  bool is_multi_region = true;
  bool include_global_service_events = true;
  bool enable_log_file_validation = true;
  bool is_organization_trail = false;
};
ApiCall create_trail_call(const std::string& region, const NewTrail& trail);
// Sets only IsMultiRegionTrail and IncludeGlobalServiceEvents; the trail's other settings stay.
ApiCall update_trail_call(const std::string& region, const std::string& trail, bool is_multi_region,
                          bool include_global_service_events);
// `selectors_json` is the whole new list, a JSON array: the EventSelectors parameter, or with `advanced`
// the AdvancedEventSelectors one. Fails (invalid_argument) when it is not a JSON array.
Result<ApiCall> put_event_selectors_call(const std::string& region, const std::string& trail, bool advanced,
                                         std::string_view selectors_json);
ApiCall start_logging_call(const std::string& region, const std::string& trail);

// One page of the public keys CloudTrail signed digests with in `region` at some time in [start, end] (epoch
// seconds); an empty token asks for the first page. The answer is parsed by sources/logs/digest_keys.
ApiCall list_public_keys_call(const std::string& region, std::int64_t start, std::int64_t end, const std::string& next_token);

}  // namespace trailguard::aws
