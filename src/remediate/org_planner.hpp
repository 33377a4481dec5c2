// Planning several accounts at once (fix --org, or --org --accounts): each account as plan_account plans it,
// then the organization trails reconciled. An organization trail belongs to the management account and covers
// every member, so a member whose only multi-region trail is a failing organization trail is not blocked when
// the owner's plan in the same run repairs that trail: it needs nothing of its own. And in the owner's account
// an organization trail is preferred among trails to repair, since repairing it fixes every member at once.
// Pure function: no I/O; thread-safe; same input, same output.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "control/finding.hpp"
#include "model/account.hpp"
#include "remediate/plan.hpp"
#include "remediate/planner.hpp"

namespace trailguard::remediate {

struct AccountToPlan {
  const model::Account* account = nullptr;
  const control::Evaluation* evaluation = nullptr;  // control::evaluate(*account, options.evaluation)
};

// fix --org --organization-trail: one organization trail, in the management account, covers every account,
// instead of a trail per account. The management account's plan repairs an organization trail it has or
// creates one (FixOptions::organization_id); every other account that does not pass needs nothing of its own.
// Without the management account among the accounts, every plan is blocked.
struct OrganizationTrailWanted {
  std::string organization_id;  // o-...
  std::string management_account_id;
};

// One AccountPlan per input, in the input's order.
Plan plan_accounts(const std::vector<AccountToPlan>& accounts, const FixOptions& options,
                   const std::optional<OrganizationTrailWanted>& organization_trail = std::nullopt);

// The trail a step acts on, or nullptr for bucket and key steps.
const TrailRef* trail_of(const Step& step);

// Accounts whose plans must be applied before the others: those that repair an organization trail some other
// plan in `plan` counts on (the other accounts' plans assume it repaired). Indexes into plan.accounts.
std::vector<std::size_t> accounts_to_apply_first(const Plan& plan);

}  // namespace trailguard::remediate
