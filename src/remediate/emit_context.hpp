// EmitContext: what the infrastructure-code emitters need besides the plan. A step carries what its API call
// needs; code that declares a resource must also state what an existing resource is (the bucket of a trail it
// repairs) and whether something the plan makes "unless it exists" already exists (a bucket named by --bucket).
// The fix command reads it from the account; tests build it by hand. Plain values; copy freely.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "aws/aws_client.hpp"
#include "base/result.hpp"
#include "model/account.hpp"
#include "model/trail.hpp"
#include "remediate/plan.hpp"

namespace trailguard::remediate {

struct ExistingBucket {
  std::optional<std::string> policy_json;  // the bucket's policy now; nullopt when it has none
};

struct EmitContext {
  // The trails of the planned accounts as read; every trail a step changes without creating it must be here.
  std::vector<model::Trail> trails;
  // Buckets of CreateBucket steps that already exist and belong to the account, by name. A CreateBucket step
  // whose bucket is not here is taken to make a new bucket.
  std::map<std::string, ExistingBucket> existing_buckets;
  // fix --org: the role a provider assumes for each account other than the caller's (account id -> role ARN),
  // as trailguard itself reaches it. An account not here is the credentials' own.
  std::map<std::string, std::string> assume_roles;
};

// `more` (another account's context) added to `into`.
void merge_into(EmitContext& into, EmitContext more);

// The trail with this ARN in `context`, or nullptr.
const model::Trail* find_trail(const EmitContext& context, const std::string& arn);

// The context for `plan` made from `account` (the model the plan was made from: its trails) and, for each
// CreateBucket step, one S3 GetBucketPolicy in the bucket's region: a policy or NoSuchBucketPolicy means the
// bucket exists (and is the account's), NoSuchBucket that it does not. Any other answer (AccessDenied: another
// account's bucket, or no permission) fails, naming the bucket: code is never written on a guess.
Result<EmitContext> read_emit_context(const Plan& plan, const model::Account& account, aws::AwsClient& client);

}  // namespace trailguard::remediate
