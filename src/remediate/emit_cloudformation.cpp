#include "remediate/emit_cloudformation.hpp"

#include <cctype>
#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "remediate/emit_declarations.hpp"

namespace trailguard::remediate {
namespace {

using json = nlohmann::ordered_json;

constexpr std::size_t kMaxDescription = 1024;  // CloudFormation's limit, in bytes

Error refuse(std::string where, std::string message, std::string code) {
  return make_error(ErrorKind::invalid_argument, std::move(where), std::move(message), std::move(code));
}

// Logical ids are alphanumeric: prefix + the name's letters and digits in CamelCase, unique in the template.
class LogicalIds {
 public:
  std::string take(const std::string& prefix, std::string_view name) {
    std::string base = prefix;
    bool upper = true;
    for (const char c : name) {
      if (!std::isalnum(static_cast<unsigned char>(c))) {
        upper = true;
        continue;
      }
      base += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      upper = false;
    }
    base = base.substr(0, 200);
    std::string id = base;
    for (int n = 2; !taken_.insert(id).second; ++n) id = base + std::to_string(n);
    return id;
  }

 private:
  std::set<std::string> taken_;
};

json ref_to(const std::string& logical_id) { return {{"Ref", logical_id}}; }

// `text` cut to at most `limit` bytes, never inside a UTF-8 character.
std::string truncated(std::string text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t end = limit - 3;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "...";
}

json basic_selectors(const std::vector<model::BasicEventSelector>& selectors) {
  json out = json::array();
  for (const auto& s : selectors) {
    json item = json::object();
    if (s.read_write_type.known() && *s.read_write_type.value != model::ReadWriteType::unknown)
      item["ReadWriteType"] = std::string(model::to_string(*s.read_write_type.value));
    if (s.include_management_events.known()) item["IncludeManagementEvents"] = *s.include_management_events.value;
    if (!s.exclude_management_event_sources.empty()) item["ExcludeManagementEventSources"] = s.exclude_management_event_sources;
    if (!s.data_resources.empty()) {
      item["DataResources"] = json::array();
      for (const auto& r : s.data_resources) item["DataResources"].push_back({{"Type", r.type}, {"Values", r.values}});
    }
    out.push_back(std::move(item));
  }
  return out;
}

json advanced_selectors(const std::vector<model::AdvancedEventSelector>& selectors) {
  json out = json::array();
  for (const auto& s : selectors) {
    json item = json::object();
    if (!s.name.empty()) item["Name"] = s.name;
    item["FieldSelectors"] = json::array();
    for (const auto& f : s.field_selectors) {
      json field = {{"Field", f.field}};
      for (const auto& [key, values] : {std::pair{"Equals", &f.equals}, std::pair{"NotEquals", &f.not_equals},
                                        std::pair{"StartsWith", &f.starts_with}, std::pair{"NotStartsWith", &f.not_starts_with},
                                        std::pair{"EndsWith", &f.ends_with}, std::pair{"NotEndsWith", &f.not_ends_with}})
        if (!values->empty()) field[key] = *values;
      item["FieldSelectors"].push_back(std::move(field));
    }
    out.push_back(std::move(item));
  }
  return out;
}

json retained(json resource) {
  resource["DeletionPolicy"] = "Retain";
  resource["UpdateReplacePolicy"] = "Retain";
  return resource;
}

// Why a step on an existing resource cannot be a template, naming the resource.
Status check_nothing_existing(const Declarations& d) {
  for (const auto& b : d.buckets)
    if (b.exists)
      return refuse("bucket " + b.name,
                    "the bucket exists already; its public access block is a property of AWS::S3::Bucket, which "
                    "CloudFormation can take only by resource import. Use --emit terraform, run trailguard fix, or "
                    "let the plan create a new bucket (leave out --bucket)",
                    "import_needed");
  for (const auto& t : d.trails)
    if (!t.create)
      return refuse("trail " + t.trail.arn,
                    "the plan repairs this existing trail; CloudFormation can take an existing trail only by resource "
                    "import (create-change-set --change-set-type IMPORT), which must state the trail exactly as it is "
                    "and cannot change it in the same operation. Use --emit terraform (import blocks), run trailguard "
                    "fix, or pass --create for a new trail of the stack's own",
                    "import_needed");
  return ok_status();
}

}  // namespace

Result<std::string> emit_cloudformation(const Plan& plan, const EmitContext& context) {
  auto accounts = accounts_to_emit(plan);
  if (!accounts) return accounts.error();
  if (accounts->size() > 1)
    return refuse("plan", fmt::format("the plan changes {} accounts; a stack lives in one account: emit one account at a "
                                      "time, or use --emit terraform (a provider per account)",
                                      accounts->size()),
                  "several_stacks");
  const AccountPlan& account = *accounts->front();
  auto declared = declarations_of(account, context);
  if (!declared) return declared.error();
  const Declarations& d = *declared;
  if (d.regions.size() > 1)
    return refuse("plan", fmt::format("the plan makes changes in {} regions; a stack lives in one region", d.regions.size()),
                  "several_stacks");
  if (auto ok = check_nothing_existing(d); !ok) return ok.error();
  const std::string& region = d.regions.front();

  LogicalIds ids;
  json resources = json::object();
  std::map<std::string, std::string> bucket_ids, policy_ids, key_alias_ids;
  for (const auto& b : d.buckets) {
    json properties = {{"BucketName", b.name}};
    if (b.block_public_access)
      properties["PublicAccessBlockConfiguration"] = {{"BlockPublicAcls", true}, {"IgnorePublicAcls", true},
                                                      {"BlockPublicPolicy", true}, {"RestrictPublicBuckets", true}};
    const auto id = ids.take("Bucket", b.name);
    bucket_ids[b.name] = id;
    resources[id] = retained({{"Type", "AWS::S3::Bucket"}, {"Properties", properties}});
    if (b.policy_json) {
      const auto policy_id = ids.take("BucketPolicy", b.name);
      policy_ids[b.name] = policy_id;
      resources[policy_id] = {{"Type", "AWS::S3::BucketPolicy"},
                              {"Properties", {{"Bucket", ref_to(id)}, {"PolicyDocument", json::parse(*b.policy_json)}}}};
    }
  }
  for (const auto& k : d.keys) {
    const auto key_id = ids.take("Key", k.key.alias);
    const auto alias_id = ids.take("KeyAlias", k.key.alias);
    key_alias_ids[k.key.alias] = alias_id;
    resources[key_id] = retained({{"Type", "AWS::KMS::Key"},
                                  {"Properties",
                                   {{"Description", k.key.description},
                                    {"KeySpec", "SYMMETRIC_DEFAULT"},
                                    {"KeyUsage", "ENCRYPT_DECRYPT"},
                                    {"KeyPolicy", json::parse(k.key.policy_json)}}}});
    resources[alias_id] = {{"Type", "AWS::KMS::Alias"}, {"Properties", {{"AliasName", k.key.alias}, {"TargetKeyId", ref_to(key_id)}}}};
  }
  json outputs = json::object();
  for (const auto& t : d.trails) {
    const CreateTrail& c = *t.create;
    json properties = {{"TrailName", t.trail.name}};
    const auto bucket = bucket_ids.find(c.bucket);
    properties["S3BucketName"] = bucket != bucket_ids.end() ? ref_to(bucket->second) : json(c.bucket);
    if (!c.kms_key_id.empty()) {
      const auto alias = key_alias_ids.find(c.kms_key_id);
      properties["KMSKeyId"] = alias != key_alias_ids.end() ? ref_to(alias->second) : json(c.kms_key_id);
    }
    properties["IsMultiRegionTrail"] = c.is_multi_region;
    properties["IncludeGlobalServiceEvents"] = c.include_global_service_events;
    properties["EnableLogFileValidation"] = c.log_file_validation;
    if (c.is_organization_trail) properties["IsOrganizationTrail"] = true;
    properties["IsLogging"] = t.start_logging;  // CreateTrail alone leaves a trail stopped
    if (t.selectors) {
      if (t.selectors->kind == SelectorKind::basic)
        properties["EventSelectors"] = basic_selectors(t.selectors->selectors.basic);
      else
        properties["AdvancedEventSelectors"] = advanced_selectors(t.selectors->selectors.advanced);
    }
    const auto id = ids.take("Trail", t.trail.name);
    json resource = {{"Type", "AWS::CloudTrail::Trail"}};
    // CloudTrail checks the bucket policy when the trail is created.
    if (const auto policy = policy_ids.find(c.bucket); policy != policy_ids.end()) resource["DependsOn"] = json::array({policy->second});
    resource["Properties"] = std::move(properties);
    resources[id] = std::move(resource);
    outputs[id + "Arn"] = {{"Description", "ARN of trail " + t.trail.name}, {"Value", {{"Fn::GetAtt", {id, "Arn"}}}}};
  }

  json steps = json::array();
  for (const auto& step : account.steps)
    steps.push_back({{"kind", std::string(to_string(step.kind()))}, {"api", std::string(api_of(step.kind()))}, {"reason", step.reason}});
  json metadata = {{"account_id", account.account_id},
                   {"region", region},
                   {"approach", std::string(to_string(account.approach))},
                   {"summary", account.summary},
                   {"warnings", account.warnings},
                   {"steps", steps}};
  json tmpl = {
      {"AWSTemplateFormatVersion", "2010-09-09"},
      {"Description", truncated(fmt::format("trailguard fix for account {} (deploy in {}): {}", account.account_id, region,
                                            account.summary),
                                kMaxDescription)},
      {"Metadata", {{"trailguard", metadata}}},
      // A stack deployed in another account or region would make the wrong change: refuse it before any resource.
      {"Rules",
       {{"TrailguardAccountAndRegion",
         {{"Assertions",
           {{{"Assert", {{"Fn::Equals", {ref_to("AWS::AccountId"), account.account_id}}}},
             {"AssertDescription", "This template was written for account " + account.account_id + "."}},
            {{"Assert", {{"Fn::Equals", {ref_to("AWS::Region"), region}}}},
             {"AssertDescription", "This template was written for region " + region + "."}}}}}}}},
      {"Resources", resources},
      {"Outputs", outputs}};
  return tmpl.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace trailguard::remediate
