#include "sources/org/org_trails.hpp"

namespace trailguard::sources::org {

std::vector<model::Trail> organization_trails_of(const model::Account& caller, const std::string& management_account_id) {
  std::vector<model::Trail> trails;
  for (const auto& trail : caller.trails)
    if (trail.is_organization_trail.is(true) && trail.owner_account_id == management_account_id) trails.push_back(trail);
  return trails;
}

std::vector<std::string> arns_of(const std::vector<model::Trail>& trails) {
  std::vector<std::string> arns;
  for (const auto& trail : trails) arns.push_back(trail.arn);
  return arns;
}

void credit_organization_trails(model::Account& member, const std::vector<model::Trail>& organization_trails) {
  for (const auto& source : organization_trails) {
    model::Trail* trail = model::find_trail(member, source.arn);
    if (trail == nullptr) {
      model::Trail credited = source;
      credited.seen_in_regions.clear();  // the member's listing did not show it
      model::add_or_merge_trail(member, std::move(credited));
      member.notes.push_back("organization trail " + source.arn +
                             " is credited from the management account's read; this account's DescribeTrails did not list it");
      continue;
    }
    // Status and selectors are the management account's read, never the member's (not read there).
    trail->status = source.status;
    trail->selectors = source.selectors;
    if (!trail->is_multi_region.known()) trail->is_multi_region = source.is_multi_region;
    if (!trail->include_global_service_events.known())
      trail->include_global_service_events = source.include_global_service_events;
    if (!trail->is_organization_trail.known()) trail->is_organization_trail = source.is_organization_trail;
  }
}

}  // namespace trailguard::sources::org
