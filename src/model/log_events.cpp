#include "model/log_events.hpp"

#include <algorithm>

namespace trailguard::model {
namespace {
bool one_of(std::string_view value, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), value) != names.end();
}
}  // namespace

const std::vector<std::string_view>& global_service_sources() {
  static const std::vector<std::string_view> sources = {
      "iam.amazonaws.com",        "sts.amazonaws.com",         "cloudfront.amazonaws.com",
      "route53.amazonaws.com",    "route53domains.amazonaws.com", "signin.amazonaws.com",
      "organizations.amazonaws.com", "waf.amazonaws.com",      "shield.amazonaws.com",
      "globalaccelerator.amazonaws.com", "account.amazonaws.com", "support.amazonaws.com"};
  return sources;
}

bool is_global_service(std::string_view event_source) {
  const auto& sources = global_service_sources();
  return std::find(sources.begin(), sources.end(), event_source) != sources.end();
}

LoggingChangeKind logging_change_kind(std::string_view event_source, std::string_view event_name) {
  if (event_source == "cloudtrail.amazonaws.com" &&
      one_of(event_name, {"StopLogging", "DeleteTrail", "UpdateTrail", "PutEventSelectors", "PutInsightSelectors"}))
    return LoggingChangeKind::trail;
  if (event_source == "s3.amazonaws.com" &&
      one_of(event_name, {"DeleteBucket", "PutBucketPolicy", "DeleteBucketPolicy", "PutBucketAcl", "PutBucketLifecycle",
                          "PutBucketPublicAccessBlock", "DeleteBucketPublicAccessBlock", "PutBucketEncryption",
                          "DeleteBucketEncryption"}))
    return LoggingChangeKind::bucket;
  return LoggingChangeKind::none;
}

bool is_high_risk(std::string_view event_source, std::string_view event_name) {
  if (logging_change_kind(event_source, event_name) != LoggingChangeKind::none) return true;
  if (event_source == "signin.amazonaws.com") return event_name == "ConsoleLogin";
  if (event_source == "iam.amazonaws.com")
    return one_of(event_name, {"CreateUser", "CreateAccessKey", "CreateRole", "CreateLoginProfile", "UpdateLoginProfile",
                               "AttachUserPolicy", "AttachRolePolicy", "PutUserPolicy", "PutRolePolicy", "UpdateAssumeRolePolicy"});
  if (event_source == "ec2.amazonaws.com")
    return one_of(event_name, {"RunInstances", "CreateKeyPair", "ImportKeyPair", "AuthorizeSecurityGroupIngress"});
  if (event_source == "cloudtrail.amazonaws.com") return one_of(event_name, {"CreateTrail", "StartLogging"});
  return false;
}

bool is_quiet_region(std::uint64_t region_events, std::uint64_t account_events) {
  return account_events > region_events && region_events <= quiet_region_event_limit &&
         static_cast<double>(region_events) <= quiet_region_share * static_cast<double>(account_events);
}

std::string_view quiet_region_rule() {
  return "without --expected-regions, an account's quiet regions are those where at most 10,000 of its events and at "
         "most 1% of them happened (by awsRegion) while it had activity elsewhere; every event there is reported";
}

}  // namespace trailguard::model
