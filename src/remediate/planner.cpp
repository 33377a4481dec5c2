#include "remediate/planner.hpp"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "control/reason.hpp"
#include "control/trail_judgement.hpp"
#include "remediate/aws_cli.hpp"
#include "remediate/policies.hpp"
#include "remediate/selector_fix.hpp"

namespace trailguard::remediate {
namespace {

using control::ReasonCode;

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : std::string(separator)) + item;
  return out;
}

Step make_step(const model::Account& account, std::string region, Action action, std::string reason) {
  Step step{account.account_id, std::move(region), std::move(action), std::move(reason), {}};
  step.cli = aws_cli_commands(step.action);
  return step;
}

TrailRef ref_of(const model::Trail& trail) { return {trail.name, trail.arn, trail.home_region}; }

bool owned_by(const model::Trail& trail, const std::string& account_id) {
  return trail.owner_account_id.empty() || trail.owner_account_id == account_id;
}

std::string describe(const model::Trail& trail) { return fmt::format("'{}' ({})", trail.name, trail.home_region); }

// The steps that make one existing trail pass, or why it cannot be repaired safely.
struct Repair {
  const model::Trail* trail = nullptr;
  std::vector<Step> steps;
  std::vector<std::string> problems;  // non-empty: not repairable
  std::vector<std::string> fixes;     // what the steps change, for the summary
};

Repair plan_repair(const model::Trail& trail, const model::Account& account, const FixOptions& options,
                   bool make_multi_region) {
  Repair repair;
  repair.trail = &trail;
  const auto judgement = control::judge_trail(trail, account.account_id, options.evaluation);
  std::vector<std::string> update_why, selectors_why, start_why;
  if (make_multi_region)
    update_why.push_back(fmt::format("trail {} records events only in {}; multi-region (with global service events) "
                                     "it records them in every region, including regions enabled later",
                                     describe(trail), trail.home_region));
  for (const auto& reason : judgement.reasons) {
    switch (reason.code) {
      case ReasonCode::not_logging: start_why.push_back(reason.text); break;
      case ReasonCode::management_events_not_recorded:
      case ReasonCode::management_events_read_only:
      case ReasonCode::management_events_write_only:
      case ReasonCode::management_events_excluded: selectors_why.push_back(reason.text); break;
      case ReasonCode::global_service_events_off: update_why.push_back(reason.text); break;
      default:
        // Errors (unknown facts) make a repair a guess; warnings need no change.
        if (control::kind_of(reason.code) != control::ReasonKind::warning) repair.problems.push_back(reason.text);
    }
  }
  if (!repair.problems.empty()) return repair;

  const std::string& region = trail.home_region;
  if (!update_why.empty()) {
    repair.steps.push_back(make_step(account, region, UpdateTrail{ref_of(trail), true, true}, join(update_why, "; ")));
    repair.fixes.push_back(make_multi_region ? "make it multi-region" : "record global service events");
  }
  if (!selectors_why.empty()) {
    const auto narrowing = options.evaluation.excluded_sources == control::ExcludedSources::allow ? AllowedNarrowing::keep
                                                                                                 : AllowedNarrowing::drop;
    auto fix = fix_management_selectors(trail.selectors.value(), narrowing);
    if (!fix) {
      repair.problems.push_back(fmt::format("trail {}: {}", describe(trail), fix.error().message));
      repair.steps.clear();
      return repair;
    }
    PutEventSelectors put{ref_of(trail), fix->kind, fix->selectors, selectors_json(fix->selectors, fix->kind),
                          fix->kept_data_selectors, fix->replaced_selectors};
    const auto but = fix->kept_narrowing == 0
                         ? std::string()
                         : fmt::format(" but the {} exclusion(s) allowed by --allow-excluded-event-sources", fix->kept_narrowing);
    std::string why = join(selectors_why, "; ") + fmt::format(
        "; the new {} selectors record every management event, Read and Write,{} and keep its {} data-event "
        "selector(s) exactly as they are",
        to_string(fix->kind), but, fix->kept_data_selectors);
    if (fix->replaced_selectors > 0) why += fmt::format(" (replacing {} management-event selector(s))", fix->replaced_selectors);
    repair.steps.push_back(make_step(account, region, std::move(put), why));
    repair.fixes.push_back("record management events Read and Write");
  }
  if (!start_why.empty()) {
    repair.steps.push_back(make_step(account, region, StartLogging{ref_of(trail)}, join(start_why, "; ")));
    repair.fixes.push_back("start logging");
  }
  return repair;
}

