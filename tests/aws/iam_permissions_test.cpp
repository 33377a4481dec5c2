// The IAM table (aws/iam_permissions) covers every call trailguard can make, names the right IAM actions, and its
// resource patterns match the ARNs trailguard acts on; the policies printed from it hold exactly each activity's
// actions. (That the printed policies are enough, and each action needed, is proven against moto with IAM checks
// on: tests/emulator/test_iam_policy.py.)
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "aws/credentials/sts.hpp"
#include "aws/iam_permissions.hpp"
#include "aws/iam_policy.hpp"
#include "aws/services/athena_api.hpp"
#include "aws/services/cloudtrail_api.hpp"
#include "aws/services/identity_api.hpp"
#include "aws/services/kms_api.hpp"
#include "aws/services/organizations_api.hpp"
#include "aws/services/s3_api.hpp"
#include "aws/services/s3_objects.hpp"
#include "aws/services/securityhub_api.hpp"
#include "support/fake_aws_client.hpp"

namespace trailguard::aws {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Every call maker of aws/services, by its name, with the call it makes.
std::map<std::string, ApiCall> every_call() {
  return {
      {"describe_trails_call", describe_trails_call("us-east-1")},
      {"get_trail_status_call", get_trail_status_call("us-east-1", "t")},
      {"get_event_selectors_call", get_event_selectors_call("us-east-1", "t")},
      {"create_trail_call", create_trail_call("us-east-1", NewTrail{"t", "b", "", true, true, true, false})},
      {"update_trail_call", update_trail_call("us-east-1", "t", true, true)},
      {"put_event_selectors_call", *put_event_selectors_call("us-east-1", "t", false, "[]")},
      {"start_logging_call", start_logging_call("us-east-1", "t")},
      {"list_public_keys_call", list_public_keys_call("us-east-1", 0, 3600, "")},
      {"get_caller_identity_call", get_caller_identity_call("us-east-1")},
      {"describe_regions_call", describe_regions_call("us-east-1")},
      {"list_regions_call", list_regions_call("us-east-1")},
      {"list_accounts_call", list_accounts_call("us-east-1")},
      {"describe_organization_call", describe_organization_call("us-east-1")},
      {"create_bucket_call", create_bucket_call("b", "eu-west-1")},
      {"put_public_access_block_call", put_public_access_block_call("b", "eu-west-1")},
      {"put_bucket_policy_call", put_bucket_policy_call("b", "eu-west-1", "{}")},
      {"get_bucket_policy_call", get_bucket_policy_call("b", "eu-west-1")},
      {"list_objects_v2_call", list_objects_v2_call("b", "eu-west-1", "AWSLogs/")},
      {"get_object_call", get_object_call("b", "eu-west-1", "AWSLogs/k")},
      {"get_bucket_location_call", get_bucket_location_call("b")},
      {"create_key_call", create_key_call("us-east-1", "d", "{}")},
      {"create_alias_call", create_alias_call("us-east-1", "alias/t", "k")},
      {"describe_key_call", describe_key_call("us-east-1", "alias/t")},
      {"batch_import_findings_call", batch_import_findings_call("us-east-1", {"{}"})},
      {"get_findings_call", get_findings_call("us-east-1", "111111111111", "trailguard/x", "")},
      {"start_query_execution_call", start_query_execution_call("us-east-1", "SELECT 1", {}, std::string(32, 't'))},
      {"get_query_execution_call", get_query_execution_call("us-east-1", "q")},
      {"get_query_results_call", get_query_results_call("us-east-1", "q", "", 1000)},
      {"stop_query_execution_call", stop_query_execution_call("us-east-1", "q")},
  };
}

TEST(IamPermissions, EveryCallMakerOfTheServicesIsTested) {
  // A call maker added to aws/services without a line in every_call() (and so maybe without a table entry) fails here.
  const std::regex declaration(R"((?:ApiCall|Result<ApiCall>) (\w+_call)\()");
  std::set<std::string> declared;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(TRAILGUARD_SOURCE_DIR) + "/src/aws/services")) {
    // json_call.hpp holds the JSON 1.1 protocol helper the call makers share, not a call of its own.
    if (entry.path().extension() != ".hpp" || entry.path().filename() == "json_call.hpp") continue;
    std::ifstream in(entry.path());
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (std::sregex_iterator it(text.begin(), text.end(), declaration), end; it != end; ++it) declared.insert((*it)[1]);
  }
  std::set<std::string> tested;
  for (const auto& [name, call] : every_call()) tested.insert(name);
  EXPECT_EQ(declared, tested);
}

