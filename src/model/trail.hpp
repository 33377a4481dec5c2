// Trail: one CloudTrail trail as the control needs it, whatever source described it.
// A trail is identified by its ARN; shadow copies seen from other regions are merged into one Trail.
#pragma once

#include <string>
#include <vector>

#include "model/event_selectors.hpp"
#include "model/observed.hpp"
#include "model/origin.hpp"

namespace trailguard::model {

struct TrailStatus {
  bool is_logging = false;
  std::string latest_delivery_error;  // empty when the last delivery worked
  std::string source;
};

struct Trail {
  std::string arn;
  std::string name;
  std::string home_region;
  std::string owner_account_id;  // from the ARN; differs from the account for organization trails

  Known<bool> is_multi_region;
  Known<bool> include_global_service_events;
  Known<bool> is_organization_trail;
  Known<bool> log_file_validation;
  std::string s3_bucket;
  std::string s3_key_prefix;  // S3KeyPrefix: the folder the trail writes AWSLogs/ under; "" for the bucket's root
  std::string kms_key_id;

  Observed<TrailStatus> status;
  Observed<EventSelectors> selectors;

  std::vector<std::string> seen_in_regions;  // regions whose listing showed this trail

  // Facts of the answer that contradict each other ("describe-trails.json: trailList[0]: its ARN names region
  // us-east-1, its HomeRegion eu-west-1 ..."). The trail is kept as stated, but the evaluator cannot trust
  // it: it can still fail, never pass.
  std::vector<std::string> contradictions;
};

// The account id in an ARN (arn:partition:service:region:account:resource), or "" when malformed.
std::string account_of_arn(std::string_view arn);
// The partition in an ARN, or "" when malformed.
std::string partition_of_arn(std::string_view arn);
// The region in an ARN, or "" when malformed or global.
std::string region_of_arn(std::string_view arn);

}  // namespace trailguard::model
