// The event selectors that make a trail record every management event, Read and Write with nothing excluded,
// while every existing data-event selector stays exactly as it was read. Pure; thread-safe.
#pragma once

#include <string>

#include "base/result.hpp"
#include "model/event_selectors.hpp"
#include "remediate/plan.hpp"

namespace trailguard::remediate {

struct SelectorFix {
  SelectorKind kind = SelectorKind::basic;
  model::EventSelectors selectors;  // the whole new list, of `kind` only
  int kept_data_selectors = 0;
  int replaced_selectors = 0;
  int kept_narrowing = 0;  // allowed exclusions (or advanced filters) carried into the management selector
};

// What becomes of what narrows management events today (excluded sources, advanced eventSource/eventName
// filters): dropped, so that every management event is recorded; or kept, when the user allowed it
// (--allow-excluded-event-sources), so that a repair for another reason takes nothing they chose away.
enum class AllowedNarrowing { drop, keep };

// AWS accepts at most five basic event selectors per trail.
inline constexpr std::size_t kMaxBasicSelectors = 5;

// Keeps the trail's kind: advanced when it has advanced selectors, else basic. The new list is one
// management selector (basic: ReadWriteType All, IncludeManagementEvents true; advanced: eventCategory =
// Management and nothing else) followed by every selector that records data events, unchanged, in order:
// basic selectors with DataResources, advanced selectors that do not select management events. Selectors that
// record only management events are replaced. Fails (invalid_argument) rather than drop a data-event
// selector: when five basic data selectors leave no room, or when both kinds are present (moto only) and the
// basic ones record data events. With AllowedNarrowing::keep the management selector keeps the narrowing
// that every current management selector shares (so it never records less than the trail did).
Result<SelectorFix> fix_management_selectors(const model::EventSelectors& current,
                                             AllowedNarrowing narrowing = AllowedNarrowing::drop);

// The API's EventSelectors (basic) or AdvancedEventSelectors (advanced) value for `selectors`: a JSON array
// in the shape GetEventSelectors returns (unknown ReadWriteType/IncludeManagementEvents are left out, so AWS
// applies its defaults as it did before).
std::string selectors_json(const model::EventSelectors& selectors, SelectorKind kind);

}  // namespace trailguard::remediate