TEST(IamPermissions, EveryCallHasAnEntry) {
  for (const auto& [name, call] : every_call()) {
    const auto* permission = find_permission(call.service, call.operation);
    ASSERT_NE(permission, nullptr) << name << ": " << call.service << " " << call.operation;
    EXPECT_NE(permission->activities, 0u) << name;
  }
}

TEST(IamPermissions, AssumeRoleOfTheMemberRolesHasAnEntry) {
  test_support::FakeAwsClient client;
  (void)sts_assume_role(client, "us-east-1", {"arn:aws:iam::222222222222:role/OrganizationAccountAccessRole", "s", {}, {}});
  ASSERT_EQ(client.calls().size(), 1u);
  const auto* permission = find_permission(client.calls()[0].service, client.calls()[0].operation);
  ASSERT_NE(permission, nullptr);
  EXPECT_EQ(permission->action, "sts:AssumeRole");
  EXPECT_EQ(permission->activities, unsigned{organization});
}

TEST(IamPermissions, ActionsAreIamsNamesNotAlwaysTheOperations) {
  EXPECT_EQ(find_permission("s3", "PutPublicAccessBlock")->action, "s3:PutBucketPublicAccessBlock");
  EXPECT_EQ(find_permission("sts", "GetCallerIdentity")->action, "");  // AWS asks no permission for it
  const std::regex shape(R"([a-z0-9-]+:[A-Z][A-Za-z]+)");
  for (const auto& p : permissions()) {
    if (p.action.empty()) continue;
    EXPECT_TRUE(std::regex_match(std::string(p.action), shape)) << p.action;
    // The call's own action is of its service; further actions AWS checks for it (after it) may be of others.
    if (find_permission(p.service, p.operation) == &p) {
      EXPECT_EQ(p.action.substr(0, p.action.find(':')), p.service) << p.action;
    }
    EXPECT_FALSE(p.why.empty()) << p.action;
  }
}

TEST(IamPermissions, ActionsOfOneStatementShareTheirResources) {
  std::map<std::string_view, std::vector<std::string_view>> resources;
  const std::regex sid(R"([A-Za-z0-9]+)");
  for (const auto& p : permissions()) {
    if (p.action.empty()) continue;
    EXPECT_TRUE(std::regex_match(std::string(p.statement), sid)) << p.statement;
    const auto [it, inserted] = resources.emplace(p.statement, p.resources);
    EXPECT_EQ(it->second, p.resources) << p.action << " in statement " << p.statement;
  }
}

// IAM's ARN matching: '*' any run of characters, '?' any one.
bool iam_matches(const std::string& pattern, const std::string& arn) {
  std::string regex;
  for (const char c : pattern) regex += c == '*' ? ".*" : c == '?' ? "." : std::regex_replace(std::string(1, c), std::regex(R"([.^$|()\[\]{}+\\])"), R"(\$&)");
  return std::regex_match(arn, std::regex(regex));
}

std::vector<std::string> resources_of(unsigned activities, const PolicyNames& names, const std::string& action) {
  const auto policy = nlohmann::json::parse(iam_policy_json(activities, names));
  for (const auto& statement : policy["Statement"]) {
    const auto& actions = statement["Action"];
    if (std::find(actions.begin(), actions.end(), action) == actions.end()) continue;
    if (statement["Resource"].is_string()) return {statement["Resource"].get<std::string>()};
    return statement["Resource"].get<std::vector<std::string>>();
  }
  return {};
}

bool allows(const std::vector<std::string>& patterns, const std::string& arn) {
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& p) { return iam_matches(p, arn); });
}

const PolicyNames kNames{"aws", "OrganizationAccountAccessRole", "trailguard-multi-region", "trailguard-cloudtrail-*"};

