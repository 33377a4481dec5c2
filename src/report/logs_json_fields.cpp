#include "report/logs_json_fields.hpp"

#include "base/utc_time.hpp"

namespace trailguard::report {
namespace {
nlohmann::json time_or_null(const std::optional<std::int64_t>& seconds) {
  return seconds ? nlohmann::json(format_utc_time(*seconds)) : nlohmann::json(nullptr);
}
}  // namespace

std::string_view LogsReport::result() const {
  if (judgment->found_something()) return "findings";
  if (judgment->incomplete) return "incomplete";
  return "clean";
}

LogsReport::Counts LogsReport::counts() const {
  Counts counts;
  std::set<std::string> accounts;
  for (const auto& region : activity->regions) {
    counts.events += region.measure(model::LogMeasure::events);
    accounts.insert(region.account_id);
  }
  counts.accounts = accounts.size();
  for (const auto& region : judgment->regions) counts.regions_with_gaps += region.gap_hours > 0;
  for (const auto& tampering : judgment->tampering) counts.failed_attempts += !tampering.succeeded;
  return counts;
}

nlohmann::json logs_region_json(const control::RegionCoverage& coverage) {
  const auto& region = *coverage.delivery;
  nlohmann::json line = {{"account_id", region.account_id}, {"region", region.region}};
  for (std::size_t i = 0; i < model::log_measure_count; ++i)
    line[std::string(model::log_measure_name(static_cast<model::LogMeasure>(i)))] = region.measures[i];
  line["global_service_events_present"] = coverage.global_service_events;
  line["first_event"] = time_or_null(region.first_event);
  line["last_event"] = time_or_null(region.last_event);
  line["log_files"] = region.log_files;
  line["digest_files"] = region.digest_files;
  line["insight_files"] = region.insight_files;
  line["duplicates_dropped"] = region.duplicates_dropped;
  line["digests"] = region.digest_hours.size();
  line["log_file_hours"] = region.log_hours.size();
  line["window"] = {{"from", format_utc_time(coverage.window_from)}, {"until", format_utc_time(coverage.window_until)}};
  line["gap_hours"] = coverage.gap_hours;
  auto gaps = nlohmann::json::array();
  for (const auto& gap : coverage.gaps)
    gaps.push_back({{"from", format_utc_time(gap.from)}, {"until", format_utc_time(gap.until)}, {"hours", gap.hours()}});
  line["gaps"] = std::move(gaps);
  auto days = nlohmann::json::object();
  for (const auto& [day, events] : region.events_by_day) days[format_utc_date(day * 86400)] = events;
  line["events_by_day"] = std::move(days);
  return line;
}

nlohmann::json logs_activity_json(const control::UnusedRegionActivity& activity) {
  const auto& group = *activity.group;
  nlohmann::json line = {{"account_id", group.account_id}, {"region", group.region}, {"event_source", group.event_source},
                         {"event_name", group.event_name}, {"principal", group.principal}, {"source_ip", group.source_ip},
                         {"time", format_utc_time(group.first_time)}, {"last_time", format_utc_time(group.last_time)},
                         {"count", group.count}, {"high_risk", activity.high_risk}, {"by_aws_service", group.by_aws_service}};
  if (!group.error_code.empty()) line["error_code"] = group.error_code;
  return line;
}

nlohmann::json logs_tampering_json(const control::Tampering& tampering) {
  const auto& change = *tampering.change;
  nlohmann::json line = {{"account_id", change.account_id}, {"region", change.region}, {"event_source", change.event_source},
                         {"event_name", change.event_name}, {"target", change.target}, {"principal", change.principal},
                         {"source_ip", change.source_ip}, {"time", format_utc_time(change.time)},
                         {"event_id", change.event_id}, {"succeeded", tampering.succeeded}};
  if (!change.error_code.empty()) line["error_code"] = change.error_code;
  return line;
}

nlohmann::json logs_digest_problem_json(const model::DigestProblem& problem) {
  return {{"problem", model::digest_problem_name(problem.kind)}, {"account_id", problem.account_id},
          {"region", problem.region}, {"file", problem.file}, {"detail", problem.detail}};
}

nlohmann::json logs_error_json(const model::LogFileError& error) { return {{"file", error.file}, {"error", error.error}}; }

nlohmann::json logs_validation_json(const model::DigestValidation& validation) {
  return {{"digests_checked", validation.digests_checked}, {"signatures_checked", validation.signatures_checked},
          {"signatures_unavailable", validation.signatures_unavailable},
          {"chain_links_checked", validation.chain_links_checked}, {"log_files_checked", validation.log_files_checked}, {"problems", validation.problems.size()}};
}

nlohmann::json logs_summary_json(const LogsReport& report) {
  const auto& activity = *report.activity;
  const auto& judgment = *report.judgment;
  const auto& totals = activity.totals;
  const auto counts = report.counts();
  return {{"result", report.result()},
          {"accounts", counts.accounts},
          {"regions", activity.regions.size()},
          {"files_listed", totals.files_listed},
          {"files_read", totals.files_read},
          {"bytes_read", totals.bytes_read},
          {"bytes_inflated", totals.bytes_inflated},
          {"records", totals.records},
          {"records_outside_window", totals.records_outside_window},
          {"events", counts.events},
          {"duplicates_dropped", totals.duplicates_dropped},
          {"gap_hours", judgment.gap_hours},
          {"regions_with_gaps", counts.regions_with_gaps},
          {"unused_region_events", judgment.unused_region_events},
          {"unused_region_groups", judgment.unused_region_activity.size()},
          {"tampering_succeeded", judgment.tampering.size() - counts.failed_attempts},
          {"tampering_attempts_failed", counts.failed_attempts},
          {"digest_problems", activity.validation ? activity.validation->problems.size() : 0},
          {"errors", activity.errors.size()},
          {"seconds", report.seconds}};
}

}  // namespace trailguard::report
