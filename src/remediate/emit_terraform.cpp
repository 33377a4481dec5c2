#include "remediate/emit_terraform.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "remediate/emit_declarations.hpp"
#include "remediate/hcl_text.hpp"

namespace trailguard::remediate {
namespace {

using hcl::quote;

// Every argument of aws_cloudtrail (hashicorp/aws 5.x) but `name`: an imported trail ignores those the plan
// does not set, so that applying changes nothing else about it.
const std::vector<std::string> kTrailArguments = {
    "advanced_event_selector", "cloud_watch_logs_group_arn",    "cloud_watch_logs_role_arn", "enable_log_file_validation",
    "enable_logging",          "event_selector",                "include_global_service_events",
    "insight_selector",        "is_multi_region_trail",         "is_organization_trail",     "kms_key_id",
    "s3_bucket_name",          "s3_key_prefix",                 "sns_topic_name",            "tags"};

std::string hcl_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (const auto& item : items) out += (out.size() > 1 ? ", " : "") + quote(item);
  return out + "]";
}

// Resource names unique per resource type, made from AWS names.
class Names {
 public:
  std::string take(const std::string& type, std::string_view name) {
    const std::string base = hcl::identifier(name);
    std::string candidate = base;
    for (int n = 2; !taken_[type].insert(candidate).second; ++n) candidate = base + "_" + std::to_string(n);
    return candidate;
  }

 private:
  std::map<std::string, std::set<std::string>> taken_;
};

void reasons_comment(hcl::Writer& out, const std::vector<std::string>& reasons) {
  for (const auto& reason : reasons) out.comment(reason);
}

void basic_selectors(hcl::Writer& out, const std::vector<model::BasicEventSelector>& selectors) {
  for (const auto& s : selectors) {
    out.open("event_selector");
    if (s.read_write_type.known() && *s.read_write_type.value != model::ReadWriteType::unknown)
      out.attribute("read_write_type", quote(model::to_string(*s.read_write_type.value)));
    if (s.include_management_events.known())
      out.attribute("include_management_events", *s.include_management_events.value ? "true" : "false");
    if (!s.exclude_management_event_sources.empty())
      out.attribute("exclude_management_event_sources", hcl_list(s.exclude_management_event_sources));
    for (const auto& resource : s.data_resources) {
      out.open("data_resource");
      out.attribute("type", quote(resource.type));
      out.attribute("values", hcl_list(resource.values));
      out.close();
    }
    out.close();
  }
}

void advanced_selectors(hcl::Writer& out, const std::vector<model::AdvancedEventSelector>& selectors) {
  for (const auto& s : selectors) {
    out.open("advanced_event_selector");
    if (!s.name.empty()) out.attribute("name", quote(s.name));
    for (const auto& f : s.field_selectors) {
      out.open("field_selector");
      out.attribute("field", quote(f.field));
      for (const auto& [name, values] : {std::pair{"equals", &f.equals}, std::pair{"not_equals", &f.not_equals},
                                         std::pair{"starts_with", &f.starts_with}, std::pair{"not_starts_with", &f.not_starts_with},
                                         std::pair{"ends_with", &f.ends_with}, std::pair{"not_ends_with", &f.not_ends_with}})
        if (!values->empty()) out.attribute(name, hcl_list(*values));
      out.close();
    }
    out.close();
  }
}

void selectors(hcl::Writer& out, const PutEventSelectors& put) {
  if (put.kind == SelectorKind::basic)
    basic_selectors(out, put.selectors.basic);
  else
    advanced_selectors(out, put.selectors.advanced);
}

// One account's declarations as HCL.
class AccountEmitter {
 public:
  AccountEmitter(hcl::Writer& out, Names& names, const Declarations& d, bool several_accounts, std::string assume_role)
      : out_(out), names_(names), d_(d), several_accounts_(several_accounts), assume_role_(std::move(assume_role)) {}