TEST(IamPolicy, ResourcesMatchWhatTrailguardActsOnAndNoMore) {
  const unsigned all = audit | organization | fix;
  const std::string trail = "arn:aws:cloudtrail:eu-west-1:111111111111:trail/main";
  EXPECT_TRUE(allows(resources_of(all, kNames, "cloudtrail:GetEventSelectors"), trail));
  EXPECT_TRUE(allows(resources_of(all, kNames, "cloudtrail:StartLogging"), trail));
  EXPECT_TRUE(allows(resources_of(all, kNames, "cloudtrail:CreateTrail"),
                     "arn:aws:cloudtrail:us-east-1:111111111111:trail/trailguard-multi-region"));
  EXPECT_FALSE(allows(resources_of(all, kNames, "cloudtrail:CreateTrail"), trail));
  EXPECT_TRUE(allows(resources_of(all, kNames, "sts:AssumeRole"), "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole"));
  EXPECT_FALSE(allows(resources_of(all, kNames, "sts:AssumeRole"), "arn:aws:iam::222222222222:role/Admin"));
  EXPECT_TRUE(allows(resources_of(all, kNames, "s3:PutBucketPolicy"), "arn:aws:s3:::trailguard-cloudtrail-111111111111-us-east-1"));
  EXPECT_FALSE(allows(resources_of(all, kNames, "s3:PutBucketPolicy"), "arn:aws:s3:::payroll"));
  const auto alias = resources_of(all, kNames, "kms:CreateAlias");
  EXPECT_TRUE(allows(alias, "arn:aws:kms:us-east-1:111111111111:alias/trailguard-multi-region"));
  EXPECT_TRUE(allows(alias, "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"));
  EXPECT_FALSE(allows(alias, "arn:aws:kms:us-east-1:111111111111:alias/other"));
  EXPECT_EQ(resources_of(all, kNames, "cloudtrail:DescribeTrails"), std::vector<std::string>{"*"});
}

std::set<std::string> actions_of(unsigned activities) {
  std::set<std::string> out;
  const auto policy = nlohmann::json::parse(iam_policy_json(activities, kNames));
  for (const auto& statement : policy["Statement"])
    for (const auto& action : statement["Action"]) out.insert(action.get<std::string>());
  return out;
}

TEST(IamPolicy, AuditHoldsOnlyTheReads) {
  EXPECT_EQ(actions_of(audit), (std::set<std::string>{"ec2:DescribeRegions", "account:ListRegions", "cloudtrail:DescribeTrails",
                                                      "cloudtrail:GetTrailStatus", "cloudtrail:GetEventSelectors"}));
}

TEST(IamPolicy, OrganizationAddsListingAccountsTheManagementAccountAndTheMemberRole) {
  auto expected = actions_of(audit);
  expected.insert({"organizations:ListAccounts", "organizations:DescribeOrganization", "sts:AssumeRole"});
  EXPECT_EQ(actions_of(audit | organization), expected);
}

TEST(IamPolicy, FixOfTheOrganizationAddsTheOrganizationActionsAndWhatAnOrganizationTrailNeeds) {
  auto expected = actions_of(audit | fix);
  expected.insert({"organizations:ListAccounts", "organizations:DescribeOrganization", "sts:AssumeRole"});
  EXPECT_EQ(actions_of(audit | fix | organization), expected);
  expected.insert({"iam:GetRole", "iam:CreateServiceLinkedRole", "organizations:ListAWSServiceAccessForOrganization",
                   "organizations:EnableAWSServiceAccess"});
  EXPECT_EQ(actions_of(audit | fix | organization | organization_trail), expected);
  const auto role = resources_of(organization_trail, kNames, "iam:CreateServiceLinkedRole");
  EXPECT_TRUE(allows(role, "arn:aws:iam::111111111111:role/aws-service-role/cloudtrail.amazonaws.com/AWSServiceRoleForCloudTrail"));
  EXPECT_FALSE(allows(role, "arn:aws:iam::111111111111:role/Admin"));
}

TEST(IamPermissions, TheCallsOwnEntryComesFirst) {
  EXPECT_EQ(find_permission("cloudtrail", "CreateTrail")->action, "cloudtrail:CreateTrail");
}

TEST(IamPolicy, FixAddsTheWritesToTheReads) {
  auto expected = actions_of(audit);
  expected.insert({"s3:CreateBucket", "s3:PutBucketPublicAccessBlock", "s3:GetBucketPolicy", "s3:PutBucketPolicy",
                   "kms:CreateKey", "kms:CreateAlias", "kms:DescribeKey", "cloudtrail:CreateTrail", "cloudtrail:UpdateTrail",
                   "cloudtrail:PutEventSelectors", "cloudtrail:StartLogging"});
  EXPECT_EQ(actions_of(audit | fix), expected);
}

TEST(IamPolicy, LogsListsAndReadsTheLogBucketOnly) {
  // cloudtrail:ListPublicKeys: --validate of s3:// without --public-keys (no resource-level permission exists).
  EXPECT_EQ(actions_of(logs),
            (std::set<std::string>{"s3:GetBucketLocation", "s3:ListBucket", "s3:GetObject", "cloudtrail:ListPublicKeys"}));
  PolicyNames names = kNames;
  names.log_bucket = "archive-logs";
  const auto objects = resources_of(logs, names, "s3:GetObject");
  EXPECT_TRUE(allows(objects, "arn:aws:s3:::archive-logs/AWSLogs/111111111111/CloudTrail/eu-west-1/2026/12/01/x.json.gz"));
  EXPECT_FALSE(allows(objects, "arn:aws:s3:::other-bucket/AWSLogs/x"));
  EXPECT_TRUE(allows(resources_of(logs, names, "s3:ListBucket"), "arn:aws:s3:::archive-logs"));
}

