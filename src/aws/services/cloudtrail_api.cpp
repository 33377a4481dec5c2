#include "aws/services/cloudtrail_api.hpp"

#include <nlohmann/json.hpp>

#include "aws/services/json_call.hpp"

namespace trailguard::aws {
namespace {
constexpr const char* kTargetPrefix = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101";

ApiCall cloudtrail_call(const std::string& region, std::string operation, const nlohmann::json& body) {
  return json_1_1_call("cloudtrail", region, kTargetPrefix, std::move(operation), body);
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

ApiCall create_trail_call(const std::string& region, const NewTrail& trail) {
  nlohmann::json body = {{"Name", trail.name},
                         {"S3BucketName", trail.s3_bucket},
                         {"IsMultiRegionTrail", trail.is_multi_region},
                         {"IncludeGlobalServiceEvents", trail.include_global_service_events},
                         {"EnableLogFileValidation", trail.enable_log_file_validation},
                         {"IsOrganizationTrail", trail.is_organization_trail}};
  if (!trail.kms_key_id.empty()) body["KmsKeyId"] = trail.kms_key_id;
  return cloudtrail_call(region, "CreateTrail", body);
}

ApiCall update_trail_call(const std::string& region, const std::string& trail, bool is_multi_region,
                          bool include_global_service_events) {
  return cloudtrail_call(region, "UpdateTrail",
                         {{"Name", trail},
                          {"IsMultiRegionTrail", is_multi_region},
                          {"IncludeGlobalServiceEvents", include_global_service_events}});
}

Result<ApiCall> put_event_selectors_call(const std::string& region, const std::string& trail, bool advanced,
                                         std::string_view selectors_json) {
  auto selectors = nlohmann::json::parse(selectors_json, nullptr, false);
  if (selectors.is_discarded() || !selectors.is_array())
    return make_error(ErrorKind::invalid_argument, "PutEventSelectors for " + trail, "the selectors are not a JSON array");
  return cloudtrail_call(region, "PutEventSelectors",
                         {{"TrailName", trail}, {advanced ? "AdvancedEventSelectors" : "EventSelectors", std::move(selectors)}});
}

ApiCall start_logging_call(const std::string& region, const std::string& trail) {
  return cloudtrail_call(region, "StartLogging", {{"Name", trail}});
}

ApiCall list_public_keys_call(const std::string& region, std::int64_t start, std::int64_t end, const std::string& next_token) {
  nlohmann::json body = {{"StartTime", start}, {"EndTime", end}};
  if (!next_token.empty()) body["NextToken"] = next_token;
  return cloudtrail_call(region, "ListPublicKeys", body);
}

}  // namespace trailguard::aws
