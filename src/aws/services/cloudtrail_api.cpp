#include "aws/services/cloudtrail_api.hpp"

#include <nlohmann/json.hpp>

namespace trailguard::aws {
namespace {
constexpr const char* kTargetPrefix = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101";

ApiCall cloudtrail_call(const std::string& region, std::string operation, const nlohmann::json& body) {
  ApiCall call;
  call.service = "cloudtrail";
  call.region = region;
  call.operation = std::move(operation);
  call.protocol = Protocol::json_1_1;
  call.target_prefix = kTargetPrefix;
  call.json_body = body.dump();
  return call;
}
}  // namespace

ApiCall describe_trails_call(const std::string& region) {
  return cloudtrail_call(region, "DescribeTrails", {{"includeShadowTrails", true}});
}

ApiCall get_trail_status_call(const std::string& region, const std::string& trail) {
  return cloudtrail_call(region, "GetTrailStatus", {{"Name", trail}});
}

ApiCall get_event_selectors_call(const std::string& region, const std::string& trail) {
  return cloudtrail_call(region, "GetEventSelectors", {{"TrailName", trail}});
}

}  // namespace trailguard::aws
