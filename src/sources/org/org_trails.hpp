// Organization trails: read once, in the management account, and credited to every member as AWS applies
// them. AWS shows an organization trail in each member's DescribeTrails (a shadow trail whose status can be
// read there but whose selectors cannot); the scan never reads its status or selectors per member, and
// takes them from the management account's read. A member whose own listing shows the trail confirms it;
// one whose listing does not (moto never shows them; AWS may not yet for a new member) still gets it,
// with a note saying so.
// Thread-safety: pure functions over the values given.
#pragma once

#include <string>
#include <vector>

#include "model/account.hpp"

namespace trailguard::sources::org {

// The organization trails the caller's account sees, with everything its scan read about them. The
// management account owns every organization trail (even one a delegated administrator created); a
// delegated administrator sees them as shadow trails and may read their status and selectors. A read
// that failed there is credited as failed, so members are ERROR, never PASS.
std::vector<model::Trail> organization_trails_of(const model::Account& caller, const std::string& management_account_id);

std::vector<std::string> arns_of(const std::vector<model::Trail>& trails);

// Gives `member` every organization trail: facts the member's listing lacks (status, selectors,
// multi-region, global events) come from the management account's read.
void credit_organization_trails(model::Account& member, const std::vector<model::Trail>& organization_trails);

}  // namespace trailguard::sources::org
