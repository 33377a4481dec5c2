// The logs report for people: what was read, the verdict, then each kind of finding with what a reader
// needs to act on it (who, when, where, whether it worked).
#include <fmt/format.h>

#include "base/utc_time.hpp"
#include "report/logs_report.hpp"

namespace trailguard::report {
namespace {

std::string short_time(std::int64_t seconds) { return format_utc_time(seconds).substr(0, 16) + "Z"; }
std::string maybe_time(const std::optional<std::int64_t>& seconds) { return seconds ? short_time(*seconds) : "-"; }

void write_coverage(const LogsReport& report, std::ostream& out) {
  out << "\nDelivery per account and region (the region in the files' names):\n";
  out << fmt::format("  {:<12}  {:<15} {:>9} {:>9} {:>9} {:>8} {:>7} {:>6}  {:<17}  {:<17}\n", "ACCOUNT", "REGION", "EVENTS",
                     "READ", "WRITE", "UNKNOWN", "DIGESTS", "GAPS", "FIRST EVENT", "LAST EVENT");
  for (const auto& coverage : report.judgment->regions) {
    const auto& region = *coverage.delivery;
    out << fmt::format("  {:<12}  {:<15} {:>9} {:>9} {:>9} {:>8} {:>7} {:>6}  {:<17}  {:<17}{}\n", region.account_id,
                       region.region, region.measure(model::LogMeasure::events), region.measure(model::LogMeasure::read),
                       region.measure(model::LogMeasure::write), region.measure(model::LogMeasure::read_write_unknown),
                       region.digest_hours.size(), coverage.gap_hours, maybe_time(region.first_event),
                       maybe_time(region.last_event), coverage.global_service_events ? "  (global service events)" : "");
  }
  for (const auto& coverage : report.judgment->regions) {
    if (coverage.gaps.empty()) continue;
    const auto& region = *coverage.delivery;
    out << fmt::format("  gaps in {} {} (no digest and no log file):", region.account_id, region.region);
    std::size_t shown = 0;
    for (const auto& gap : coverage.gaps) {
      if (shown++ == 5) {
        out << fmt::format(" and {} more", coverage.gaps.size() - 5);
        break;
      }
      out << fmt::format(" {}..{} ({} h)", short_time(gap.from), short_time(gap.until), gap.hours());
    }
    out << "\n";
  }
}

void write_unused(const LogsReport& report, std::ostream& out) {
  const auto& judgment = *report.judgment;
  out << fmt::format("\nActivity in unused regions ({}):\n", judgment.unused_region_rule);
  if (judgment.unused_region_activity.empty()) {
    out << "  none\n";
    return;
  }
  for (const auto& activity : judgment.unused_region_activity) {
    const auto& group = *activity.group;
    out << fmt::format("  {} {:<15} {} {} by {} from {}, {} time(s), {}..{}{}{}\n", group.account_id, group.region,
                       group.event_source, group.event_name, group.principal.empty() ? "(no principal)" : group.principal,
                       group.source_ip.empty() ? "-" : group.source_ip, group.count, short_time(group.first_time),
                       short_time(group.last_time), group.error_code.empty() ? "" : ", failed: " + group.error_code,
                       activity.high_risk ? "  [HIGH RISK]" : "");
  }
}

void write_tampering(const LogsReport& report, std::ostream& out) {
  out << "\nChanges to logging (tampering):\n";
  if (report.judgment->tampering.empty()) {
    out << "  none\n";
    return;
  }
  for (const auto& tampering : report.judgment->tampering) {
    const auto& change = *tampering.change;
    out << fmt::format("  {} {} {:<15} {} {} by {} from {}: {}\n", short_time(change.time), change.account_id, change.region,
                       change.event_name, change.target.empty() ? "(target not named)" : "'" + change.target + "'",
                       change.principal.empty() ? "(no principal)" : change.principal,
                       change.source_ip.empty() ? "-" : change.source_ip,
                       tampering.succeeded ? "SUCCEEDED" : "attempt failed (" + change.error_code + ")");
  }
}

void write_validation(const LogsReport& report, std::ostream& out) {
  const auto& validation = report.activity->validation;
  if (!validation) return;
  out << fmt::format("\nDigest validation: {} digest(s), {} chain link(s), {} signature(s) verified ({} unavailable offline), "
                     "{} log file(s) checked; {} problem(s)\n",
                     validation->digests_checked, validation->chain_links_checked, validation->signatures_checked,
                     validation->signatures_unavailable, validation->log_files_checked, validation->problems.size());
  for (const auto& problem : validation->problems)
    out << fmt::format("  {}: {} ({} {}): {}\n", model::digest_problem_name(problem.kind), problem.file, problem.account_id,
                       problem.region, problem.detail);
}

void write_errors(const LogsReport& report, std::ostream& out) {
  const auto& errors = report.activity->errors;
  if (errors.empty()) return;
  out << fmt::format("\nUnreadable input ({}): the report is incomplete\n", errors.size());
  for (const auto& error : errors) out << "  " << (error.file.empty() ? "" : error.file + ": ") << error.error << "\n";
}

}  // namespace

void write_logs_text(const LogsReport& report, std::ostream& out) {
  const auto& activity = *report.activity;
  const auto& judgment = *report.judgment;
  const auto& totals = activity.totals;
  const auto counts = report.counts();
  out << fmt::format("trailguard logs: {} file(s), {} stored, {} of JSON, {} event(s) ({} duplicate(s) dropped) in {:.1f} s\n",
                     totals.files_read, size_text(totals.bytes_read), size_text(totals.bytes_inflated), counts.events,
                     totals.duplicates_dropped, report.seconds);
  out << fmt::format("Result: {} — {} coverage gap hour(s), {} event(s) in unused regions, {} logging change(s) ({} failed "
                     "attempt(s)){}{}\n",
                     report.result() == "findings" ? "FINDINGS" : report.result() == "incomplete" ? "INCOMPLETE" : "CLEAN",
                     judgment.gap_hours, judgment.unused_region_events, judgment.tampering.size(), counts.failed_attempts,
                     activity.validation ? fmt::format(", {} digest problem(s)", activity.validation->problems.size()) : "",
                     activity.errors.empty() ? "" : fmt::format(", {} unreadable", activity.errors.size()));
  write_coverage(report, out);
  write_unused(report, out);
  write_tampering(report, out);
  write_validation(report, out);
  write_errors(report, out);
  out.flush();
}

}  // namespace trailguard::report