// An organization trail first when the organization is planned together; then fewest steps; then the better-kept trail (log file validation, encryption), the one in the home
// region, and the name, so that the choice is the same on every run.
auto rank(const Repair& r, const FixOptions& options) {
  const auto& t = *r.trail;
  return std::make_tuple(options.prefer_organization_trails && !t.is_organization_trail.is(true), r.steps.size(),
                         !t.log_file_validation.is(true), t.kms_key_id.empty(),
                         t.home_region != options.home_region, t.name);
}

const Repair* best_of(const std::vector<Repair>& repairs, const FixOptions& options) {
  const Repair* best = nullptr;
  for (const auto& r : repairs)
    if (r.problems.empty() && (best == nullptr || rank(r, options) < rank(*best, options))) best = &r;
  return best;
}

std::vector<std::string> problems_of(const std::vector<Repair>& repairs) {
  std::vector<std::string> out;
  for (const auto& r : repairs) out.insert(out.end(), r.problems.begin(), r.problems.end());
  return out;
}

std::string arn_for(const model::Account& account, const std::string& region, const std::string& name) {
  return fmt::format("arn:{}:cloudtrail:{}:{}:trail/{}", account.partition, region, account.account_id, name);
}

std::vector<Step> creation_steps(const model::Account& account, const FixOptions& options, AccountPlan& plan) {
  const std::string& region = options.home_region;
  const std::string bucket = options.bucket.empty() ? default_bucket_name(account.account_id, region) : options.bucket;
  const TrailRef trail{options.trail_name, arn_for(account, region, options.trail_name), region};
  std::vector<Step> steps;
  steps.push_back(make_step(account, region, CreateBucket{bucket, region},
                            fmt::format("the log files need a bucket of the account's own ({})",
                                        options.bucket.empty() ? "the default name, with the account id; --bucket to choose"
                                                               : "named by --bucket")));
  steps.push_back(make_step(account, region, BlockPublicAccess{bucket, region},
                            "audit logs must never be public: all four public-access settings on"));
  const bool organization = !options.organization_id.empty();
  const TrailDestination destination{account.partition, account.account_id, bucket, trail.arn, options.organization_id};
  steps.push_back(make_step(
      account, region, PutBucketPolicy{bucket, region, bucket_policy_json(destination), bucket_policy_statement_ids()},
      fmt::format("CloudTrail must be allowed to check the bucket's ACL and write under AWSLogs/{}/, and only for "
                  "trail {} (aws:SourceArn); other statements of an existing policy are kept",
                  account.account_id, trail.arn)));
  std::string kms_key_id = options.kms_key_id;
  if (options.create_kms_key) {
    kms_key_id = "alias/" + options.trail_name;
    steps.push_back(make_step(
        account, region,
        CreateKmsKey{region, kms_key_id, "CloudTrail log files of trail " + options.trail_name,
                     kms_key_policy_json(account.partition, account.account_id, trail.arn)},
        fmt::format("--create-kms-key: log files encrypted with a key of the account's own (SSE-KMS); its policy lets "
                    "CloudTrail encrypt for this account's trails, and the trail names it by {}",
                    kms_key_id)));
  } else if (!kms_key_id.empty()) {
    plan.warnings.push_back(fmt::format("KMS key {} (--kms-key-id) must let cloudtrail.amazonaws.com use "
                                        "kms:GenerateDataKey* and kms:DescribeKey, or CreateTrail fails",
                                        kms_key_id));
  }
  steps.push_back(make_step(account, region, CreateTrail{trail, bucket, kms_key_id, true, true, true, organization},
                            organization ? "an organization trail, multi-region with global service events and log file "
                                           "validation, covers every region of every account of the organization, "
                                           "including accounts and regions added later"
                                         : "a multi-region trail, with global service events and log file validation, covers "
                                           "every region, including regions enabled later"));
  model::EventSelectors none;
  auto fix = fix_management_selectors(none);  // cannot fail: no selector to keep
  steps.push_back(make_step(account, region,
                            PutEventSelectors{trail, fix->kind, fix->selectors, selectors_json(fix->selectors, fix->kind), 0, 0},
                            "record every management event, Read and Write, stated explicitly rather than left to "
                            "the default"));
  steps.push_back(make_step(account, region, StartLogging{trail}, "a new trail records nothing until it is started"));
  return steps;
}

