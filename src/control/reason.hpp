// Reason codes: the machine-readable "why" of a finding. Their spelling is part of the JSON contract.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace trailguard::control {

enum class ReasonCode {
  // FAIL
  no_trail,
  single_region_only,
  not_logging,
  management_events_not_recorded,
  management_events_read_only,
  management_events_write_only,
  management_events_excluded,
  global_service_events_off,
  not_delivering,  // scan --prove-delivery: the covering trails' digests stopped in the region
  logging_not_declared,  // iac: a CloudFormation trail that does not state IsLogging
  // ERROR
  region_unreadable,
  trail_status_unreadable,
  event_selectors_unreadable,
  org_trail_selectors_unreadable,
  trail_facts_unknown,
  // warnings on a PASS
  latest_delivery_error,
  excluded_event_sources_allowed,
  read_write_split_selectors,
  delivery_unproven,  // scan --prove-delivery: no digest could say whether the region is delivered
  // SKIPPED
  account_not_audited,
  region_not_enabled,
};

// What a reason does to the finding it is attached to.
enum class ReasonKind { failure, error, warning, skip };

ReasonKind kind_of(ReasonCode code);
std::string_view to_string(ReasonCode code);
std::string_view to_string(ReasonKind kind);
std::optional<ReasonCode> reason_from_string(std::string_view text);

struct Reason {
  ReasonCode code;
  std::string text;  // the human sentence, naming the trail and the fact

  bool operator==(const Reason&) const = default;
};

}  // namespace trailguard::control
