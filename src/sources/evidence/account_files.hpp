// STS GetCallerIdentity and EC2 DescribeRegions as the AWS CLI prints them (JSON), into model facts.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "model/account.hpp"

namespace trailguard::sources::evidence {

struct CallerIdentity {
  std::string account_id;
  std::string arn;
};

Result<CallerIdentity> parse_caller_identity(std::string_view json, const std::string& input);
Result<std::vector<model::Region>> parse_describe_regions(std::string_view json, const std::string& input);

}  // namespace trailguard::sources::evidence