AccountPlan& block(AccountPlan& plan, std::string summary, std::vector<std::string> blockers) {
  plan.approach = Approach::blocked;
  plan.summary = std::move(summary);
  plan.blockers = std::move(blockers);
  plan.steps.clear();
  return plan;
}

void adopt(AccountPlan& plan, Approach approach, const Repair& repair, std::string summary) {
  plan.approach = approach;
  plan.summary = std::move(summary);
  plan.steps = repair.steps;
}

std::string names(const std::vector<Repair>& repairs) {
  std::vector<std::string> out;
  for (const auto& r : repairs) out.push_back(describe(*r.trail));
  return join(out, ", ");
}

void plan_with_new_trail(const model::Account& account, const FixOptions& options, AccountPlan& plan) {
  // A re-run after a partial apply finds the trail it began: repair that one instead of creating a second.
  const model::Trail* named = nullptr;
  for (const auto& trail : account.trails)
    if (trail.name == options.trail_name && owned_by(trail, account.account_id) &&
        (named == nullptr || trail.home_region == options.home_region))
      named = &trail;
  if (named != nullptr) {
    const bool single = named->is_multi_region.is(false);
    const Repair repair = plan_repair(*named, account, options, single);
    if (!repair.problems.empty()) {
      block(plan, fmt::format("trail {} (--trail-name) exists but cannot be repaired safely", describe(*named)),
            repair.problems);
      return;
    }
    return adopt(plan, single ? Approach::make_multi_region : Approach::repair_trail, repair,
                 fmt::format("--create: trail {} already exists (made by an earlier run?): repairing it rather than "
                             "creating a second one ({})",
                             describe(*named), join(repair.fixes, ", ")));
  }
  plan.approach = Approach::create_trail;
  plan.steps = creation_steps(account, options, plan);
}

// --organization-trail, in the account that owns the organization's trails: repair an organization trail it
// has, else create one (or, on a re-run, repair the one named --trail-name that an earlier run began).
void plan_organization_trail(const model::Account& account, const FixOptions& options, AccountPlan& plan) {
  std::vector<Repair> organization;
  const model::Trail* same_name = nullptr;
  for (const auto& trail : account.trails) {
    if (!owned_by(trail, account.account_id)) continue;
    if (trail.is_organization_trail.is(true) && !trail.is_multi_region.is(false))
      organization.push_back(plan_repair(trail, account, options, false));
    else if (trail.name == options.trail_name)
      same_name = &trail;
  }
  if (const Repair* best = best_of(organization, options)) {
    adopt(plan, Approach::repair_trail, *best,
          fmt::format("organization trail {} fails; repairing it covers every account of the organization: {}",
                      describe(*best->trail), join(best->fixes, ", ")));
    return;
  }
  if (!organization.empty()) {
    block(plan, fmt::format("organization trail(s) {} cannot be judged, so a change to them would be a guess", names(organization)),
          problems_of(organization));
    return;
  }
  if (same_name != nullptr) {
    block(plan, fmt::format("--organization-trail: trail {} exists and is not an organization trail", describe(*same_name)),
          {"pass --trail-name with another name for the new organization trail"});
    return;
  }
  plan.approach = Approach::create_trail;
  plan.summary = fmt::format("--organization-trail: a new organization trail '{}' in {} covers every account of "
                             "organization {}; the members' own trails are left as they are",
                             options.trail_name, options.home_region, options.organization_id);
  plan.steps = creation_steps(account, options, plan);
  plan.warnings.push_back(
      "CreateTrail of an organization trail needs CloudTrail's trusted access in AWS Organizations (else "
      "CloudTrailAccessNotEnabledException: aws organizations enable-aws-service-access --service-principal "
      "cloudtrail.amazonaws.com), and the caller needs iam:GetRole, iam:CreateServiceLinkedRole, "
      "organizations:EnableAWSServiceAccess and organizations:ListAWSServiceAccessForOrganization (trailguard "
      "iam-policy --fix --org has them)");
}

}  // namespace

