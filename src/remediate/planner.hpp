// The planner: one account's model and the control's evaluation of it in, the smallest plan that makes every
// region pass out. Pure function: no I/O, no clock; thread-safe; same input, same output.
//
// Per account, in this order (docs/remediation.md says why):
//  - a multi-region trail of the account already passes: nothing to do;
//  - a multi-region trail of the account fails only on things a call can set (not logging, Read or Write
//    management events missing or narrowed, global service events off): repair it (UpdateTrail,
//    PutEventSelectors keeping every data-event selector, StartLogging); the one needing fewest steps wins;
//  - only single-region trails: make the best of them multi-region (UpdateTrail, then as above);
//  - no usable trail: a new bucket (public access blocked, CloudTrail's policy), optionally a KMS key, and a
//    new multi-region trail with log file validation, management events Read+Write, logging.
// With --create (FixOptions::create_trail) existing trails are left alone and a new one is made (or, on a re-run,
// the one named --trail-name is repaired). Anything unknown (unreadable selectors, an organization trail
// judged from a member) blocks the account's plan instead of guessing.
#pragma once

#include <string>

#include "base/result.hpp"
#include "control/finding.hpp"
#include "control/options.hpp"
#include "model/account.hpp"
#include "remediate/plan.hpp"

namespace trailguard::remediate {

inline constexpr const char* kDefaultTrailName = "trailguard-multi-region";

struct FixOptions {
  std::string home_region = "us-east-1";  // where a new trail, its bucket and key go
  std::string trail_name = kDefaultTrailName;
  std::string bucket;      // empty: default_bucket_name(account, home region)
  std::string kms_key_id;  // an existing key for a new trail (id, ARN or alias)
  bool create_kms_key = false;
  bool create_trail = false;  // --create: make a new trail rather than change an existing one
  // Among failing multi-region trails to repair, an organization trail first (it covers every member): set when
  // the whole organization is planned together (org_planner.hpp), where that is the smallest change overall.
  bool prefer_organization_trails = false;
  // fix --org --organization-trail: the organization's id (o-...). A trail this plan creates is then an
  // organization trail (its bucket policy also lets CloudTrail write the members' logs under AWSLogs/<o-id>/),
  // and only an organization trail counts as covering the account. Set by org_planner for the management account.
  std::string organization_id;
  control::EvaluationOptions evaluation;  // the same the evaluation was made with
};

// Fails (invalid_argument) on a trail or bucket name AWS would refuse, or --kms-key-id with --create-kms-key.
Status validate(const FixOptions& options);

// "trailguard-cloudtrail-<account>-<region>": bucket names are global, so the account and region make it the
// account's own.
std::string default_bucket_name(const std::string& account_id, const std::string& region);

// `evaluation` must be control::evaluate(account, options.evaluation).
AccountPlan plan_account(const model::Account& account, const control::Evaluation& evaluation, const FixOptions& options);

}  // namespace trailguard::remediate