  void providers() {
    for (const auto& region : d_.regions) {
      out_.blank();
      out_.open("provider \"aws\"");
      out_.attribute("alias", quote(provider_alias(region)));
      out_.attribute("region", quote(region));
      out_.attribute("allowed_account_ids", hcl_list({d_.account_id}));
      if (!assume_role_.empty()) {
        out_.open("assume_role");
        out_.attribute("role_arn", quote(assume_role_));
        out_.close();
      }
      out_.close();
    }
  }

  void resources() {
    for (const auto& b : d_.buckets) bucket(b);
    for (const auto& k : d_.keys) key(k);
    for (const auto& t : d_.trails) trail(t);
  }

 private:
  std::string provider_alias(const std::string& region) const {
    std::string alias = hcl::identifier(several_accounts_ ? "a" + d_.account_id + "_" + region : region);
    std::replace(alias.begin(), alias.end(), '-', '_');  // aws.eu_west_1 reads as one name, not a subtraction
    return alias;
  }
  std::string provider(const std::string& region) const { return "aws." + provider_alias(region); }

  void bucket(const BucketDeclaration& b) {
    std::string bucket_ref = quote(b.name);
    out_.blank();
    if (!b.create_reason.empty()) out_.comment(b.create_reason);
    if (b.exists) {
      out_.comment(fmt::format("Bucket {} exists already: it is not declared here, only its public access block and "
                               "policy are.",
                               b.name));
    } else {
      const auto id = names_.take("aws_s3_bucket", b.name);
      out_.open(fmt::format("resource \"aws_s3_bucket\" \"{}\"", id));
      out_.attribute("provider", provider(b.region));
      out_.attribute("bucket", quote(b.name));
      out_.close();
      bucket_ref = "aws_s3_bucket." + id + ".id";
    }
    std::string access_block;
    if (b.block_public_access) {
      const auto id = names_.take("aws_s3_bucket_public_access_block", b.name);
      access_block = "aws_s3_bucket_public_access_block." + id;
      out_.blank();
      out_.comment(b.access_reason);
      out_.open(fmt::format("resource \"aws_s3_bucket_public_access_block\" \"{}\"", id));
      out_.attribute("provider", provider(b.region));
      out_.attribute("bucket", bucket_ref);
      for (const char* setting : {"block_public_acls", "ignore_public_acls", "block_public_policy", "restrict_public_buckets"})
        out_.attribute(setting, "true");
      out_.close();
    }
    if (b.policy_json) {
      const auto id = names_.take("aws_s3_bucket_policy", b.name);
      policy_of_bucket_[b.name] = "aws_s3_bucket_policy." + id;
      out_.blank();
      out_.comment(b.policy_reason);
      if (b.existing_policy_json)
        out_.comment("The bucket's other policy statements, as read when this was written, are kept.");
      out_.open(fmt::format("resource \"aws_s3_bucket_policy\" \"{}\"", id));
      out_.attribute("provider", provider(b.region));
      out_.attribute("bucket", bucket_ref);
      out_.json_attribute("policy", nlohmann::ordered_json::parse(*b.policy_json), "jsonencode");
      // S3 refuses concurrent changes to one bucket's settings (OperationAborted): one after the other.
      if (!access_block.empty()) out_.attribute("depends_on", "[" + access_block + "]");
      out_.close();
    }
    if (!b.exists) bucket_ref_[b.name] = bucket_ref;
  }

