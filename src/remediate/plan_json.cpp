#include "remediate/plan_json.hpp"

#include <nlohmann/json.hpp>

namespace trailguard::remediate {
namespace {

// Insertion order kept: fields read in the order written, policies as AWS documents them.
using json = nlohmann::ordered_json;

json trail_json(const TrailRef& trail) { return {{"name", trail.name}, {"arn", trail.arn}, {"home_region", trail.home_region}}; }

// Policies and selectors are written by trailguard itself, so they parse; were one not to, it stays a string.
json embedded(const std::string& text) {
  json value = json::parse(text, nullptr, false);
  return value.is_discarded() ? json(text) : value;
}

struct ParametersOf {
  json operator()(const CreateBucket& a) const {
    return {{"bucket", a.bucket},
            {"region", a.region},
            {"location_constraint", a.region == "us-east-1" ? json(nullptr) : json(a.region)}};
  }
  json operator()(const BlockPublicAccess& a) const {
    return {{"bucket", a.bucket},
            {"region", a.region},
            {"block_public_acls", true},
            {"ignore_public_acls", true},
            {"block_public_policy", true},
            {"restrict_public_buckets", true}};
  }
  json operator()(const PutBucketPolicy& a) const {
    return {{"bucket", a.bucket}, {"region", a.region}, {"policy", embedded(a.policy_json)}, {"statement_ids", a.statement_ids}};
  }
  json operator()(const CreateKmsKey& a) const {
    return {{"region", a.region}, {"alias", a.alias}, {"description", a.description}, {"policy", embedded(a.policy_json)}};
  }
  json operator()(const CreateTrail& a) const {
    return {{"trail", trail_json(a.trail)},
            {"bucket", a.bucket},
            {"kms_key_id", a.kms_key_id.empty() ? json(nullptr) : json(a.kms_key_id)},
            {"is_multi_region", a.is_multi_region},
            {"include_global_service_events", a.include_global_service_events},
            {"log_file_validation", a.log_file_validation},
            {"is_organization_trail", a.is_organization_trail}};
  }
  json operator()(const UpdateTrail& a) const {
    return {{"trail", trail_json(a.trail)},
            {"is_multi_region", a.is_multi_region},
            {"include_global_service_events", a.include_global_service_events}};
  }
  json operator()(const PutEventSelectors& a) const {
    return {{"trail", trail_json(a.trail)},
            {"kind", to_string(a.kind)},
            {"selectors", embedded(a.selectors_json)},
            {"kept_data_selectors", a.kept_data_selectors},
            {"replaced_selectors", a.replaced_selectors}};
  }
  json operator()(const StartLogging& a) const { return {{"trail", trail_json(a.trail)}}; }
};

}  // namespace

std::string plan_json(const Plan& plan) {
  json accounts = json::array();
  for (const auto& account : plan.accounts) {
    json steps = json::array();
    for (std::size_t i = 0; i < account.steps.size(); ++i) {
      const Step& step = account.steps[i];
      steps.push_back({{"index", i + 1},
                       {"kind", to_string(step.kind())},
                       {"api", api_of(step.kind())},
                       {"account_id", step.account_id},
                       {"region", step.region},
                       {"reason", step.reason},
                       {"cli", step.cli},
                       {"parameters", std::visit(ParametersOf{}, step.action)}});
    }
    json entry = {{"account_id", account.account_id},
                  {"partition", account.partition},
                  {"home_region", account.home_region},
                  {"approach", to_string(account.approach)},
                  {"summary", account.summary},
                  {"blockers", account.blockers},
                  {"warnings", account.warnings}};
    if (!account.covered_by_trail_arn.empty()) entry["covered_by_trail_arn"] = account.covered_by_trail_arn;
    entry["steps"] = std::move(steps);
    accounts.push_back(std::move(entry));
  }
  return json{{"plan_version", 1}, {"accounts", std::move(accounts)}}.dump(2) + "\n";
}

}  // namespace trailguard::remediate
