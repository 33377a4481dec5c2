// Who the caller is (STS GetCallerIdentity) and which regions the account has (EC2 DescribeRegions,
// Account ListRegions), as ApiCalls plus parsers of their answers into plain values.
// Parsers are pure and thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "aws/aws_client.hpp"
#include "base/result.hpp"

namespace trailguard::aws {

struct CallerIdentity {
  std::string account_id;
  std::string arn;
  std::string user_id;
};

struct RegionInfo {
  std::string name;
  // As AWS states it. EC2: opt-in-not-required | opted-in | not-opted-in.
  // Account: ENABLED | ENABLED_BY_DEFAULT | ENABLING | DISABLING | DISABLED.
  std::string opt_in_status;
  bool enabled = true;
};

ApiCall get_caller_identity_call(const std::string& region);
Result<CallerIdentity> parse_caller_identity_xml(std::string_view body);

// AllRegions=true, so regions the account has not opted in to are listed (and judged SKIPPED).
ApiCall describe_regions_call(const std::string& region);
Result<std::vector<RegionInfo>> parse_describe_regions_xml(std::string_view body);

ApiCall list_regions_call(const std::string& region, const std::string& next_token = {});
// Returns the regions and sets `next_token` (empty when this was the last page).
Result<std::vector<RegionInfo>> parse_list_regions_json(std::string_view body, std::string& next_token);

}  // namespace trailguard::aws
