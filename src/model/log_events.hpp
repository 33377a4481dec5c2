// Which CloudTrail events the log report singles out, as one set of definitions for every reader of logs
// (the native scan counts with them, the judgment names them, generated SQL will use the same lists).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace trailguard::model {

// Events of global services (IAM, STS's global endpoint, CloudFront, Route 53, ...): a trail records them
// only with IncludeGlobalServiceEvents, and CloudTrail delivers them in us-east-1.
bool is_global_service(std::string_view event_source);
const std::vector<std::string_view>& global_service_sources();

enum class LoggingChangeKind { none, trail, bucket };
// Calls that stop or narrow logging (StopLogging, DeleteTrail, UpdateTrail, PutEventSelectors,
// PutInsightSelectors) or delete or open up a bucket (DeleteBucket, PutBucketPolicy, ...).
LoggingChangeKind logging_change_kind(std::string_view event_source, std::string_view event_name);

// Actions worth a reader's eye wherever they happen: console logins, new IAM users, access keys and roles,
// RunInstances, key pairs, security-group ingress, trail and logging changes.
bool is_high_risk(std::string_view event_source, std::string_view event_name);

// The quiet-region rule, used without --expected-regions: an account's region is quiet when at most
// `quiet_region_event_limit` events happened there (by awsRegion) and at most `quiet_region_share` of the
// account's events, while the account had activity elsewhere. Every event in a quiet region is reported.
inline constexpr std::uint64_t quiet_region_event_limit = 10000;
inline constexpr double quiet_region_share = 0.01;
std::string_view quiet_region_rule();
// The rule itself, for a region where `region_events` of its account's `account_events` happened.
bool is_quiet_region(std::uint64_t region_events, std::uint64_t account_events);

}  // namespace trailguard::model
