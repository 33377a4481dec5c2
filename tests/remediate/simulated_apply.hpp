// What a plan does to an account's model, as AWS would do it: lets planner tests prove that the account
// passes after the plan, and that planning again finds nothing to do, without any AWS.
#pragma once

#include <type_traits>

#include "model/account.hpp"
#include "remediate/plan.hpp"

namespace trailguard::remediate::testing {

inline model::Trail* trail_named(model::Account& account, const TrailRef& ref) {
  for (auto& trail : account.trails)
    if (trail.name == ref.name && trail.home_region == ref.home_region) return &trail;
  return nullptr;
}

// Precondition: the plan's trails exist in `account` (or are created by it).
inline void simulate(model::Account& account, const AccountPlan& plan) {
  for (const auto& step : plan.steps) {
    std::visit(
        [&](const auto& action) {
          using A = std::decay_t<decltype(action)>;
          if constexpr (std::is_same_v<A, CreateTrail>) {
            model::Trail trail;
            trail.arn = action.trail.arn;
            trail.name = action.trail.name;
            trail.home_region = action.trail.home_region;
            trail.owner_account_id = account.account_id;
            trail.is_multi_region = model::Known<bool>::stated(action.is_multi_region, "simulated");
            trail.include_global_service_events = model::Known<bool>::stated(action.include_global_service_events, "simulated");
            trail.is_organization_trail = model::Known<bool>::stated(action.is_organization_trail, "simulated");
            trail.log_file_validation = model::Known<bool>::stated(action.log_file_validation, "simulated");
            trail.s3_bucket = action.bucket;
            trail.kms_key_id = action.kms_key_id;
            trail.status = model::TrailStatus{false, "", "simulated"};
            trail.selectors = model::EventSelectors{};  // moto's state right after CreateTrail
            model::add_or_merge_trail(account, std::move(trail));
          } else if constexpr (std::is_same_v<A, UpdateTrail>) {
            auto* trail = trail_named(account, action.trail);
            trail->is_multi_region = model::Known<bool>::stated(action.is_multi_region, "simulated");
            trail->include_global_service_events = model::Known<bool>::stated(action.include_global_service_events, "simulated");
          } else if constexpr (std::is_same_v<A, PutEventSelectors>) {
            trail_named(account, action.trail)->selectors = action.selectors;
          } else if constexpr (std::is_same_v<A, StartLogging>) {
            trail_named(account, action.trail)->status = model::TrailStatus{true, "", "simulated"};
          }
        },
        step.action);
  }
}

}  // namespace trailguard::remediate::testing
