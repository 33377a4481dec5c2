#include "control/reason.hpp"

#include <array>
#include <utility>

namespace trailguard::control {
namespace {
struct Entry {
  ReasonCode code;
  std::string_view name;
  ReasonKind kind;
};

constexpr std::array kEntries = {
    Entry{ReasonCode::no_trail, "no_trail", ReasonKind::failure},
    Entry{ReasonCode::single_region_only, "single_region_only", ReasonKind::failure},
    Entry{ReasonCode::not_logging, "not_logging", ReasonKind::failure},
    Entry{ReasonCode::management_events_not_recorded, "management_events_not_recorded", ReasonKind::failure},
    Entry{ReasonCode::management_events_read_only, "management_events_read_only", ReasonKind::failure},
    Entry{ReasonCode::management_events_write_only, "management_events_write_only", ReasonKind::failure},
    Entry{ReasonCode::management_events_excluded, "management_events_excluded", ReasonKind::failure},
    Entry{ReasonCode::global_service_events_off, "global_service_events_off", ReasonKind::failure},
    Entry{ReasonCode::not_delivering, "not_delivering", ReasonKind::failure},
    Entry{ReasonCode::logging_not_declared, "logging_not_declared", ReasonKind::failure},
    Entry{ReasonCode::region_unreadable, "region_unreadable", ReasonKind::error},
    Entry{ReasonCode::trail_status_unreadable, "trail_status_unreadable", ReasonKind::error},
    Entry{ReasonCode::event_selectors_unreadable, "event_selectors_unreadable", ReasonKind::error},
    Entry{ReasonCode::org_trail_selectors_unreadable, "org_trail_selectors_unreadable", ReasonKind::error},
    Entry{ReasonCode::trail_facts_unknown, "trail_facts_unknown", ReasonKind::error},
    Entry{ReasonCode::latest_delivery_error, "latest_delivery_error", ReasonKind::warning},
    Entry{ReasonCode::excluded_event_sources_allowed, "excluded_event_sources_allowed", ReasonKind::warning},
    Entry{ReasonCode::read_write_split_selectors, "read_write_split_selectors", ReasonKind::warning},
    Entry{ReasonCode::delivery_unproven, "delivery_unproven", ReasonKind::warning},
    Entry{ReasonCode::account_not_audited, "account_not_audited", ReasonKind::skip},
    Entry{ReasonCode::region_not_enabled, "region_not_enabled", ReasonKind::skip},
};

const Entry& entry(ReasonCode code) {
  for (const auto& e : kEntries)
    if (e.code == code) return e;
  return kEntries.front();  // unreachable: every enumerator has an entry (tested)
}
}  // namespace

ReasonKind kind_of(ReasonCode code) { return entry(code).kind; }
std::string_view to_string(ReasonCode code) { return entry(code).name; }

std::string_view to_string(ReasonKind kind) {
  switch (kind) {
    case ReasonKind::failure: return "failure";
    case ReasonKind::error: return "error";
    case ReasonKind::warning: return "warning";
    case ReasonKind::skip: return "skip";
  }
  return "error";
}

std::optional<ReasonCode> reason_from_string(std::string_view text) {
  for (const auto& e : kEntries)
    if (e.name == text) return e.code;
  return std::nullopt;
}

}  // namespace trailguard::control