  void key(const KeyDeclaration& k) {
    const std::string short_name = k.key.alias.rfind("alias/", 0) == 0 ? k.key.alias.substr(6) : k.key.alias;
    const auto key_id = names_.take("aws_kms_key", short_name);
    const auto alias_id = names_.take("aws_kms_alias", short_name);
    out_.blank();
    out_.comment(k.reason);
    out_.open(fmt::format("resource \"aws_kms_key\" \"{}\"", key_id));
    out_.attribute("provider", provider(k.key.region));
    out_.attribute("description", quote(k.key.description));
    out_.attribute("key_usage", quote("ENCRYPT_DECRYPT"));
    out_.attribute("customer_master_key_spec", quote("SYMMETRIC_DEFAULT"));
    out_.json_attribute("policy", nlohmann::ordered_json::parse(k.key.policy_json), "jsonencode");
    out_.close();
    out_.blank();
    out_.open(fmt::format("resource \"aws_kms_alias\" \"{}\"", alias_id));
    out_.attribute("provider", provider(k.key.region));
    out_.attribute("name", quote(k.key.alias));
    out_.attribute("target_key_id", "aws_kms_key." + key_id + ".key_id");
    out_.close();
    key_arn_of_alias_[k.key.alias] = "aws_kms_key." + key_id + ".arn";
  }

  // The provider wants a key ARN: a key of the plan by reference, an ARN as given, else looked up.
  std::string kms_key_arn(const std::string& key, const std::string& region) {
    if (const auto it = key_arn_of_alias_.find(key); it != key_arn_of_alias_.end()) return it->second;
    if (key.rfind("arn:", 0) == 0) return quote(key);
    const auto id = names_.take("data.aws_kms_key", key);
    out_.blank();
    out_.comment("The KMS key given for the trail, by its ARN.");
    out_.open(fmt::format("data \"aws_kms_key\" \"{}\"", id));
    out_.attribute("provider", provider(region));
    out_.attribute("key_id", quote(key));
    out_.close();
    return "data.aws_kms_key." + id + ".arn";
  }

  void trail(const TrailDeclaration& t) {
    const std::string& region = t.trail.home_region;
    std::string kms;
    if (t.create && !t.create->kms_key_id.empty()) kms = kms_key_arn(t.create->kms_key_id, region);
    const auto id = names_.take("aws_cloudtrail", t.trail.name);
    if (!t.create) {
      out_.blank();
      out_.comment(fmt::format("Trail {} exists: imported, then only the settings below change.", t.trail.arn));
      out_.open("import");
      out_.attribute("to", "aws_cloudtrail." + id);
      out_.attribute("id", quote(t.trail.arn));
      out_.close();
    }
    out_.blank();
    reasons_comment(out_, t.reasons);
    out_.open(fmt::format("resource \"aws_cloudtrail\" \"{}\"", id));
    out_.attribute("provider", provider(region));
    out_.attribute("name", quote(t.trail.name));
    std::set<std::string> stated = {"s3_bucket_name"};
    if (t.create) {
      const auto& c = *t.create;
      const auto bucket = bucket_ref_.find(c.bucket);
      out_.attribute("s3_bucket_name", bucket != bucket_ref_.end() ? bucket->second : quote(c.bucket));
      if (!kms.empty()) out_.attribute("kms_key_id", kms);
      out_.attribute("is_multi_region_trail", c.is_multi_region ? "true" : "false");
      out_.attribute("include_global_service_events", c.include_global_service_events ? "true" : "false");
      out_.attribute("enable_log_file_validation", c.log_file_validation ? "true" : "false");
      if (c.is_organization_trail) out_.attribute("is_organization_trail", "true");
      // The provider starts a new trail unless told otherwise; the plan starts it only with a StartLogging step.
      out_.attribute("enable_logging", t.start_logging ? "true" : "false");
    } else {
      // The control's facts the plan leaves alone are stated as they were read, so the code says what the trail
      // will be (and `trailguard iac` can judge it); stating a value AWS already has changes nothing.
      const model::Trail& read = *t.existing;
      out_.attribute("s3_bucket_name", quote(read.s3_bucket));
      if (t.update) {
        out_.attribute("is_multi_region_trail", t.update->is_multi_region ? "true" : "false");
        out_.attribute("include_global_service_events", t.update->include_global_service_events ? "true" : "false");
        stated.insert({"is_multi_region_trail", "include_global_service_events"});
      } else if (read.is_multi_region.known() && read.include_global_service_events.known()) {
        out_.attribute("is_multi_region_trail", *read.is_multi_region.value ? "true" : "false");
        out_.attribute("include_global_service_events", *read.include_global_service_events.value ? "true" : "false");
        stated.insert({"is_multi_region_trail", "include_global_service_events"});
      }
      if (t.start_logging || read.status.was_read()) {
        out_.attribute("enable_logging", t.start_logging || read.status.value().is_logging ? "true" : "false");
        stated.insert("enable_logging");
      }
    }
    if (t.selectors) {
      selectors(out_, *t.selectors);
      stated.insert({"event_selector", "advanced_event_selector"});
    } else if (!t.create && t.existing->selectors.was_read()) {
      const auto& read = t.existing->selectors.value();
      if (!read.advanced.empty()) advanced_selectors(out_, read.advanced);
      else basic_selectors(out_, read.basic);
      stated.insert({"event_selector", "advanced_event_selector"});
    }
    if (t.create) {
      if (const auto policy = policy_of_bucket_.find(t.create->bucket); policy != policy_of_bucket_.end())
        out_.attribute("depends_on", "[" + policy->second + "]");  // CloudTrail checks the policy on CreateTrail
    } else {
      std::vector<std::string> ignored;
      for (const auto& argument : kTrailArguments)
        if (argument == "s3_bucket_name" || stated.count(argument) == 0) ignored.push_back(argument);
      out_.blank();
      out_.open("lifecycle");
      out_.comment("Everything the plan does not change stays as it is in AWS (s3_bucket_name is stated because it is");
      out_.comment("required, and ignored because it is not the plan's to change).");
      std::string list = "[";
      for (const auto& argument : ignored) list += (list.size() > 1 ? ", " : "") + argument;
      out_.attribute("ignore_changes", list + "]");
      out_.close();
    }
    out_.close();
  }

