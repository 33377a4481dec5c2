// The CloudTrail calls the audit makes, as ApiCalls. Answers are JSON bodies that
// sources/cloudtrail_json.hpp turns into the model (the aws layer knows nothing of the model).
#pragma once

#include <string>

#include "aws/aws_client.hpp"

namespace trailguard::aws {

// Every trail visible from the region: its own, multi-region trails homed elsewhere (shadow trails)
// and organization trails.
ApiCall describe_trails_call(const std::string& region);
// `trail` is a name or an ARN; call it in the trail's home region.
ApiCall get_trail_status_call(const std::string& region, const std::string& trail);
ApiCall get_event_selectors_call(const std::string& region, const std::string& trail);

}  // namespace trailguard::aws