TEST(IamPolicy, ProveDeliveryListsTheTrailBucketsOnly) {
  EXPECT_EQ(actions_of(prove_delivery), (std::set<std::string>{"s3:GetBucketLocation", "s3:ListBucket"}));
  auto expected = actions_of(audit);
  expected.insert({"s3:GetBucketLocation", "s3:ListBucket"});
  EXPECT_EQ(actions_of(audit | prove_delivery), expected);
  PolicyNames names = kNames;
  names.log_bucket = "archive-logs";
  EXPECT_TRUE(allows(resources_of(prove_delivery, names, "s3:ListBucket"), "arn:aws:s3:::archive-logs"));
  EXPECT_FALSE(allows(resources_of(prove_delivery, names, "s3:ListBucket"), "arn:aws:s3:::other-bucket"));
  EXPECT_TRUE(allows(resources_of(prove_delivery, kNames, "s3:GetBucketLocation"), "arn:aws:s3:::any-trail-bucket"));
}

TEST(IamPolicy, LogsAthenaRunsQueriesInItsWorkgroupOverTheLogTablesAndBuckets) {
  EXPECT_EQ(actions_of(logs_athena),
            (std::set<std::string>{"athena:StartQueryExecution", "athena:GetQueryExecution", "athena:GetQueryResults",
                                   "athena:StopQueryExecution", "glue:GetDatabase", "glue:GetTable", "glue:GetPartitions",
                                   "s3:GetBucketLocation", "s3:ListBucket", "s3:GetObject", "s3:PutObject",
                                   "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"}));
  PolicyNames names = kNames;
  names.log_bucket = "archive-logs";
  names.athena_workgroup = "trailguard";
  names.athena_results_bucket = "athena-results";
  const auto queries = resources_of(logs_athena, names, "athena:StartQueryExecution");
  EXPECT_TRUE(allows(queries, "arn:aws:athena:eu-west-1:111111111111:workgroup/trailguard"));
  EXPECT_FALSE(allows(queries, "arn:aws:athena:eu-west-1:111111111111:workgroup/primary"));
  EXPECT_EQ(resources_of(logs_athena, names, "athena:StopQueryExecution"), queries);
  EXPECT_TRUE(allows(resources_of(logs_athena, names, "glue:GetTable"), "arn:aws:glue:eu-west-1:111111111111:table/logs/cloudtrail"));
  // The log bucket is only read; only the output location is written.
  const auto policy = nlohmann::json::parse(iam_policy_json(logs_athena, names));
  for (const auto& statement : policy["Statement"]) {
    const auto& actions = statement["Action"];
    const bool writes = std::find(actions.begin(), actions.end(), "s3:PutObject") != actions.end();
    if (writes) {
      EXPECT_TRUE(allows(statement["Resource"].get<std::vector<std::string>>(), "arn:aws:s3:::athena-results/q/1.csv"));
      EXPECT_FALSE(allows(statement["Resource"].get<std::vector<std::string>>(), "arn:aws:s3:::archive-logs/AWSLogs/x"));
    }
  }
  EXPECT_EQ(iam_policy_json(logs_athena, names).find("{athena_"), std::string::npos);
  // Nothing of logs_athena leaks into the other activities.
  for (const unsigned other : {audit, organization, fix, organization_trail, security_hub, logs, prove_delivery})
    for (const auto& action : actions_of(other)) EXPECT_NE(action.substr(0, 7), "athena:") << action;
}

TEST(IamPolicy, NamesAndPartitionAreFilledIn) {
  const auto policy = iam_policy_json(audit | organization | fix, {"aws-cn", "AuditRole", "org-trail", "my-logs"});
  EXPECT_THAT(policy, HasSubstr("\"arn:aws-cn:iam::*:role/AuditRole\""));
  EXPECT_THAT(policy, HasSubstr("\"arn:aws-cn:s3:::my-logs\""));
  EXPECT_THAT(policy, HasSubstr("\"arn:aws-cn:kms:*:*:alias/org-trail\""));
  EXPECT_THAT(policy, HasSubstr("\"arn:aws-cn:cloudtrail:*:*:trail/org-trail\""));
  for (const char* placeholder : {"{partition}", "{role_name}", "{trail_name}", "{bucket}", "GetCallerIdentity"})
    EXPECT_THAT(policy, Not(HasSubstr(placeholder)));
}

}  // namespace
}  // namespace trailguard::aws
