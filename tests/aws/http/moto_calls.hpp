// The API calls the HTTP tests make against moto, spelled once.
#pragma once

#include <string>

#include "aws/aws_client.hpp"

namespace trailguard::aws::testing {

inline constexpr const char* kCloudTrailTarget = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101";

inline ApiCall describe_trails(std::string region = "us-east-1") {
  ApiCall call;
  call.service = "cloudtrail";
  call.region = std::move(region);
  call.operation = "DescribeTrails";
  call.protocol = Protocol::json_1_1;
  call.target_prefix = kCloudTrailTarget;
  call.json_body = R"({"includeShadowTrails": true})";
  return call;
}

inline ApiCall get_caller_identity(std::string region = "us-east-1") {
  ApiCall call;
  call.service = "sts";
  call.region = std::move(region);
  call.operation = "GetCallerIdentity";
  call.protocol = Protocol::query;
  call.api_version = "2011-06-15";
  return call;
}

inline ApiCall describe_regions(std::string region = "us-east-1") {
  ApiCall call;
  call.service = "ec2";
  call.region = std::move(region);
  call.operation = "DescribeRegions";
  call.protocol = Protocol::query;
  call.api_version = "2016-11-15";
  call.params = {{"AllRegions", "true"}};
  return call;
}

inline ApiCall iam_call(std::string operation, std::vector<std::pair<std::string, std::string>> params) {
  ApiCall call;
  call.service = "iam";
  call.region = "us-east-1";
  call.operation = std::move(operation);
  call.protocol = Protocol::query;
  call.api_version = "2010-05-08";
  call.params = std::move(params);
  return call;
}

}  // namespace trailguard::aws::testing
