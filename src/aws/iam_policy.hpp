// The least-privilege IAM policy document for what trailguard is about to do, made from aws/iam_permissions.
// Pure; thread-safe.
#pragma once

#include <string>

namespace trailguard::aws {

// What fills the table's placeholders.
struct PolicyNames {
  std::string partition = "aws";  // aws, aws-cn, aws-us-gov
  std::string role_name;          // organization: the member role scan --org assumes
  std::string trail_name;         // fix: the trail it may create (and the KMS alias alias/<trail name>)
  std::string bucket;             // fix: the log bucket, a name or a pattern ("trailguard-cloudtrail-*")
  std::string log_bucket = "*";   // logs: the bucket it reads
  std::string athena_workgroup = "*";       // logs --engine athena: the workgroup its queries run in
  std::string athena_results_bucket = "*";  // logs --engine athena: the bucket of the queries' output location
};

// The policy (JSON, indented) allowing exactly the actions of the table's entries for any of `activities`
// (Activity bits), one statement per table statement, in table order, placeholders filled. Operations AWS asks no
// permission for (sts:GetCallerIdentity) are left out.
std::string iam_policy_json(unsigned activities, const PolicyNames& names);

}  // namespace trailguard::aws
