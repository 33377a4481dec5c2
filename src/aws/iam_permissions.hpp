// Every AWS operation trailguard calls, with the IAM action it needs and the narrowest resources that still let
// it work: the one table `trailguard iam-policy` prints policies from. It lives beside the calls it describes
// (aws/services, aws/credentials/sts), keyed as ApiCall names them (service endpoint prefix + operation), because
// IAM's action names are not always the operation's (S3 PutPublicAccessBlock is s3:PutBucketPublicAccessBlock).
// Which trailguard activity makes a call is part of the entry, so a policy per activity is a filter of the table.
// Pure data and functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace trailguard::aws {

// What trailguard does that makes the call (a bit set).
enum Activity : unsigned {
  audit = 1,         // scan / collect of one account (and what each member role of `scan --org` is used for)
  organization = 2,  // scan --org, in the caller's (management) account: list accounts, assume member roles
  fix = 4,           // fix: its own read of the account (the audit calls) plus these, to apply or --emit the plan
  // fix --org, in the management account: what CreateTrail of an organization trail (--organization-trail) asks
  // of the caller besides cloudtrail:CreateTrail (AWS checks CloudTrail's service-linked role and trusted access).
  organization_trail = 8,
  // scan --send-to-security-hub, in every account whose findings are imported (member roles too).
  security_hub = 16,
  // logs s3://: list and read a log bucket (often a central log-archive account's).
  logs = 32,
  // scan --prove-delivery: where each passing trail's bucket is, and its digest files' keys (in the scanned
  // account, or in the account of --logs-profile).
  prove_delivery = 64,
  // logs --engine athena: run the log reports as SQL on Athena, which reads the log bucket through the Glue
  // catalog's tables and writes each query's results to S3, all as the caller.
  logs_athena = 128,
};

struct Permission {
  std::string_view service;    // ApiCall::service: "cloudtrail", "s3", ...
  std::string_view operation;  // ApiCall::operation: "GetTrailStatus", ...
  // The IAM action; empty when AWS asks for no permission (sts:GetCallerIdentity works for every principal).
  std::string_view action;
  // The policy statement (Sid, after "Trailguard") the action goes in; actions of one statement share resources.
  std::string_view statement;
  // ARN patterns, "*" when the action allows no narrower resource. Placeholders: {partition}, {bucket},
  // {trail_name}, {role_name}, {log_bucket}, {athena_workgroup}, {athena_results_bucket} (PolicyNames fills them).
  std::vector<std::string_view> resources;
  unsigned activities = 0;  // Activity bits
  std::string_view why;     // what trailguard calls it for, one line
};

// The table, in the order policies list it.
const std::vector<Permission>& permissions();

// The entry for an operation, or nullptr when trailguard's table does not know it (a call added without one).
// An operation may have further entries (actions AWS checks besides the call's own): this is the first, the call's.
const Permission* find_permission(std::string_view service, std::string_view operation);

}  // namespace trailguard::aws
