#include "remediate/policies.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace trailguard::remediate {
namespace {

// Insertion order kept, so policies read as AWS documents them (Version, then Statement; Sid, Effect, ...).
using json = nlohmann::ordered_json;

constexpr const char* kAclCheckSid = "AWSCloudTrailAclCheck";
constexpr const char* kWriteSid = "AWSCloudTrailWrite";

json cloudtrail_principal() { return {{"Service", "cloudtrail.amazonaws.com"}}; }

json statements_of(const json& policy) {
  if (!policy.contains("Statement")) return json::array();
  const json& statement = policy["Statement"];
  return statement.is_array() ? statement : json::array({statement});  // a single statement may be an object
}

}  // namespace

std::vector<std::string> bucket_policy_statement_ids() { return {kAclCheckSid, kWriteSid}; }

std::string bucket_policy_json(const TrailDestination& d) {
  const std::string bucket_arn = "arn:" + d.partition + ":s3:::" + d.bucket;
  json log_objects = json::array({bucket_arn + "/AWSLogs/" + d.account_id + "/*"});
  if (!d.organization_id.empty()) log_objects.push_back(bucket_arn + "/AWSLogs/" + d.organization_id + "/*");
  const json source = {{"aws:SourceArn", d.trail_arn}};
  json policy = {
      {"Version", "2012-10-17"},
      {"Statement",
       json::array({
           {{"Sid", kAclCheckSid},
            {"Effect", "Allow"},
            {"Principal", cloudtrail_principal()},
            {"Action", "s3:GetBucketAcl"},
            {"Resource", bucket_arn},
            {"Condition", {{"StringEquals", source}}}},
           {{"Sid", kWriteSid},
            {"Effect", "Allow"},
            {"Principal", cloudtrail_principal()},
            {"Action", "s3:PutObject"},
            {"Resource", log_objects.size() == 1 ? log_objects[0] : log_objects},
            {"Condition",
             {{"StringEquals", {{"s3:x-amz-acl", "bucket-owner-full-control"}, {"aws:SourceArn", d.trail_arn}}}}}},
       })}};
  return policy.dump();
}

std::string kms_key_policy_json(const std::string& partition, const std::string& account_id, const std::string& trail_arn) {
  const std::string account_trails = "arn:" + partition + ":cloudtrail:*:" + account_id + ":trail/*";
  json policy = {
      {"Version", "2012-10-17"},
      {"Id", "trailguard-cloudtrail-key"},
      {"Statement",
       json::array({
           {{"Sid", "EnableIAMPolicies"},
            {"Effect", "Allow"},
            {"Principal", {{"AWS", "arn:" + partition + ":iam::" + account_id + ":root"}}},
            {"Action", "kms:*"},
            {"Resource", "*"}},
           {{"Sid", "AllowCloudTrailToEncryptLogs"},
            {"Effect", "Allow"},
            {"Principal", cloudtrail_principal()},
            {"Action", "kms:GenerateDataKey*"},
            {"Resource", "*"},
            {"Condition",
             {{"StringEquals", {{"aws:SourceArn", trail_arn}}},
              {"StringLike", {{"kms:EncryptionContext:aws:cloudtrail:arn", account_trails}}}}}},
           {{"Sid", "AllowCloudTrailToDescribeKey"},
            {"Effect", "Allow"},
            {"Principal", cloudtrail_principal()},
            {"Action", "kms:DescribeKey"},
            {"Resource", "*"}},
           {{"Sid", "AllowAccountToDecryptLogs"},
            {"Effect", "Allow"},
            {"Principal", {{"AWS", "*"}}},
            {"Action", json::array({"kms:Decrypt", "kms:ReEncryptFrom"})},
            {"Resource", "*"},
            {"Condition",
             {{"StringEquals", {{"kms:CallerAccount", account_id}}},
              {"StringLike", {{"kms:EncryptionContext:aws:cloudtrail:arn", account_trails}}}}}},
       })}};
  return policy.dump();
}

Result<std::string> merge_bucket_policy(const std::string& existing, const std::string& ours, const std::string& bucket) {
  json current = json::parse(existing, nullptr, false);
  if (current.is_discarded() || !current.is_object() ||
      (current.contains("Statement") && !current["Statement"].is_array() && !current["Statement"].is_object()))
    return make_error(ErrorKind::malformed_input, "bucket policy of " + bucket,
                      "is not a policy document trailguard can read; not overwriting it");
  const json mine = statements_of(json::parse(ours));
  std::vector<std::string> ids;
  for (const auto& statement : mine) ids.push_back(statement.value("Sid", ""));
  json merged = json::array();
  for (const auto& statement : statements_of(current)) {
    const std::string sid = statement.is_object() ? statement.value("Sid", "") : "";
    if (std::find(ids.begin(), ids.end(), sid) == ids.end()) merged.push_back(statement);
  }
  for (const auto& statement : mine) merged.push_back(statement);
  current["Statement"] = std::move(merged);
  if (!current.contains("Version")) current["Version"] = "2012-10-17";
  return current.dump();
}

bool policy_contains(const std::string& policy, const std::string& ours) {
  // Compared without regard to key order: AWS may hand a policy back with its keys reordered.
  const nlohmann::json current = nlohmann::json::parse(policy, nullptr, false);
  if (current.is_discarded() || !current.is_object()) return false;
  const nlohmann::json wanted = nlohmann::json::parse(ours);
  const auto statements = [](const nlohmann::json& p) {
    if (!p.contains("Statement")) return nlohmann::json::array();
    return p["Statement"].is_array() ? p["Statement"] : nlohmann::json::array({p["Statement"]});
  };
  const nlohmann::json have = statements(current);
  for (const auto& statement : statements(wanted))
    if (std::find(have.begin(), have.end(), statement) == have.end()) return false;
  return true;
}

}  // namespace trailguard::remediate
