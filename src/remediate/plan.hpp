// Plan: what `trailguard fix` would change in an account so that every region passes, as plain values.
// The planner (remediate/planner.hpp) makes it from the model; the applier runs it through the AWS client;
// writers show it (text, JSON); emitters (Terraform, CloudFormation) translate it. Every parameter an AWS call
// needs is in the step's action, so none of them has to look anything up: bucket names, policies as JSON,
// selectors both as model values and as the API's JSON, key ids, trail names and home regions.
// Plain value types: no synchronisation; copy freely.
#pragma once

#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "model/event_selectors.hpp"

namespace trailguard::remediate {

// The trail a step acts on. CloudTrail calls for it go to its home region, by name (moto and AWS both
// take names there; moto refuses ARNs for StartLogging).
struct TrailRef {
  std::string name;
  std::string arn;  // arn:<partition>:cloudtrail:<home>:<account>:trail/<name>, also for a trail still to create
  std::string home_region;
};

// S3 CreateBucket in `region` (LocationConstraint = region, except in us-east-1 where AWS refuses it).
// A bucket the account already owns counts as created; one owned by another account is a failure.
struct CreateBucket {
  std::string bucket;
  std::string region;
};

// S3 PutPublicAccessBlock with all four settings true (BlockPublicAcls, IgnorePublicAcls,
// BlockPublicPolicy, RestrictPublicBuckets).
struct BlockPublicAccess {
  std::string bucket;
  std::string region;
};

// S3 PutBucketPolicy. `policy_json` is the whole policy CloudTrail needs (statements AWSCloudTrailAclCheck and
// AWSCloudTrailWrite, conditioned on aws:SourceArn = the trail's ARN). When the bucket already has a policy,
// the applier keeps its other statements and replaces only those with the same Sid.
struct PutBucketPolicy {
  std::string bucket;
  std::string region;
  std::string policy_json;
  std::vector<std::string> statement_ids;  // the Sids this plan owns in the policy
};

// KMS CreateKey (symmetric, ENCRYPT_DECRYPT) with `policy_json`, then CreateAlias `alias` -> the new key.
// Idempotent through the alias: when `alias` already names a key, that key is used and nothing is created.
struct CreateKmsKey {
  std::string region;
  std::string alias;  // "alias/<trail name>"; CreateTrail refers to the key by this alias
  std::string description;
  std::string policy_json;  // lets the account administer the key and CloudTrail encrypt with it
};

// CloudTrail CreateTrail in the trail's home region (an existing trail of that name is never replaced: the
// planner repairs it instead).
struct CreateTrail {
  TrailRef trail;
  std::string bucket;
  std::string kms_key_id;  // empty: SSE-S3; else a key id, key ARN, or "alias/..." (created or given)
  bool is_multi_region = true;
  bool include_global_service_events = true;
  bool log_file_validation = true;
  bool is_organization_trail = false;
};

// CloudTrail UpdateTrail: make the trail multi-region and/or record global service events. Other settings
// of the trail are left as they are.
struct UpdateTrail {
  TrailRef trail;
  bool is_multi_region = true;
  bool include_global_service_events = true;
};

enum class SelectorKind { basic, advanced };
std::string_view to_string(SelectorKind kind);  // "basic", "advanced"

// CloudTrail PutEventSelectors with the trail's whole new selector list, of the kind it already uses:
// one selector recording every management event (Read and Write, nothing excluded) plus every existing
// selector that records data events, exactly as it was read.
struct PutEventSelectors {
  TrailRef trail;
  SelectorKind kind = SelectorKind::basic;
  model::EventSelectors selectors;  // the list to put (only `basic` or only `advanced` is filled, per kind)
  // The value of the API's EventSelectors (basic) or AdvancedEventSelectors (advanced) parameter: a JSON array.
  std::string selectors_json;
  int kept_data_selectors = 0;       // existing data-event selectors carried over unchanged
  int replaced_selectors = 0;        // existing management-event selectors the new one replaces
};

// CloudTrail StartLogging, by name in the home region.
struct StartLogging {
  TrailRef trail;
};

using Action = std::variant<CreateBucket, BlockPublicAccess, PutBucketPolicy, CreateKmsKey, CreateTrail, UpdateTrail,
                            PutEventSelectors, StartLogging>;

// Same order as Action's alternatives.
enum class StepKind {
  create_bucket,
  block_public_access,
  put_bucket_policy,
  create_kms_key,
  create_trail,
  update_trail,
  put_event_selectors,
  start_logging,
};
std::string_view to_string(StepKind kind);  // "create_bucket", ... (part of the JSON plan contract)
std::string_view api_of(StepKind kind);     // "s3 CreateBucket", "cloudtrail StartLogging", ...

struct Step {
  std::string account_id;
  std::string region;  // where the call is made
  Action action;
  std::string reason;            // why this step, in a sentence naming the trail or bucket
  std::vector<std::string> cli;  // the equivalent AWS CLI command(s), one shell line each, in order

  StepKind kind() const { return static_cast<StepKind>(action.index()); }
};

// "cloudtrail StartLogging 'main' in us-east-1", "s3 CreateBucket 'logs' in eu-west-1": a step in one line.
std::string describe(const Step& step);

// What the plan does for the account, as a whole.
enum class Approach {
  nothing_to_do,      // a multi-region trail already passes (or the account is not audited)
  repair_trail,       // fix an existing multi-region trail (StartLogging, selectors, global events)
  make_multi_region,  // only single-region trails: UpdateTrail one of them to multi-region
  create_trail,       // no usable trail, or --create: a new bucket and trail
  blocked,            // something unknown or out of reach: nothing is planned (see blockers)
};
std::string_view to_string(Approach approach);  // "nothing_to_do", ...

struct AccountPlan {
  std::string account_id;
  std::string partition;
  std::string home_region;  // where a new trail and its bucket go
  Approach approach = Approach::nothing_to_do;
  std::string summary;  // which approach, and why (e.g. which single-region trail was chosen over which)
  std::vector<Step> steps;  // in the order they must run
  // Why nothing can be planned safely (unreadable selectors, an organization trail owned elsewhere, ...).
  // Non-empty only with Approach::blocked.
  std::vector<std::string> blockers;
  // Facts that do not stop the plan but that the user should know (regions that could not be read,
  // a given KMS key whose policy must allow CloudTrail, ...).
  std::vector<std::string> warnings;
  // Nothing to do here because an organization trail that another account's plan (its owner's) repairs in the
  // same run covers this account: that trail's ARN. Empty otherwise.
  std::string covered_by_trail_arn;
};

// One entry per account; one account (the caller's) today, a list or an organization later.
struct Plan {
  std::vector<AccountPlan> accounts;
};

}  // namespace trailguard::remediate
