#include "remediate/aws_cli.hpp"

#include <algorithm>

namespace trailguard::remediate {
namespace {

std::string command(std::initializer_list<std::string_view> words) {
  std::string out;
  for (const auto word : words) out += (out.empty() ? "" : " ") + std::string(word);
  return out;
}

std::string q(std::string_view word) { return shell_quote(word); }

struct CliOf {
  std::vector<std::string> operator()(const CreateBucket& a) const {
    std::string line = command({"aws s3api create-bucket --bucket", q(a.bucket), "--region", q(a.region)});
    if (a.region != "us-east-1") line += " --create-bucket-configuration LocationConstraint=" + q(a.region);
    return {line};
  }
  std::vector<std::string> operator()(const BlockPublicAccess& a) const {
    return {command({"aws s3api put-public-access-block --bucket", q(a.bucket), "--region", q(a.region),
                     "--public-access-block-configuration",
                     "BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true"})};
  }
  std::vector<std::string> operator()(const PutBucketPolicy& a) const {
    return {command({"aws s3api put-bucket-policy --bucket", q(a.bucket), "--region", q(a.region), "--policy",
                     q(a.policy_json)})};
  }
  std::vector<std::string> operator()(const CreateKmsKey& a) const {
    return {"KEY_ID=$(" + command({"aws kms create-key --region", q(a.region), "--description", q(a.description),
                                   "--policy", q(a.policy_json), "--query KeyMetadata.KeyId --output text"}) + ")",
            command({"aws kms create-alias --region", q(a.region), "--alias-name", q(a.alias), "--target-key-id",
                     "\"$KEY_ID\""})};
  }
  std::vector<std::string> operator()(const CreateTrail& a) const {
    std::string line = command({"aws cloudtrail create-trail --name", q(a.trail.name), "--s3-bucket-name", q(a.bucket)});
    line += a.is_multi_region ? " --is-multi-region-trail" : " --no-is-multi-region-trail";
    line += a.include_global_service_events ? " --include-global-service-events" : " --no-include-global-service-events";
    if (a.log_file_validation) line += " --enable-log-file-validation";
    if (a.is_organization_trail) line += " --is-organization-trail";
    if (!a.kms_key_id.empty()) line += " --kms-key-id " + q(a.kms_key_id);
    return {line + " --region " + q(a.trail.home_region)};
  }
  std::vector<std::string> operator()(const UpdateTrail& a) const {
    return {command({"aws cloudtrail update-trail --name", q(a.trail.name),
                     a.is_multi_region ? "--is-multi-region-trail" : "--no-is-multi-region-trail",
                     a.include_global_service_events ? "--include-global-service-events"
                                                     : "--no-include-global-service-events",
                     "--region", q(a.trail.home_region)})};
  }
  std::vector<std::string> operator()(const PutEventSelectors& a) const {
    return {command({"aws cloudtrail put-event-selectors --trail-name", q(a.trail.name),
                     a.kind == SelectorKind::basic ? "--event-selectors" : "--advanced-event-selectors",
                     q(a.selectors_json), "--region", q(a.trail.home_region)})};
  }
  std::vector<std::string> operator()(const StartLogging& a) const {
    return {command({"aws cloudtrail start-logging --name", q(a.trail.name), "--region", q(a.trail.home_region)})};
  }
};

}  // namespace

std::string shell_quote(std::string_view word) {
  const bool safe = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("-_./:=@,+%").find(c) != std::string_view::npos;
  });
  if (safe) return std::string(word);
  std::string out = "'";
  for (const char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::vector<std::string> aws_cli_commands(const Action& action) { return std::visit(CliOf{}, action); }

}  // namespace trailguard::remediate