Status validate(const FixOptions& options) {
  const auto bad = [](std::string what, std::string message) {
    return Status(make_error(ErrorKind::invalid_argument, std::move(what), std::move(message)));
  };
  const std::string& name = options.trail_name;
  if (name.size() < 3 || name.size() > 128 || !is_alnum(name.front()) || !is_alnum(name.back()) ||
      !std::all_of(name.begin(), name.end(), [](char c) { return is_alnum(c) || c == '.' || c == '_' || c == '-'; }) ||
      std::adjacent_find(name.begin(), name.end(), [](char a, char b) {
        return !is_alnum(a) && !is_alnum(b);
      }) != name.end())
    return bad("--trail-name " + name,
               "a trail name has 3-128 letters, digits, '.', '_' or '-', starts and ends with a letter or digit, "
               "and has no two of '.', '_', '-' in a row");
  const std::string& bucket = options.bucket;
  if (!bucket.empty()) {
    const bool lower_alnum_front = (bucket.front() >= 'a' && bucket.front() <= 'z') || (bucket.front() >= '0' && bucket.front() <= '9');
    const bool lower_alnum_back = (bucket.back() >= 'a' && bucket.back() <= 'z') || (bucket.back() >= '0' && bucket.back() <= '9');
    if (bucket.size() < 3 || bucket.size() > 63 || !lower_alnum_front || !lower_alnum_back ||
        !std::all_of(bucket.begin(), bucket.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-'; }) ||
        bucket.find("..") != std::string::npos)
      return bad("--bucket " + bucket,
                 "an S3 bucket name has 3-63 lowercase letters, digits, '.' or '-', starts and ends with a letter "
                 "or digit, and has no '..'");
  }
  if (options.create_kms_key && !options.kms_key_id.empty())
    return bad("--kms-key-id", "give either --kms-key-id (an existing key) or --create-kms-key, not both");
  return ok_status();
}

std::string default_bucket_name(const std::string& account_id, const std::string& region) {
  return "trailguard-cloudtrail-" + account_id + "-" + region;
}

AccountPlan plan_account(const model::Account& account, const control::Evaluation& evaluation, const FixOptions& options) {
  AccountPlan plan;
  plan.account_id = account.account_id;
  plan.partition = account.partition;
  plan.home_region = options.home_region;

  if (!account.not_audited.empty()) {
    plan.summary = "not audited (" + account.not_audited + "): nothing planned";
    return plan;
  }
  std::vector<std::string> unreadable_account;
  for (const auto& error : account.read_errors) {
    if (error.region.empty())
      unreadable_account.push_back(model::describe(error));
    else
      plan.warnings.push_back(fmt::format("region {} could not be read ({}): a multi-region trail covers it, but a scan "
                                          "cannot confirm it until it can be read",
                                          error.region, model::describe(error)));
  }
  if (!unreadable_account.empty())
    return block(plan, "the account could not be read, so no change can be chosen safely", unreadable_account);

  // Covered already? The same judgment as the evaluator's, trail by trail. When an organization trail is
  // wanted, only an organization trail of this account counts: the members count on it.
  const bool organization_trail_wanted = !options.organization_id.empty();
  for (const auto& trail : account.trails) {
    if (!trail.is_multi_region.is(true)) continue;
    if (organization_trail_wanted && !(trail.is_organization_trail.is(true) && owned_by(trail, account.account_id))) continue;
    if (control::judge_trail(trail, account.account_id, options.evaluation).outcome == control::TrailOutcome::pass) {
      plan.summary = fmt::format("multi-region trail {} already passes: nothing to change", describe(trail));
      return plan;
    }
  }
  if (!organization_trail_wanted && evaluation.verdict.failed == 0 && evaluation.verdict.errors == 0 &&
      evaluation.verdict.passed > 0) {
    plan.summary = "every region passes: nothing to change";
    return plan;
  }

  if (organization_trail_wanted) {
    plan_organization_trail(account, options, plan);
    return plan;
  }
  if (options.create_trail) {
    plan.summary = fmt::format("--create: a new multi-region trail '{}' in {}; existing trails are left as they are",
                               options.trail_name, options.home_region);
    plan_with_new_trail(account, options, plan);
    return plan;
  }

  std::vector<Repair> multi, single;
  std::vector<const model::Trail*> foreign;
  for (const auto& trail : account.trails) {
    const bool everywhere = !trail.is_multi_region.is(false);
    if (!owned_by(trail, account.account_id)) {
      if (everywhere) foreign.push_back(&trail);
      continue;
    }
    if (everywhere) {
      multi.push_back(plan_repair(trail, account, options, false));
    } else {
      const auto region = std::find_if(account.regions.begin(), account.regions.end(),
                                       [&](const model::Region& r) { return r.name == trail.home_region; });
      if (region == account.regions.end() || region->state == model::RegionState::enabled)
        single.push_back(plan_repair(trail, account, options, true));
    }
  }

  if (const Repair* best = best_of(multi, options)) {
    std::string summary = fmt::format("multi-region trail {} fails; repairing it is the smallest change: {}",
                                      describe(*best->trail), join(best->fixes, ", "));
    if (multi.size() > 1) summary += fmt::format(" (of {}: it needs the fewest steps)", names(multi));
    adopt(plan, Approach::repair_trail, *best, summary);
    return plan;
  }
  if (!multi.empty())
    return block(plan,
                 fmt::format("multi-region trail(s) {} cannot be judged, so a change to them would be a guess; re-run "
                             "when they can be read, or pass --create for a new trail",
                             names(multi)),
                 problems_of(multi));
  if (!foreign.empty()) {
    std::vector<std::string> blockers;
    for (const auto* trail : foreign)
      blockers.push_back(fmt::format("organization trail {} belongs to account {}: repair it there (it covers every "
                                     "member), or pass --create for a trail of this account's own",
                                     describe(*trail), trail->owner_account_id));
    return block(plan, "the only multi-region trail is an organization trail of another account", blockers);
  }
  if (const Repair* best = best_of(single, options)) {
    std::string summary = fmt::format(
        "only single-region trails ({}); making {} multi-region is the smallest change: {}; pass --create for a new "
        "trail instead",
        names(single), describe(*best->trail), join(best->fixes, ", "));
    if (single.size() > 1) {
      std::vector<std::string> why;
      if (best->trail->log_file_validation.is(true)) why.push_back("it validates log files");
      if (!best->trail->kms_key_id.empty()) why.push_back("it is encrypted with KMS");
      if (best->trail->home_region == options.home_region) why.push_back("it is in the home region");
      summary += fmt::format(" (chosen because it needs the fewest steps{}{})", why.empty() ? "" : ", ", join(why, ", "));
    }
    adopt(plan, Approach::make_multi_region, *best, summary);
    return plan;
  }
  if (!single.empty())
    return block(plan,
                 fmt::format("single-region trail(s) {} cannot be judged, so converting one would be a guess; re-run "
                             "when they can be read, or pass --create for a new trail",
                             names(single)),
                 problems_of(single));

  plan.summary = fmt::format("no trail to repair or convert: a new bucket and multi-region trail '{}' in {}",
                             options.trail_name, options.home_region);
  plan_with_new_trail(account, options, plan);
  return plan;
}

}  // namespace trailguard::remediate
