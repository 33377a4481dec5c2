// The S3 calls remediation makes (REST-XML, path-style: https://s3.<region>.amazonaws.com/<bucket>, or
// <endpoint-url>/<bucket>), as ApiCalls. The applier decides what an error code means (a bucket the account
// already owns is not a failure). Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "aws/aws_client.hpp"

namespace trailguard::aws {

// CreateBucket in `region`: a CreateBucketConfiguration with LocationConstraint outside us-east-1 (where
// AWS refuses one). Errors: BucketAlreadyOwnedByYou (409, the account has it), BucketAlreadyExists (another
// account has the name).
ApiCall create_bucket_call(const std::string& bucket, const std::string& region);
// PutPublicAccessBlock with BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets true.
ApiCall put_public_access_block_call(const std::string& bucket, const std::string& region);
ApiCall put_bucket_policy_call(const std::string& bucket, const std::string& region, const std::string& policy_json);
// The answer's body is the policy's JSON; a bucket without one answers NoSuchBucketPolicy (404).
ApiCall get_bucket_policy_call(const std::string& bucket, const std::string& region);

}  // namespace trailguard::aws
