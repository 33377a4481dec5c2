// The resource policies a new trail needs, as JSON text: the S3 bucket policy that lets CloudTrail check the
// bucket and write log files (only for this trail: aws:SourceArn), and the KMS key policy that lets CloudTrail
// encrypt with a key trailguard creates. Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "base/result.hpp"

namespace trailguard::remediate {

struct TrailDestination {
  std::string partition = "aws";
  std::string account_id;
  std::string bucket;
  std::string trail_arn;
  std::string organization_id;  // "o-..." for an organization trail (its members' logs go under it), else ""
};

// Statements AWSCloudTrailAclCheck (s3:GetBucketAcl on the bucket) and AWSCloudTrailWrite (s3:PutObject on
// AWSLogs/<account>/*, and AWSLogs/<organization>/* for an organization trail, with
// s3:x-amz-acl = bucket-owner-full-control), both for cloudtrail.amazonaws.com and aws:SourceArn = the trail.
std::string bucket_policy_json(const TrailDestination& destination);

// The Sids bucket_policy_json writes: a policy's statements with these ids are the trail's.
std::vector<std::string> bucket_policy_statement_ids();

// The account administers the key through IAM (its root principal has kms:*); CloudTrail may
// GenerateDataKey* for this account's trails (encryption context) when called for `trail_arn`, and
// DescribeKey; principals of the account may Decrypt log files.
std::string kms_key_policy_json(const std::string& partition, const std::string& account_id, const std::string& trail_arn);

// `ours` merged into the bucket's `existing` policy: existing statements whose Sid is one of ours are
// replaced, every other statement (and Version, Id) is kept. Fails (malformed_input) when `existing` is not
// a policy document, so that a policy we cannot read is never overwritten.
Result<std::string> merge_bucket_policy(const std::string& existing, const std::string& ours, const std::string& bucket);

// True when `policy` already holds every statement of `ours` exactly (merging would change nothing).
bool policy_contains(const std::string& policy, const std::string& ours);

}  // namespace trailguard::remediate