  hcl::Writer& out_;
  Names& names_;
  const Declarations& d_;
  bool several_accounts_;
  std::string assume_role_;  // "" for the credentials' own account
  std::map<std::string, std::string> bucket_ref_;        // bucket name -> HCL expression of its name
  std::map<std::string, std::string> policy_of_bucket_;  // bucket name -> aws_s3_bucket_policy address
  std::map<std::string, std::string> key_arn_of_alias_;  // alias -> HCL expression of the new key's ARN
};

}  // namespace

Result<std::string> emit_terraform(const Plan& plan, const EmitContext& context) {
  auto accounts = accounts_to_emit(plan);
  if (!accounts) return accounts.error();
  std::vector<Declarations> declarations;
  for (const auto* account : *accounts) {
    auto d = declarations_of(*account, context);
    if (!d) return d.error();
    declarations.push_back(std::move(*d));
  }

  hcl::Writer out;
  out.comment("Written by `trailguard fix --emit terraform`: the change trailguard fix would make, as code.");
  out.comment("Review it, then: terraform init && terraform plan && terraform apply (Terraform >= 1.5: import blocks).");
  for (const auto& account : plan.accounts) {
    out.comment(fmt::format("Account {}: {}", account.account_id, account.summary));
    for (const auto& blocker : account.blockers) out.comment("  blocked: " + blocker);
    for (const auto& warning : account.warnings) out.comment("  warning: " + warning);
  }
  out.blank();
  out.open("terraform");
  out.attribute("required_version", quote(">= 1.5.0"));
  out.open("required_providers");
  out.open("aws =");
  out.attribute("source", quote("hashicorp/aws"));
  out.attribute("version", quote(">= 5.0"));
  out.close();
  out.close();
  out.close();

  Names names;
  const bool several = declarations.size() > 1;
  std::vector<AccountEmitter> emitters;
  for (const auto& d : declarations) {
    const auto role = context.assume_roles.find(d.account_id);
    emitters.emplace_back(out, names, d, several, role == context.assume_roles.end() ? "" : role->second);
  }
  for (auto& e : emitters) e.providers();
  for (auto& e : emitters) e.resources();
  return out.text();
}

}  // namespace trailguard::remediate
