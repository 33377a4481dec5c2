#include "remediate/plan.hpp"

namespace trailguard::remediate {

std::string_view to_string(SelectorKind kind) { return kind == SelectorKind::basic ? "basic" : "advanced"; }

std::string_view to_string(StepKind kind) {
  switch (kind) {
    case StepKind::create_bucket: return "create_bucket";
    case StepKind::block_public_access: return "block_public_access";
    case StepKind::put_bucket_policy: return "put_bucket_policy";
    case StepKind::create_kms_key: return "create_kms_key";
    case StepKind::create_trail: return "create_trail";
    case StepKind::update_trail: return "update_trail";
    case StepKind::put_event_selectors: return "put_event_selectors";
    case StepKind::start_logging: return "start_logging";
  }
  return "unknown";
}

std::string_view api_of(StepKind kind) {
  switch (kind) {
    case StepKind::create_bucket: return "s3 CreateBucket";
    case StepKind::block_public_access: return "s3 PutPublicAccessBlock";
    case StepKind::put_bucket_policy: return "s3 PutBucketPolicy";
    case StepKind::create_kms_key: return "kms CreateKey + CreateAlias";
    case StepKind::create_trail: return "cloudtrail CreateTrail";
    case StepKind::update_trail: return "cloudtrail UpdateTrail";
    case StepKind::put_event_selectors: return "cloudtrail PutEventSelectors";
    case StepKind::start_logging: return "cloudtrail StartLogging";
  }
  return "unknown";
}

std::string_view to_string(Approach approach) {
  switch (approach) {
    case Approach::nothing_to_do: return "nothing_to_do";
    case Approach::repair_trail: return "repair_trail";
    case Approach::make_multi_region: return "make_multi_region";
    case Approach::create_trail: return "create_trail";
    case Approach::blocked: return "blocked";
  }
  return "unknown";
}

std::string describe(const Step& step) {
  const std::string target = std::visit(
      [](const auto& action) -> std::string {
        using A = std::decay_t<decltype(action)>;
        if constexpr (std::is_same_v<A, CreateKmsKey>) {
          return action.alias;
        } else if constexpr (requires { action.bucket; } && !std::is_same_v<A, CreateTrail>) {
          return action.bucket;
        } else {
          return action.trail.name;
        }
      },
      step.action);
  return std::string(api_of(step.kind())) + " '" + target + "' in " + step.region;
}

}  // namespace trailguard::remediate
