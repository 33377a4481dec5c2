#include "remediate/emit_declarations.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "remediate/policies.hpp"

namespace trailguard::remediate {
namespace {

template <class T, class Key>
T& find_or_add(std::vector<T>& items, const Key& key, auto key_of, auto make) {
  const auto it = std::find_if(items.begin(), items.end(), [&](const T& item) { return key_of(item) == key; });
  if (it != items.end()) return *it;
  items.push_back(make());
  return items.back();
}

BucketDeclaration& bucket(Declarations& out, const std::string& name, const std::string& region) {
  return find_or_add(out.buckets, name, [](const BucketDeclaration& b) { return b.name; },
                     [&] { return BucketDeclaration{name, region, true, false, {}, {}, {}, {}, {}}; });
}

TrailDeclaration& trail(Declarations& out, const TrailRef& ref) {
  return find_or_add(out.trails, ref.arn, [](const TrailDeclaration& t) { return t.trail.arn; },
                     [&] { return TrailDeclaration{ref, {}, nullptr, {}, {}, false, {}}; });
}

struct Fold {
  Declarations& out;
  const EmitContext& context;
  const std::string& reason;

  void operator()(const CreateBucket& a) const {
    auto& b = bucket(out, a.bucket, a.region);
    b.exists = context.existing_buckets.count(a.bucket) > 0;
    b.create_reason = reason;
  }
  void operator()(const BlockPublicAccess& a) const {
    auto& b = bucket(out, a.bucket, a.region);
    b.block_public_access = true;
    b.access_reason = reason;
  }
  void operator()(const PutBucketPolicy& a) const {
    auto& b = bucket(out, a.bucket, a.region);
    b.policy_json = a.policy_json;
    b.policy_reason = reason;
  }
  void operator()(const CreateKmsKey& a) const { out.keys.push_back({a, reason}); }
  void operator()(const CreateTrail& a) const {
    auto& t = trail(out, a.trail);
    t.create = a;
    t.reasons.push_back(reason);
  }
  void operator()(const UpdateTrail& a) const {
    auto& t = trail(out, a.trail);
    t.update = a;
    t.reasons.push_back(reason);
  }
  void operator()(const PutEventSelectors& a) const {
    auto& t = trail(out, a.trail);
    t.selectors = a;
    t.reasons.push_back(reason);
  }
  void operator()(const StartLogging& a) const {
    auto& t = trail(out, a.trail);
    t.start_logging = true;
    t.reasons.push_back(reason);
  }
};

// Policies are written into the code as JSON values: one that is not a JSON object is refused, never emitted.
Status check_policy(const std::string& policy_json, const std::string& what) {
  const auto parsed = nlohmann::json::parse(policy_json, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object())
    return make_error(ErrorKind::malformed_input, what, "the policy is not a JSON object");
  return ok_status();
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : std::string(separator)) + item;
  return out;
}

}  // namespace

Result<Declarations> declarations_of(const AccountPlan& plan, const EmitContext& context) {
  Declarations out;
  out.account_id = plan.account_id;
  out.partition = plan.partition.empty() ? "aws" : plan.partition;
  for (const auto& step : plan.steps) {
    if (std::find(out.regions.begin(), out.regions.end(), step.region) == out.regions.end()) out.regions.push_back(step.region);
    std::visit(Fold{out, context, step.reason}, step.action);
  }
  for (const auto& k : out.keys)
    if (auto ok = check_policy(k.key.policy_json, "key policy of " + k.key.alias); !ok) return ok.error();
  for (auto& b : out.buckets) {
    if (b.policy_json)
      if (auto ok = check_policy(*b.policy_json, "policy of bucket " + b.name); !ok) return ok.error();
    // A bucket no CreateBucket step names was made "existing" by bucket(): it must be the account's already.
    const auto existing = context.existing_buckets.find(b.name);
    if (existing != context.existing_buckets.end()) b.existing_policy_json = existing->second.policy_json;
    if (b.policy_json && b.existing_policy_json) {
      // As the applier does: the bucket's other statements are kept, the plan's replace those with their Sids.
      auto merged = merge_bucket_policy(*b.existing_policy_json, *b.policy_json, b.name);
      if (!merged) return merged.error();
      b.policy_json = std::move(*merged);
    }
  }
  for (auto& t : out.trails) {
    if (t.create) continue;
    t.existing = find_trail(context, t.trail.arn);
    if (t.existing == nullptr)
      return make_error(ErrorKind::invalid_argument, "trail " + t.trail.arn,
                        "the plan changes this trail but its current settings were not read, so code declaring it "
                        "cannot be written");
  }
  return out;
}

Result<std::vector<const AccountPlan*>> accounts_to_emit(const Plan& plan) {
  std::vector<const AccountPlan*> out;
  std::vector<std::string> why;
  for (const auto& account : plan.accounts) {
    if (!account.steps.empty()) {
      out.push_back(&account);
      continue;
    }
    std::string line = fmt::format("account {}: {}", account.account_id, account.summary);
    if (!account.blockers.empty()) line += " (" + join(account.blockers, "; ") + ")";
    why.push_back(line);
  }
  if (out.empty()) {
    const bool blocked = std::any_of(plan.accounts.begin(), plan.accounts.end(),
                                     [](const AccountPlan& a) { return a.approach == Approach::blocked; });
    return make_error(ErrorKind::invalid_argument, "plan",
                      fmt::format("nothing to emit: {}{}", blocked ? "the plan is blocked: " : "no change is needed: ",
                                  why.empty() ? std::string("the plan has no account") : join(why, "; ")),
                      blocked ? "plan_blocked" : "nothing_to_do");
  }
  return out;
}

}  // namespace trailguard::remediate
