// The KMS calls remediation makes (json_1_1, TrentService), as ApiCalls, and the parser of their answer.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "aws/aws_client.hpp"
#include "base/result.hpp"

namespace trailguard::aws {

// A symmetric ENCRYPT_DECRYPT key with `policy_json` as its key policy.
ApiCall create_key_call(const std::string& region, const std::string& description, const std::string& policy_json);
ApiCall create_alias_call(const std::string& region, const std::string& alias, const std::string& key_id);
// `key` is a key id, key ARN, alias name ("alias/x") or alias ARN. An unknown one answers NotFoundException.
ApiCall describe_key_call(const std::string& region, const std::string& key);

struct KmsKey {
  std::string key_id;
  std::string arn;
};
// The KeyMetadata of a CreateKey or DescribeKey answer.
Result<KmsKey> parse_key_metadata_json(std::string_view body);

}  // namespace trailguard::aws
