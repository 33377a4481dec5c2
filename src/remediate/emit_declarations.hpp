// The resources one account's plan amounts to, as infrastructure code declares them: the steps folded per
// resource (a new trail's CreateTrail, PutEventSelectors and StartLogging are one trail resource; a repaired
// trail's UpdateTrail, PutEventSelectors and StartLogging are one imported trail with those settings). Shared by
// the Terraform and CloudFormation emitters so that both say the same thing. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "remediate/emit_context.hpp"
#include "remediate/plan.hpp"

namespace trailguard::remediate {

struct BucketDeclaration {
  std::string name;
  std::string region;
  bool exists = false;               // it exists already: imported, never created
  bool block_public_access = false;  // a BlockPublicAccess step
  // The policy the bucket must have after the fix: the plan's, merged into the existing one when there is one.
  std::optional<std::string> policy_json;
  std::optional<std::string> existing_policy_json;  // what the merged policy was made from, for comments
  // Why, per step (empty when there is no such step).
  std::string create_reason;
  std::string access_reason;
  std::string policy_reason;
};

struct KeyDeclaration {
  CreateKmsKey key;
  std::string reason;
};

struct TrailDeclaration {
  TrailRef trail;
  std::optional<CreateTrail> create;          // set: a new trail; else an existing one, imported
  const model::Trail* existing = nullptr;     // the trail as read, for an existing one
  std::optional<UpdateTrail> update;
  std::optional<PutEventSelectors> selectors;
  bool start_logging = false;
  std::vector<std::string> reasons;
};

// In the plan's order of first appearance.
struct Declarations {
  std::string account_id;
  std::string partition;
  std::vector<BucketDeclaration> buckets;
  std::vector<KeyDeclaration> keys;
  std::vector<TrailDeclaration> trails;
  std::vector<std::string> regions;  // every region a step is made in, first use first
};

// Fails (invalid_argument) when a step changes a trail that neither the plan creates nor `context` holds, or a
// bucket's existing policy cannot be read as a policy (it is never overwritten blindly).
Result<Declarations> declarations_of(const AccountPlan& plan, const EmitContext& context);

// The accounts of `plan` that have steps; an error naming why there is nothing to emit when none has (every
// account blocked, or nothing to change), with the blockers.
Result<std::vector<const AccountPlan*>> accounts_to_emit(const Plan& plan);

}  // namespace trailguard::remediate
