// Whether an answer belongs to the trail, region or account it is filed for. Evidence comes from the account
// owner; a file mixed up with another's (or swapped on purpose) must never decide a verdict: an answer that
// names someone else is unreadable, never used. Shared by the evidence and live sources (docs/evidence.md,
// "Identity"). Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/trail.hpp"

namespace trailguard::sources {

// The ReadError code of an answer that belongs elsewhere.
inline constexpr std::string_view kIdentityMismatch = "IdentityMismatch";

// Why `selectors` (read for `trail`) are another trail's: their TrailARN names another ARN (or, when the
// answer holds only a name, another name). nullopt when they are the trail's own or name no trail.
std::optional<std::string> selectors_of_another_trail(const model::EventSelectors& selectors, const model::Trail& trail);

// Why `listing` (DescribeTrails, filed as account `account_id`'s listing in `listing_region`) is not that: it
// shows another account's trail that is no organization trail, a single-region trail of another region
// (DescribeTrails in a region shows that region's own trails and multi-region ones), or single-region trails
// of two regions. An empty (or "unknown") `account_id`, or an empty `listing_region`, skips that check. nullopt when consistent.
std::optional<std::string> listing_of_another(const std::vector<model::Trail>& listing, std::string_view account_id,
                                              std::string_view listing_region);

}  // namespace trailguard::sources
