#include "aws/iam_permissions.hpp"

#include <algorithm>

namespace trailguard::aws {

namespace {
constexpr unsigned kEveryRead = audit | fix;  // fix reads the account as a scan does before it plans
constexpr std::string_view kAnyTrail = "arn:{partition}:cloudtrail:*:*:trail/*";
constexpr std::string_view kAthenaWorkgroup = "arn:{partition}:athena:*:*:workgroup/{athena_workgroup}";
constexpr std::string_view kCloudTrailServiceRole = "arn:{partition}:iam::*:role/aws-service-role/cloudtrail.amazonaws.com/*";

// What Athena checks of the caller while a query runs (StartQueryExecution's) and when GetQueryResults streams the
// results file: one entry per action, those of one statement sharing its resources.
std::vector<Permission> with_athena_checks(std::vector<Permission> table) {
  struct Check {
    std::string_view operation;
    std::string_view action;
    std::string_view why;
  };
  struct Statement {
    std::string_view sid;
    std::vector<std::string_view> resources;
    std::vector<Check> checks;
  };
  const std::vector<Statement> statements = {
      // The Glue Data Catalog of the caller's account, in the query's region.
      {"ReadLogTables",
       {"arn:{partition}:glue:*:*:catalog", "arn:{partition}:glue:*:*:database/*", "arn:{partition}:glue:*:*:table/*/*"},
       {{"StartQueryExecution", "glue:GetDatabase", "a query: the database of the log tables"},
        {"StartQueryExecution", "glue:GetTable", "a query: the log table's columns and location"},
        {"StartQueryExecution", "glue:GetPartitions", "a query: the log table's partitions (accounts, regions, days)"}}},
      {"AthenaReadsLogBucket",
       {"arn:{partition}:s3:::{log_bucket}", "arn:{partition}:s3:::{log_bucket}/*"},
       {{"StartQueryExecution", "s3:GetBucketLocation", "a query: where the log bucket is"},
        {"StartQueryExecution", "s3:ListBucket", "a query: the log files of the partitions it reads"},
        {"StartQueryExecution", "s3:GetObject", "a query: the log files themselves"}}},
      {"AthenaWritesResults",
       {"arn:{partition}:s3:::{athena_results_bucket}", "arn:{partition}:s3:::{athena_results_bucket}/*"},
       {{"StartQueryExecution", "s3:GetBucketLocation", "a query: where its output location is"},
        {"StartQueryExecution", "s3:ListBucket", "a query: its output location"},
        {"StartQueryExecution", "s3:PutObject", "a query: its results file"},
        {"StartQueryExecution", "s3:AbortMultipartUpload", "a query: a results upload it does not finish"},
        {"StartQueryExecution", "s3:ListMultipartUploadParts", "a query: its results file's upload"},
        {"GetQueryResults", "s3:GetObject", "the results file GetQueryResults streams (Athena reads it as the caller)"}}},
  };
  for (const auto& statement : statements)
    for (const auto& check : statement.checks)
      table.push_back({"athena", check.operation, check.action, statement.sid, statement.resources, logs_athena, check.why});
  return table;
}

}  // namespace

const std::vector<Permission>& permissions() {
  static const std::vector<Permission> table = with_athena_checks({
      {"sts", "GetCallerIdentity", "", "", {}, kEveryRead | organization, "which account the credentials belong to"},
      {"ec2", "DescribeRegions", "ec2:DescribeRegions", "ListRegions", {"*"}, kEveryRead,
       "the account's regions and their opt-in status"},
      {"account", "ListRegions", "account:ListRegions", "ListRegions", {"*"}, kEveryRead,
       "the account's regions when EC2 refuses DescribeRegions"},
      {"cloudtrail", "DescribeTrails", "cloudtrail:DescribeTrails", "ListTrails", {"*"}, kEveryRead,
       "every trail that applies to the account, from each region"},
      {"cloudtrail", "GetTrailStatus", "cloudtrail:GetTrailStatus", "ReadTrails", {kAnyTrail}, kEveryRead,
       "whether a multi-region trail is logging"},
      {"cloudtrail", "GetEventSelectors", "cloudtrail:GetEventSelectors", "ReadTrails", {kAnyTrail}, kEveryRead,
       "which events a multi-region trail records"},
      {"organizations", "ListAccounts", "organizations:ListAccounts", "ListOrganizationAccounts", {"*"}, organization,
       "the organization's accounts (scan --org)"},
      {"organizations", "DescribeOrganization", "organizations:DescribeOrganization", "ListOrganizationAccounts", {"*"},
       organization, "the management account's id (from a delegated administrator, where the organization trails are)"},
      {"sts", "AssumeRole", "sts:AssumeRole", "AssumeMemberRoles", {"arn:{partition}:iam::*:role/{role_name}"}, organization,
       "each member account's role (scan --org --role-name)"},
      {"s3", "CreateBucket", "s3:CreateBucket", "LogBucket", {"arn:{partition}:s3:::{bucket}"}, fix,
       "the new trail's log bucket"},
      {"s3", "PutPublicAccessBlock", "s3:PutBucketPublicAccessBlock", "LogBucket", {"arn:{partition}:s3:::{bucket}"}, fix,
       "the log bucket's four public-access settings"},
      {"s3", "GetBucketPolicy", "s3:GetBucketPolicy", "LogBucket", {"arn:{partition}:s3:::{bucket}"}, fix,
       "the log bucket's policy, to keep its other statements (and, for --emit, whether the bucket exists)"},
      {"s3", "PutBucketPolicy", "s3:PutBucketPolicy", "LogBucket", {"arn:{partition}:s3:::{bucket}"}, fix,
       "CloudTrail's statements in the log bucket's policy"},
      {"kms", "CreateKey", "kms:CreateKey", "CreateLogKey", {"*"}, fix, "the log files' key (--create-kms-key)"},
      {"kms", "CreateAlias", "kms:CreateAlias", "AliasLogKey",
       {"arn:{partition}:kms:*:*:alias/{trail_name}", "arn:{partition}:kms:*:*:key/*"}, fix,
       "alias/<trail name> for the new key (IAM checks both the alias and the key)"},
      {"kms", "DescribeKey", "kms:DescribeKey", "FindLogKey", {"arn:{partition}:kms:*:*:key/*"}, fix,
       "whether alias/<trail name> already names a key"},
      {"cloudtrail", "CreateTrail", "cloudtrail:CreateTrail", "CreateTrail",
       {"arn:{partition}:cloudtrail:*:*:trail/{trail_name}"}, fix, "the new multi-region trail"},
      {"cloudtrail", "UpdateTrail", "cloudtrail:UpdateTrail", "RepairTrails", {kAnyTrail}, fix,
       "make a trail multi-region with global service events"},
      {"cloudtrail", "PutEventSelectors", "cloudtrail:PutEventSelectors", "RepairTrails", {kAnyTrail}, fix,
       "record management events Read and Write, data-event selectors kept"},
      {"cloudtrail", "StartLogging", "cloudtrail:StartLogging", "RepairTrails", {kAnyTrail}, fix, "start a trail"},
      // CreateTrail with IsOrganizationTrail: AWS also checks the caller may read and create CloudTrail's
      // service-linked role and see or enable CloudTrail's trusted access in Organizations.
      {"cloudtrail", "CreateTrail", "iam:GetRole", "OrganizationTrailRole", {kCloudTrailServiceRole}, organization_trail,
       "an organization trail: CloudTrail's service-linked role"},
      {"cloudtrail", "CreateTrail", "iam:CreateServiceLinkedRole", "OrganizationTrailRole", {kCloudTrailServiceRole},
       organization_trail, "an organization trail: CloudTrail's service-linked role, when missing"},
      {"cloudtrail", "CreateTrail", "organizations:ListAWSServiceAccessForOrganization", "OrganizationTrailAccess", {"*"},
       organization_trail, "an organization trail: whether CloudTrail has trusted access"},
      {"cloudtrail", "CreateTrail", "organizations:EnableAWSServiceAccess", "OrganizationTrailAccess", {"*"},
       organization_trail, "an organization trail: CloudTrail's trusted access, when not yet enabled"},
      // Security Hub's finding import: a default-product finding names its product ARN (the account's own).
      {"securityhub", "BatchImportFindings", "securityhub:BatchImportFindings", "ImportFindings",
       {"arn:{partition}:securityhub:*:*:product/*/default"}, security_hub,
       "import the findings (scan --send-to-security-hub)"},
      {"securityhub", "GetFindings", "securityhub:GetFindings", "ListOwnFindings", {"*"}, security_hub,
       "trailguard's findings that went stale (--archive-stale)"},
      // Reading delivered files (logs s3://bucket/prefix). S3 authorises ListObjectsV2 as s3:ListBucket.
      {"s3", "GetBucketLocation", "s3:GetBucketLocation", "ListLogBucket", {"arn:{partition}:s3:::{log_bucket}"}, logs | prove_delivery,
       "the log bucket's region (without it, the bucket is read in the home region, or the trail's)"},
      {"s3", "ListObjectsV2", "s3:ListBucket", "ListLogBucket", {"arn:{partition}:s3:::{log_bucket}"}, logs | prove_delivery,
       "the delivered files' keys, one folder level at a time (scan --prove-delivery: a region's digest files of a day)"},
      {"s3", "GetObject", "s3:GetObject", "ReadLogFiles", {"arn:{partition}:s3:::{log_bucket}/*"}, logs,
       "the delivered log, digest and Insights files"},
      // logs s3:// --validate without --public-keys: the keys digests are signed with (no resource-level permission).
      {"cloudtrail", "ListPublicKeys", "cloudtrail:ListPublicKeys", "ReadDigestKeys", {"*"}, logs,
       "the public keys digest signatures are checked with (--validate without --public-keys)"},
      // logs --engine athena: the queries' own calls (what Athena checks of the caller besides: with_athena_checks).
      {"athena", "StartQueryExecution", "athena:StartQueryExecution", "RunAthenaQueries", {kAthenaWorkgroup}, logs_athena,
       "run a log report as SQL"},
      {"athena", "GetQueryExecution", "athena:GetQueryExecution", "RunAthenaQueries", {kAthenaWorkgroup}, logs_athena,
       "whether the query has finished, and why it failed"},
      {"athena", "GetQueryResults", "athena:GetQueryResults", "RunAthenaQueries", {kAthenaWorkgroup}, logs_athena,
       "the report's rows"},
      {"athena", "StopQueryExecution", "athena:StopQueryExecution", "RunAthenaQueries", {kAthenaWorkgroup}, logs_athena,
       "stop a query trailguard gave up on (Ctrl-C, its deadline)"},
  });
  return table;
}

const Permission* find_permission(std::string_view service, std::string_view operation) {
  const auto& table = permissions();
  const auto it = std::find_if(table.begin(), table.end(),
                               [&](const Permission& p) { return p.service == service && p.operation == operation; });
  return it == table.end() ? nullptr : &*it;
}

}  // namespace trailguard::aws
