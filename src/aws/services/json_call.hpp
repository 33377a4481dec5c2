// The ApiCall of a JSON 1.1 operation (CloudTrail, KMS, ...): one spelling of the fields every such call sets.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "aws/aws_client.hpp"

namespace trailguard::aws {

inline ApiCall json_1_1_call(std::string service, std::string region, std::string target_prefix, std::string operation,
                             const nlohmann::json& body) {
  ApiCall call;
  call.service = std::move(service);
  call.region = std::move(region);
  call.operation = std::move(operation);
  call.protocol = Protocol::json_1_1;
  call.target_prefix = std::move(target_prefix);
  call.json_body = body.dump();
  return call;
}

}  // namespace trailguard::aws
