#include "remediate/org_planner.hpp"

#include <algorithm>
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

bool unreadable(const model::Account& account) {
  for (const auto& error : account.read_errors)
    if (error.region.empty()) return true;
  return false;
}

void covered_by(AccountPlan& plan, const TrailRef& trail, const std::string& owner, std::string_view how) {
  plan.approach = Approach::nothing_to_do;
  plan.steps.clear();
  plan.blockers.clear();
  plan.covered_by_trail_arn = trail.arn;
  plan.summary = fmt::format("organization trail '{}' covers this account; the plan of its owner, account {}, {} it, so "
                             "nothing changes here",
                             trail.name, owner, how);
}

// The trail the owner's plan creates or repairs, or nullptr when it changes none.
const TrailRef* changed_trail(const AccountPlan& plan) {
  for (const auto& step : plan.steps)
    if (const TrailRef* trail = trail_of(step)) return trail;
  return nullptr;
}

Plan plan_with_organization_trail(const std::vector<AccountToPlan>& accounts, const FixOptions& options,
                             const OrganizationTrailWanted& wanted) {
  Plan plan;
  const auto management = std::find_if(accounts.begin(), accounts.end(), [&](const AccountToPlan& a) {
    return a.account->account_id == wanted.management_account_id;
  });
  if (management == accounts.end()) {
    for (const auto& input : accounts) {
      AccountPlan blocked;
      blocked.account_id = input.account->account_id;
      blocked.partition = input.account->partition;
      blocked.home_region = options.home_region;
      blocked.approach = Approach::blocked;
      blocked.summary = "--organization-trail: the management account is not in this run";
      blocked.blockers.push_back(fmt::format("the organization trail is made in management account {}: include it "
                                             "(--accounts) or leave --organization-trail out",
                                             wanted.management_account_id));
      plan.accounts.push_back(std::move(blocked));
    }
    return plan;
  }
  FixOptions for_management = options;
  for_management.organization_id = wanted.organization_id;
  const auto owner_plan = plan_account(*management->account, *management->evaluation, for_management);
  for (const auto& input : accounts) {
    if (input.account == management->account) {
      plan.accounts.push_back(owner_plan);
      continue;
    }
    auto member = plan_account(*input.account, *input.evaluation, options);
    const TrailRef* trail = changed_trail(owner_plan);
    if (member.approach == Approach::nothing_to_do || unreadable(*input.account)) {
      // passes already, or cannot be read: as planned alone
    } else if (trail != nullptr) {
      covered_by(member, *trail, owner_plan.account_id, owner_plan.approach == Approach::create_trail ? "creates" : "repairs");
    } else if (owner_plan.approach == Approach::blocked) {
      // A trail of its own would be what --organization-trail was asked not to make.
      member.approach = Approach::blocked;
      member.steps.clear();
      member.summary = "--organization-trail: waiting for the organization trail, which cannot be planned yet";
      member.blockers = {fmt::format("the organization trail cannot be planned in management account {} (see its plan)",
                                     owner_plan.account_id)};
    }
    plan.accounts.push_back(std::move(member));
  }
  return plan;
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

Plan plan_accounts(const std::vector<AccountToPlan>& accounts, const FixOptions& options,
                   const std::optional<OrganizationTrailWanted>& organization_trail) {
  FixOptions together = options;
  together.prefer_organization_trails = true;
  if (organization_trail) return plan_with_organization_trail(accounts, together, *organization_trail);
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
      covered_by(member, TrailRef{trail.name, trail.arn, trail.home_region}, plan.accounts[found->second].account_id,
                 "repairs");
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
