#include "control/trail_judgement.hpp"

#include <fmt/format.h>

#include "control/management_events.hpp"

namespace trailguard::control {
namespace {

std::string join(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : "; ") + v;
  return out;
}

bool owned_elsewhere(const model::Trail& trail, const std::string& account_id) {
  return trail.is_organization_trail.is(true) && !trail.owner_account_id.empty() && !account_id.empty() &&
         trail.owner_account_id != account_id;
}

void judge_status(const model::Trail& trail, const std::string& name, const std::string& account_id,
                  std::vector<Reason>& reasons) {
  if (!trail.status.was_read()) {
    std::string why = trail.status.failed() ? model::describe(trail.status.error()) : "it was not read";
    if (owned_elsewhere(trail, account_id))
      why += fmt::format("; this organization trail belongs to {}, where its status can be read", trail.owner_account_id);
    reasons.push_back({ReasonCode::trail_status_unreadable, fmt::format("logging status of {} is unknown: {}", name, why)});
    return;
  }
  const auto& status = trail.status.value();
  if (!status.is_logging) reasons.push_back({ReasonCode::not_logging, fmt::format("{} is not logging", name)});
  if (!status.latest_delivery_error.empty())
    reasons.push_back({ReasonCode::latest_delivery_error,
                       fmt::format("{} reports a delivery error ({}): logs may not be arriving", name,
                                   status.latest_delivery_error)});
}

void judge_selectors(const model::Trail& trail, const std::string& name, const std::string& account_id,
                     const EvaluationOptions& options, std::vector<Reason>& reasons) {
  if (!trail.selectors.was_read()) {
    const std::string why = trail.selectors.failed() ? model::describe(trail.selectors.error()) : "they were not read";
    if (owned_elsewhere(trail, account_id)) {
      reasons.push_back({ReasonCode::org_trail_selectors_unreadable,
                         fmt::format("event selectors of organization {} can only be read from its management "
                                     "account {} ({}); audit that account too",
                                     name, trail.owner_account_id, why)});
    } else {
      reasons.push_back({ReasonCode::event_selectors_unreadable, fmt::format("event selectors of {} are unknown: {}", name, why)});
    }
    return;
  }
  const auto coverage = judge_management_events(trail.selectors.value());
  if (!coverage.problems.empty()) {
    reasons.push_back({ReasonCode::event_selectors_unreadable,
                       fmt::format("event selectors of {} cannot be judged: {}", name, join(coverage.problems))});
    return;
  }
  const auto read = coverage.read;
  const auto write = coverage.write;
  if (read == Coverage::none && write == Coverage::none) {
    reasons.push_back({ReasonCode::management_events_not_recorded, fmt::format("{} records no management events", name)});
    return;
  }
  if (write == Coverage::none)
    reasons.push_back({ReasonCode::management_events_read_only, fmt::format("{} records only Read management events", name)});
  if (read == Coverage::none)
    reasons.push_back({ReasonCode::management_events_write_only, fmt::format("{} records only Write management events", name)});
  if (read == Coverage::narrowed || write == Coverage::narrowed) {
    const auto what = join(coverage.narrowing);
    // Allowed, the exclusion is a warning whatever else fails: the trail's other failures speak for themselves.
    if (options.excluded_sources == ExcludedSources::allow)
      reasons.push_back({ReasonCode::excluded_event_sources_allowed,
                         fmt::format("{} does not record every management event ({}); allowed by "
                                     "--allow-excluded-event-sources",
                                     name, what)});
    else
      reasons.push_back({ReasonCode::management_events_excluded,
                         fmt::format("{} does not record every management event: {}", name, what)});
  }
  if (coverage.split_across_selectors)
    reasons.push_back({ReasonCode::read_write_split_selectors,
                       fmt::format("{} records Read and Write with separate selectors; the CIS audit text expects "
                                   "one selector with ReadWriteType All",
                                   name)});
}

}  // namespace

std::string describe_trail(const model::Trail& trail) {
  const std::string& name = trail.name.empty() ? trail.arn : trail.name;
  if (trail.arn.empty() || trail.arn == name) return "trail '" + name + "'";
  return "trail '" + name + "' (" + trail.arn + ")";
}

TrailJudgement judge_trail(const model::Trail& trail, const std::string& account_id, const EvaluationOptions& options) {
  TrailJudgement judgement;
  auto& reasons = judgement.reasons;
  const std::string name = describe_trail(trail);

  if (!trail.is_multi_region.known())
    reasons.push_back({ReasonCode::trail_facts_unknown,
                       fmt::format("whether {} is multi-region is unknown ({})", name, trail.is_multi_region.origin.source)});
  if (!trail.include_global_service_events.known())
    reasons.push_back({ReasonCode::trail_facts_unknown,
                       fmt::format("whether {} records global service events is unknown ({})", name,
                                   trail.include_global_service_events.origin.source)});
  else if (!*trail.include_global_service_events.value)
    reasons.push_back({ReasonCode::global_service_events_off,
                       fmt::format("{} does not record global service events (IncludeGlobalServiceEvents false)", name)});
  for (const auto& contradiction : trail.contradictions)
    reasons.push_back({ReasonCode::trail_facts_unknown, fmt::format("the facts of {} contradict each other: {}", name, contradiction)});

  judge_status(trail, name, account_id, reasons);
  judge_selectors(trail, name, account_id, options, reasons);

  bool any_failure = false, any_error = false;
  for (const auto& r : reasons) {
    any_failure = any_failure || kind_of(r.code) == ReasonKind::failure;
    any_error = any_error || kind_of(r.code) == ReasonKind::error;
  }
  judgement.outcome = any_failure ? TrailOutcome::fail : any_error ? TrailOutcome::error : TrailOutcome::pass;
  return judgement;
}

}  // namespace trailguard::control
