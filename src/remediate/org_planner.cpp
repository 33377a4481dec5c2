#include "remediate/org_planner.hpp"

#include <map>
#include <set>

#include <fmt/format.h>

namespace trailguard::remediate {
namespace {

// ARN -> index of the plan whose steps act on that trail.
std::map<std::string, std::size_t> repaired_trails(const Plan& plan) {
  std::map<std::string, std::size_t> out;
  for (std::size_t i = 0; i < plan.accounts.size(); ++i)
    for (const auto& step : plan.accounts[i].steps)
      if (const TrailRef* trail = trail_of(step); trail != nullptr && !trail->arn.empty()) out.emplace(trail->arn, i);
  return out;
}

bool owns_a_multi_region_trail(const model::Account& account) {
  for (const auto& trail : account.trails)
    if (!trail.is_multi_region.is(false) && (trail.owner_account_id.empty() || trail.owner_account_id == account.account_id))
      return true;
  return false;
}

}  // namespace

const TrailRef* trail_of(const Step& step) {
  return std::visit(
      [](const auto& action) -> const TrailRef* {
        if constexpr (requires { action.trail; })
          return &action.trail;
        else
          return nullptr;
      },
      step.action);
}

Plan plan_accounts(const std::vector<AccountToPlan>& accounts, const FixOptions& options) {
  FixOptions together = options;
  together.prefer_organization_trails = true;
  Plan plan;
  plan.accounts.reserve(accounts.size());
  for (const auto& input : accounts) plan.accounts.push_back(plan_account(*input.account, *input.evaluation, together));

  // A member blocked only by another account's organization trail waits for nothing when that account's plan
  // repairs the trail. (The planner blocks on a foreign trail only when the account owns no multi-region trail.)
  const auto repaired = repaired_trails(plan);
  for (std::size_t i = 0; i < plan.accounts.size(); ++i) {
    AccountPlan& member = plan.accounts[i];
    const model::Account& account = *accounts[i].account;
    if (member.approach != Approach::blocked || owns_a_multi_region_trail(account)) continue;
    for (const auto& trail : account.trails) {
      if (trail.is_multi_region.is(false) || !trail.is_organization_trail.is(true)) continue;
      const auto found = repaired.find(trail.arn);
      if (found == repaired.end() || found->second == i) continue;
      member.approach = Approach::nothing_to_do;
      member.blockers.clear();
      member.covered_by_trail_arn = trail.arn;
      member.summary = fmt::format("organization trail '{}' covers this account; the plan of its owner, account {}, "
                                   "repairs it, so nothing changes here",
                                   trail.name, plan.accounts[found->second].account_id);
      break;
    }
  }
  return plan;
}

std::vector<std::size_t> accounts_to_apply_first(const Plan& plan) {
  const auto repaired = repaired_trails(plan);
  std::set<std::size_t> first;
  for (const auto& account : plan.accounts)
    if (!account.covered_by_trail_arn.empty())
      if (const auto found = repaired.find(account.covered_by_trail_arn); found != repaired.end()) first.insert(found->second);
  return {first.begin(), first.end()};
}

}  // namespace trailguard::remediate
