// What a trail's event selectors record of management events: Read and Write, whole or narrowed.
// Judged only by what the selectors select (fields and values), never by selector names.
// Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "model/event_selectors.hpp"

namespace trailguard::control {

enum class Coverage { none, narrowed, full };

struct ManagementEventsCoverage {
  Coverage read = Coverage::none;
  Coverage write = Coverage::none;
  // What narrows the recorded events, e.g. "ExcludeManagementEventSources kms.amazonaws.com",
  // "eventSource NotEquals [kms.amazonaws.com]". Empty when nothing does.
  std::vector<std::string> narrowing;
  // Read and Write are both fully recorded, but by different selectors (ReadOnly + WriteOnly).
  bool split_across_selectors = false;
  // Values that could not be understood (an unknown ReadWriteType, a missing IncludeManagementEvents).
  // When non-empty the coverage above is not trustworthy.
  std::vector<std::string> problems;
};

ManagementEventsCoverage judge_management_events(const model::EventSelectors& selectors);

// Whether an advanced selector selects management events (eventCategory Equals Management), the rule the
// judgment above uses; remediation uses it to tell management selectors from data-event ones.
bool selects_management_events(const model::AdvancedEventSelector& selector);

}  // namespace trailguard::control
