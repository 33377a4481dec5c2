#include "aws/services/kms_api.hpp"

#include <nlohmann/json.hpp>

#include "aws/services/json_call.hpp"

namespace trailguard::aws {
namespace {

ApiCall kms_call(const std::string& region, std::string operation, const nlohmann::json& body) {
  return json_1_1_call("kms", region, "TrentService", std::move(operation), body);
}

}  // namespace

ApiCall create_key_call(const std::string& region, const std::string& description, const std::string& policy_json) {
  return kms_call(region, "CreateKey",
                  {{"Description", description},
                   {"KeyUsage", "ENCRYPT_DECRYPT"},
                   {"KeySpec", "SYMMETRIC_DEFAULT"},
                   {"Policy", policy_json}});
}

ApiCall create_alias_call(const std::string& region, const std::string& alias, const std::string& key_id) {
  return kms_call(region, "CreateAlias", {{"AliasName", alias}, {"TargetKeyId", key_id}});
}

ApiCall describe_key_call(const std::string& region, const std::string& key) {
  return kms_call(region, "DescribeKey", {{"KeyId", key}});
}

Result<KmsKey> parse_key_metadata_json(std::string_view body) {
  const auto doc = nlohmann::json::parse(body, nullptr, false);
  const auto bad = [](std::string message) { return make_error(ErrorKind::malformed_input, "KMS answer", std::move(message)); };
  if (doc.is_discarded() || !doc.is_object()) return bad("is not a JSON object");
  const auto metadata = doc.find("KeyMetadata");
  if (metadata == doc.end() || !metadata->is_object()) return bad("has no KeyMetadata");
  KmsKey key;
  if (auto id = metadata->find("KeyId"); id != metadata->end() && id->is_string()) key.key_id = id->get<std::string>();
  if (auto arn = metadata->find("Arn"); arn != metadata->end() && arn->is_string()) key.arn = arn->get<std::string>();
  if (key.key_id.empty()) return bad("has no KeyMetadata.KeyId");
  return key;
}

}  // namespace trailguard::aws
