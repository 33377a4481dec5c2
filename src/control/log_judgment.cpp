#include "control/log_judgment.hpp"

#include <algorithm>

#include "model/log_events.hpp"

namespace trailguard::control {
namespace {

constexpr std::int64_t hour = 3600;

std::int64_t floor_hour(std::int64_t seconds) { return (seconds >= 0 ? seconds / hour : (seconds - hour + 1) / hour) * hour; }

// Each account's hours from its first to its last delivered file, when no window was asked for.
std::map<std::string, std::pair<std::int64_t, std::int64_t>> delivered_spans(const model::LogActivity& activity) {
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> spans;
  for (const auto& region : activity.regions) {
    for (const auto* hours : {&region.log_hours, &region.digest_hours}) {
      if (hours->empty()) continue;
      auto [it, added] = spans.try_emplace(region.account_id, *hours->begin(), *hours->rbegin());
      if (!added) {
        it->second.first = std::min(it->second.first, *hours->begin());
        it->second.second = std::max(it->second.second, *hours->rbegin());
      }
    }
  }
  return spans;
}

RegionCoverage coverage(const model::RegionDelivery& region, std::int64_t from, std::int64_t until) {
  RegionCoverage result;
  result.delivery = &region;
  result.window_from = from;
  result.window_until = until;
  result.global_service_events = region.measure(model::LogMeasure::global_service) > 0;
  for (std::int64_t at = from; at < until; at += hour) {
    const auto index = at / hour;
    if (region.log_hours.count(index) || region.digest_hours.count(index)) continue;
    if (!result.gaps.empty() && result.gaps.back().until == at) {
      result.gaps.back().until = at + hour;
    } else {
      result.gaps.push_back({at, at + hour});
    }
    ++result.gap_hours;
  }
  return result;
}

// The account's regions (by awsRegion) that count as unused.
std::map<std::string, std::set<std::string>> unused_regions(const model::LogActivity& activity,
                                                            const LogJudgmentOptions& options) {
  std::map<std::string, std::uint64_t> account_events;
  for (const auto& [key, events] : activity.events_by_event_region) account_events[key.first] += events;
  std::map<std::string, std::set<std::string>> unused;
  for (const auto& [key, events] : activity.events_by_event_region) {
    const auto& [account, region] = key;
    if (!options.expected_regions.empty()) {
      if (!options.expected_regions.count(region)) unused[account].insert(region);
      continue;
    }
    if (model::is_quiet_region(events, account_events[account])) unused[account].insert(region);
  }
  return unused;
}

}  // namespace

LogJudgment judge_logs(const model::LogActivity& activity, const LogJudgmentOptions& options) {
  LogJudgment judgment;
  const auto spans = delivered_spans(activity);
  // The last hour that can be complete: CloudTrail delivers within about 15 minutes, digests after the hour.
  const std::int64_t delivered_until = floor_hour(options.now) - hour;
  for (const auto& region : activity.regions) {
    std::int64_t from = 0, until = 0;
    if (activity.since || activity.until) {
      const auto span = spans.find(region.account_id);
      from = activity.since ? floor_hour(*activity.since) : (span != spans.end() ? span->second.first * hour : 0);
      until = activity.until ? floor_hour(*activity.until - 1) + hour : (span != spans.end() ? span->second.second * hour + hour : 0);
    } else if (const auto span = spans.find(region.account_id); span != spans.end()) {
      from = span->second.first * hour;
      until = span->second.second * hour + hour;
    }
    if (options.now > 0) until = std::min(until, delivered_until);
    if (until < from) until = from;
    auto judged = coverage(region, from, until);
    judgment.gap_hours += judged.gap_hours;
    judgment.regions.push_back(std::move(judged));
  }

  judgment.unused_region_rule = options.expected_regions.empty()
                                    ? std::string(model::quiet_region_rule())
                                    : "every event outside --expected-regions is reported";
  judgment.unused_regions = unused_regions(activity, options);
  for (const auto& group : activity.activity) {
    const auto it = judgment.unused_regions.find(group.account_id);
    if (it == judgment.unused_regions.end() || !it->second.count(group.region)) continue;
    judgment.unused_region_activity.push_back({&group, model::is_high_risk(group.event_source, group.event_name)});
    judgment.unused_region_events += group.count;
  }

  for (const auto& change : activity.logging_changes) {
    const bool bucket = model::logging_change_kind(change.event_source, change.event_name) == model::LoggingChangeKind::bucket;
    // A bucket call is tampering only with the bucket that holds the logs.
    if (bucket && !activity.log_buckets.count(change.target)) continue;
    judgment.tampering.push_back({&change, change.error_code.empty()});
  }
  judgment.digest_problems = activity.validation && !activity.validation->problems.empty();
  judgment.incomplete = !activity.errors.empty();
  return judgment;
}

}  // namespace trailguard::control
