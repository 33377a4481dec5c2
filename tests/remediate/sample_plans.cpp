#include "sample_plans.hpp"

#include <nlohmann/json.hpp>

#include "remediate/selector_fix.hpp"

namespace trailguard::test_support {
namespace {

using namespace remediate;

std::string trail_arn(const std::string& region, const std::string& name) {
  return "arn:aws:cloudtrail:" + region + ":" + kSampleAccount + ":trail/" + name;
}

std::string bucket_policy(const std::string& bucket, const std::string& arn) {
  const std::string bucket_arn = "arn:aws:s3:::" + bucket;
  return nlohmann::ordered_json{
      {"Version", "2012-10-17"},
      {"Statement",
       {{{"Sid", "AWSCloudTrailAclCheck"},
         {"Effect", "Allow"},
         {"Principal", {{"Service", "cloudtrail.amazonaws.com"}}},
         {"Action", "s3:GetBucketAcl"},
         {"Resource", bucket_arn},
         {"Condition", {{"StringEquals", {{"aws:SourceArn", arn}}}}}},
        {{"Sid", "AWSCloudTrailWrite"},
         {"Effect", "Allow"},
         {"Principal", {{"Service", "cloudtrail.amazonaws.com"}}},
         {"Action", "s3:PutObject"},
         {"Resource", bucket_arn + "/AWSLogs/" + std::string(kSampleAccount) + "/*"},
         {"Condition", {{"StringEquals", {{"s3:x-amz-acl", "bucket-owner-full-control"}, {"aws:SourceArn", arn}}}}}}}}}
      .dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string key_policy(const std::string& arn) {
  return nlohmann::ordered_json{
      {"Version", "2012-10-17"},
      {"Statement",
       {{{"Sid", "EnableIAMPolicies"},
         {"Effect", "Allow"},
         {"Principal", {{"AWS", "arn:aws:iam::" + std::string(kSampleAccount) + ":root"}}},
         {"Action", "kms:*"},
         {"Resource", "*"}},
        {{"Sid", "AllowCloudTrailToEncryptLogs"},
         {"Effect", "Allow"},
         {"Principal", {{"Service", "cloudtrail.amazonaws.com"}}},
         {"Action", "kms:GenerateDataKey*"},
         {"Resource", "*"},
         {"Condition", {{"StringEquals", {{"aws:SourceArn", arn}}}}}}}}}
      .dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

Step step(const std::string& region, Action action, std::string reason) {
  return Step{kSampleAccount, region, std::move(action), std::move(reason), {"aws ..."}};
}

// The planner's own management selectors (remediate/selector_fix), not a copy of them.
model::BasicEventSelector basic_management() { return fix_management_selectors({})->selectors.basic.front(); }

model::AdvancedEventSelector advanced_management() {
  model::EventSelectors advanced;
  advanced.advanced.push_back({"any", {{"eventCategory", {"Management"}, {}, {}, {}, {}, {}}}});
  return fix_management_selectors(advanced)->selectors.advanced.front();
}

PutEventSelectors basic_put(const TrailRef& trail, std::vector<model::BasicEventSelector> extra = {}) {
  PutEventSelectors put;
  put.trail = trail;
  put.kind = SelectorKind::basic;
  put.selectors.basic.push_back(basic_management());
  for (auto& s : extra) put.selectors.basic.push_back(std::move(s));
  put.selectors_json = "[]";  // the applier's; the emitters use the typed selectors
  put.kept_data_selectors = static_cast<int>(extra.size());
  return put;
}

AccountPlan account(Approach approach, std::string summary, std::string home_region) {
  AccountPlan plan;
  plan.account_id = kSampleAccount;
  plan.partition = "aws";
  plan.home_region = std::move(home_region);
  plan.approach = approach;
  plan.summary = std::move(summary);
  return plan;
}

// The planner's creation steps: bucket, public access block, policy, [key], trail, selectors, StartLogging.
AccountPlan creation(const std::string& name, const std::string& bucket, const std::string& region, std::string kms_key_id,
                     bool create_key, const std::string& reason_text = "") {
  auto plan = account(Approach::create_trail, "no trail to repair or convert: a new bucket and trail '" + name + "'" + reason_text, region);
  const TrailRef trail{name, trail_arn(region, name), region};
  plan.steps.push_back(step(region, CreateBucket{bucket, region}, "the log files need a bucket of the account's own" + reason_text));
  plan.steps.push_back(step(region, BlockPublicAccess{bucket, region}, "audit logs must never be public"));
  plan.steps.push_back(step(region, PutBucketPolicy{bucket, region, bucket_policy(bucket, trail.arn), {"AWSCloudTrailAclCheck", "AWSCloudTrailWrite"}},
                            "CloudTrail must be allowed to write the bucket"));
  if (create_key) {
    kms_key_id = "alias/" + name;
    plan.steps.push_back(step(region, CreateKmsKey{region, kms_key_id, "CloudTrail log files of trail " + name + reason_text, key_policy(trail.arn)},
                              "--create-kms-key: log files encrypted with a key of the account's own"));
  }
  plan.steps.push_back(step(region, CreateTrail{trail, bucket, kms_key_id, true, true, true, false},
                            "a multi-region trail covers every region"));
  plan.steps.push_back(step(region, basic_put(trail), "record every management event, Read and Write"));
  plan.steps.push_back(step(region, StartLogging{trail}, "a new trail records nothing until it is started"));
  return plan;
}

model::Trail existing_trail(const std::string& name, const std::string& region, bool multi_region) {
  model::Trail t;
  t.name = name;
  t.home_region = region;
  t.arn = trail_arn(region, name);
  t.owner_account_id = kSampleAccount;
  t.s3_bucket = "existing-logs-" + std::string(kSampleAccount);
  t.is_multi_region = model::Known<bool>::stated(multi_region, "DescribeTrails");
  t.include_global_service_events = model::Known<bool>::stated(true, "DescribeTrails");
  // As a scan reads it: logging, recording every management event, unless a situation says otherwise.
  t.status = model::TrailStatus{true, "", "GetTrailStatus"};
  t.selectors = model::cloudtrail_default_selectors("GetEventSelectors");
  return t;
}

Situation situation(std::string name, AccountPlan plan, EmitContext context = {}, bool cfn_refuses = false) {
  return {std::move(name), Plan{{std::move(plan)}}, std::move(context), cfn_refuses};
}

}  // namespace

std::vector<Situation> sample_situations() {
  std::vector<Situation> out;
  const std::string bucket = "trailguard-cloudtrail-" + std::string(kSampleAccount) + "-us-east-1";
  out.push_back(situation("create_trail", creation("trailguard-multi-region", bucket, "us-east-1", "", false)));
  out.push_back(situation("create_trail_new_kms_key", creation("trailguard-multi-region", bucket, "us-east-1", "", true)));
  out.push_back(situation("create_trail_given_kms_key",
                          creation("trailguard-multi-region", bucket, "us-east-1", "alias/central-logs", false)));
  {
    EmitContext context;
    context.existing_buckets["central-audit-logs"] = ExistingBucket{};
    out.push_back(situation("create_trail_existing_bucket",
                            creation("trailguard-multi-region", "central-audit-logs", "eu-west-1",
                                     "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", false),
                            context, true));
  }
  {
    // The bucket has a policy: its own statement is kept, the old CloudTrail statement replaced (same Sid).
    EmitContext context;
    context.existing_buckets["central-audit-logs"] = ExistingBucket{nlohmann::ordered_json{
        {"Version", "2012-10-17"},
        {"Statement",
         {{{"Sid", "DenyInsecureTransport"}, {"Effect", "Deny"}, {"Principal", "*"}, {"Action", "s3:*"},
           {"Resource", "arn:aws:s3:::central-audit-logs/*"}, {"Condition", {{"Bool", {{"aws:SecureTransport", "false"}}}}}},
          {{"Sid", "AWSCloudTrailWrite"}, {"Effect", "Allow"}, {"Principal", {{"Service", "cloudtrail.amazonaws.com"}}},
           {"Action", "s3:PutObject"}, {"Resource", "arn:aws:s3:::central-audit-logs/old/*"}}}}}.dump()};
    out.push_back(situation("create_trail_existing_bucket_with_policy",
                            creation("trailguard-multi-region", "central-audit-logs", "eu-west-1", "", false), context, true));
  }
  {
    auto t = existing_trail("main", "eu-central-1", true);
    t.status = model::TrailStatus{false, "", "GetTrailStatus"};
    auto plan = account(Approach::repair_trail, "multi-region trail 'main' (eu-central-1) fails: start logging", "us-east-1");
    plan.steps.push_back(step("eu-central-1", StartLogging{{t.name, t.arn, t.home_region}}, "trail 'main' is not logging"));
    out.push_back(situation("repair_not_logging", plan, EmitContext{{t}, {}, {}}, true));
  }
  {
    auto t = existing_trail("main", "us-east-1", true);
    const TrailRef ref{t.name, t.arn, t.home_region};
    model::BasicEventSelector data;
    data.read_write_type = model::Known<model::ReadWriteType>::stated(model::ReadWriteType::write_only, "GetEventSelectors");
    data.include_management_events = model::Known<bool>::stated(false, "GetEventSelectors");
    data.data_resources = {{"AWS::S3::Object", {"arn:aws:s3:::payroll/", "arn:aws:s3:::hr/"}},
                           {"AWS::Lambda::Function", {"arn:aws:lambda"}}};
    model::BasicEventSelector unstated;  // ReadWriteType and IncludeManagementEvents left to AWS's defaults
    unstated.data_resources = {{"AWS::DynamoDB::Table", {"arn:aws:dynamodb"}}};
    auto plan = account(Approach::repair_trail, "multi-region trail 'main' (us-east-1) records only Read events", "us-east-1");
    plan.steps.push_back(step("us-east-1", basic_put(ref, {data, unstated}),
                              "management events Read only; the new basic selectors keep its 2 data-event selector(s)"));
    out.push_back(situation("repair_selectors_basic", plan, EmitContext{{t}, {}, {}}, true));
  }
  {
    auto t = existing_trail("org-audit", "us-west-2", true);
    const TrailRef ref{t.name, t.arn, t.home_region};
    PutEventSelectors put;
    put.trail = ref;
    put.kind = SelectorKind::advanced;
    model::FieldSelector category{"eventCategory", {"Data"}, {}, {}, {}, {}, {}};
    model::FieldSelector type{"resources.type", {"AWS::S3::Object"}, {}, {}, {}, {}, {}};
    model::FieldSelector arn{"resources.ARN", {}, {"arn:aws:s3:::secrets/"}, {".key"}, {"arn:aws:s3:::secrets/public"},
                             {"arn:aws:s3:::secrets/tmp/"}, {".log"}};
    put.selectors.advanced = {advanced_management(), {"S3 writes to secrets", {category, type, arn}}};
    put.selectors_json = "[]";
    put.kept_data_selectors = 1;
    put.replaced_selectors = 1;
    auto plan = account(Approach::repair_trail, "multi-region trail 'org-audit' (us-west-2): readOnly filter", "us-east-1");
    plan.steps.push_back(step("us-west-2", put, "advanced selector records only readOnly=true"));
    plan.steps.push_back(step("us-west-2", StartLogging{ref}, "trail 'org-audit' is not logging"));
    out.push_back(situation("repair_selectors_advanced", plan, EmitContext{{t}, {}, {}}, true));
  }
  {
    auto t = existing_trail("local", "eu-west-1", false);
    const TrailRef ref{t.name, t.arn, t.home_region};
    auto plan = account(Approach::make_multi_region, "only single-region trails ('local' (eu-west-1)); making it multi-region", "us-east-1");
    plan.steps.push_back(step("eu-west-1", UpdateTrail{ref, true, true}, "trail 'local' records events only in eu-west-1"));
    plan.steps.push_back(step("eu-west-1", basic_put(ref), "no management events recorded"));
    plan.steps.push_back(step("eu-west-1", StartLogging{ref}, "trail 'local' is not logging"));
    out.push_back(situation("make_multi_region", plan, EmitContext{{t}, {}, {}}, true));
  }
  {
    // Names no AWS API would accept, to prove the escaping: the emitters take what the plan says.
    const std::string hostile = kHostileText;
    auto plan = creation("evil" + hostile, "bucket" + hostile, "us-east-1", "", true, hostile);
    plan.summary += hostile;
    plan.warnings.push_back("warning" + hostile);
    out.push_back(situation("hostile_names_create", plan));
    auto t = existing_trail("evil" + hostile, "us-east-1", true);
    t.s3_bucket = "bucket" + hostile;
    const TrailRef ref{t.name, t.arn, t.home_region};
    model::BasicEventSelector data;
    data.data_resources = {{"AWS::S3::Object", {"arn:aws:s3:::" + hostile}}};
    data.exclude_management_event_sources = {hostile};
    auto repair = account(Approach::repair_trail, "repair" + hostile, "us-east-1");
    repair.steps.push_back(step("us-east-1", basic_put(ref, {data}), "selectors" + hostile));
    repair.steps.push_back(step("us-east-1", StartLogging{ref}, "logging" + hostile));
    out.push_back(situation("hostile_names_repair", repair, EmitContext{{t}, {}, {}}, true));
  }
  {
    // fix --org: two accounts, the second reached through its role.
    auto first = creation("trailguard-multi-region", bucket, "us-east-1", "", false);
    auto second = creation("trailguard-multi-region", "trailguard-cloudtrail-210987654321-eu-west-1", "eu-west-1", "", false);
    second.account_id = "210987654321";
    for (auto& step : second.steps) step.account_id = second.account_id;
    EmitContext context;
    context.assume_roles["210987654321"] = "arn:aws:iam::210987654321:role/OrganizationAccountAccessRole";
    out.push_back({"organization_two_accounts", Plan{{first, second}}, context, true});
  }
  return out;
}

Plan blocked_plan() {
  auto plan = account(Approach::blocked, "the only multi-region trail is an organization trail of another account", "us-east-1");
  plan.blockers = {"organization trail 'org' (us-east-1) belongs to account 999999999999: repair it there"};
  return Plan{{plan}};
}

Plan nothing_to_do_plan() {
  return Plan{{account(Approach::nothing_to_do, "multi-region trail 'main' (us-east-1) already passes: nothing to change", "us-east-1")}};
}

}  // namespace trailguard::test_support
