#include "sources/answer_identity.hpp"

namespace trailguard::sources {

std::optional<std::string> selectors_of_another_trail(const model::EventSelectors& selectors, const model::Trail& trail) {
  const auto& named = selectors.trail_arn;
  if (named.empty()) return std::nullopt;
  const bool is_arn = named.starts_with("arn:");
  if (is_arn ? named == trail.arn : named == trail.name) return std::nullopt;
  return selectors.source + " holds the event selectors of trail " + named + " (its TrailARN), not of " + trail.arn +
         ", the trail it is filed for";
}

std::optional<std::string> listing_of_another(const std::vector<model::Trail>& listing, std::string_view account_id,
                                              std::string_view listing_region) {
  const model::Trail* single_region = nullptr;  // the first single-region trail: a listing is one region's
  for (const auto& trail : listing) {
    if (!account_id.empty() && account_id != "unknown" && !trail.owner_account_id.empty() && trail.owner_account_id != account_id &&
        !trail.is_organization_trail.is(true))
      return "it lists trail " + trail.arn + " of account " + trail.owner_account_id +
             ", which is no organization trail: this is not account " + std::string(account_id) + "'s listing";
    if (!listing_region.empty() && trail.is_multi_region.is(false) && !trail.home_region.empty() &&
        trail.home_region != listing_region)
      return "it lists single-region trail " + trail.arn + " of region " + trail.home_region + ", which DescribeTrails in " +
             std::string(listing_region) + " never shows: this is not " + std::string(listing_region) + "'s listing";
    if (trail.is_multi_region.is(false) && !trail.home_region.empty()) {
      if (single_region != nullptr && single_region->home_region != trail.home_region)
        return "it lists single-region trails of two regions (" + single_region->arn + ", " + trail.arn +
               "): one DescribeTrails answer shows one region's own trails, so it is not one listing";
      if (single_region == nullptr) single_region = &trail;
    }
  }
  return std::nullopt;
}

}  // namespace trailguard::sources
