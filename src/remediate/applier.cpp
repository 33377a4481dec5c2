#include "remediate/applier.hpp"

#include <algorithm>

#include "aws/services/cloudtrail_api.hpp"
#include "aws/services/kms_api.hpp"
#include "aws/services/s3_api.hpp"
#include "remediate/policies.hpp"

namespace trailguard::remediate {
namespace {

StepResult done(std::string detail = {}) { return {StepOutcome::done, std::move(detail), std::nullopt}; }
StepResult already(std::string detail) { return {StepOutcome::already_done, std::move(detail), std::nullopt}; }
StepResult failed(Error error, std::string detail = {}) {
  if (detail.empty()) detail = error.code.empty() ? error.message : error.code + ": " + error.message;
  return {StepOutcome::failed, std::move(detail), std::move(error)};
}

StepResult outcome_of(const Result<aws::ApiResponse>& response) {
  return response ? done() : failed(response.error());
}

class StepRunner {
 public:
  explicit StepRunner(aws::AwsClient& client) : client_(client) {}

  StepResult operator()(const CreateBucket& a) const {
    auto response = client_.call(aws::create_bucket_call(a.bucket, a.region));
    if (response) return done();
    const Error& error = response.error();
    if (error.code == "BucketAlreadyOwnedByYou") return already("the account already owns bucket " + a.bucket);
    if (error.code == "BucketAlreadyExists")
      return failed(error, "bucket name " + a.bucket + " belongs to another AWS account (" + error.code + ": " +
                               error.message + "); choose another name with --bucket");
    return failed(error);
  }

  StepResult operator()(const BlockPublicAccess& a) const {
    return outcome_of(client_.call(aws::put_public_access_block_call(a.bucket, a.region)));
  }

  // Never overwrites a policy it cannot read, and keeps the statements the plan does not own.
  StepResult operator()(const PutBucketPolicy& a) const {
    auto current = client_.call(aws::get_bucket_policy_call(a.bucket, a.region));
    std::string policy = a.policy_json;
    std::string detail;
    if (current) {
      if (policy_contains(current->body, a.policy_json)) return already("the bucket policy already has these statements");
      auto merged = merge_bucket_policy(current->body, a.policy_json, a.bucket);
      if (!merged) return failed(merged.error());
      policy = std::move(*merged);
      detail = "merged into the bucket's existing policy (its other statements kept)";
    } else if (current.error().code != "NoSuchBucketPolicy") {
      return failed(current.error());
    }
    auto put = client_.call(aws::put_bucket_policy_call(a.bucket, a.region, policy));
    return put ? done(detail) : failed(put.error());
  }

  // The alias makes the step idempotent: a key is created only when the alias names none.
  StepResult operator()(const CreateKmsKey& a) const {
    auto existing = client_.call(aws::describe_key_call(a.region, a.alias));
    if (existing) {
      auto key = aws::parse_key_metadata_json(existing->body);
      return already(a.alias + " already names key " + (key ? key->key_id : std::string("(unreadable id)")));
    }
    if (existing.error().kind != ErrorKind::not_found) return failed(existing.error());
    auto created = client_.call(aws::create_key_call(a.region, a.description, a.policy_json));
    if (!created) return failed(created.error());
    auto key = aws::parse_key_metadata_json(created->body);
    if (!key) return failed(key.error());
    auto aliased = client_.call(aws::create_alias_call(a.region, a.alias, key->key_id));
    if (!aliased)
      return failed(aliased.error(), "key " + key->key_id + " was created but alias " + a.alias + " was not (" +
                                         aliased.error().code + ": " + aliased.error().message +
                                         "); create the alias for it by hand, or schedule the key's deletion");
    return done("key " + key->key_id + " (" + a.alias + ")");
  }

  StepResult operator()(const CreateTrail& a) const {
    const aws::NewTrail trail{a.trail.name, a.bucket, a.kms_key_id, a.is_multi_region, a.include_global_service_events,
                              a.log_file_validation, a.is_organization_trail};
    auto response = client_.call(aws::create_trail_call(a.trail.home_region, trail));
    if (response) return done();
    // The plan was made when no trail of this name existed: most likely an earlier attempt of this very call
    // (retried after a timeout) made it. The steps after this one set what the trail needs, and the scan that
    // ends --apply judges whatever trail is there.
    if (response.error().code == "TrailAlreadyExistsException")
      return already("trail " + a.trail.name + " already exists (made by an earlier attempt?)");
    return failed(response.error());
  }

  StepResult operator()(const UpdateTrail& a) const {
    return outcome_of(client_.call(
        aws::update_trail_call(a.trail.home_region, a.trail.name, a.is_multi_region, a.include_global_service_events)));
  }

  StepResult operator()(const PutEventSelectors& a) const {
    auto call = aws::put_event_selectors_call(a.trail.home_region, a.trail.name, a.kind == SelectorKind::advanced,
                                              a.selectors_json);
    if (!call) return failed(call.error());
    return outcome_of(client_.call(*call));
  }

  StepResult operator()(const StartLogging& a) const {
    return outcome_of(client_.call(aws::start_logging_call(a.trail.home_region, a.trail.name)));
  }

 private:
  aws::AwsClient& client_;
};

}  // namespace

std::string_view to_string(StepOutcome outcome) {
  switch (outcome) {
    case StepOutcome::done: return "done";
    case StepOutcome::already_done: return "already_done";
    case StepOutcome::failed: return "failed";
    case StepOutcome::not_run: return "not_run";
  }
  return "unknown";
}

bool ApplyResult::succeeded() const { return !failed_step().has_value(); }

std::optional<std::size_t> ApplyResult::failed_step() const {
  const auto it = std::find_if(steps.begin(), steps.end(), [](const StepResult& r) { return r.outcome == StepOutcome::failed; });
  if (it == steps.end()) return std::nullopt;
  return static_cast<std::size_t>(it - steps.begin());
}

ApplyResult apply_plan(const AccountPlan& plan, aws::AwsClient& client, const StepObserver& observer) {
  ApplyResult result;
  result.steps.resize(plan.steps.size());
  const StepRunner runner(client);
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    result.steps[i] = std::visit(runner, plan.steps[i].action);
    if (observer) observer(i, plan.steps[i], result.steps[i]);
    if (result.steps[i].outcome == StepOutcome::failed) break;
  }
  return result;
}

}  // namespace trailguard::remediate
