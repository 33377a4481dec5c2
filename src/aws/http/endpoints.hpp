// Where an AWS API call goes: the partition of a region, the endpoint URL of a service there (or the
// configured override), and the region a global service's requests are signed for.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "aws/aws_client.hpp"

namespace trailguard::aws {

// "aws-cn" for cn-*, "aws-us-gov" for us-gov-*, else "aws".
std::string_view partition_of(std::string_view region);

// True for services with one endpoint per partition (organizations, account, iam).
bool is_global_service(std::string_view service);

// The region requests to `service` are signed for: the partition's home region for global services
// (us-east-1, cn-northwest-1, us-gov-west-1; IAM in China: cn-north-1), else `region` itself.
std::string signing_region(std::string_view service, std::string_view region);

}  // namespace trailguard::aws
