#include "report/logs_heat_map.hpp"

#include <algorithm>

namespace trailguard::report {
namespace {

constexpr std::int64_t kDay = 86400;

std::int64_t floor_day(std::int64_t seconds) { return (seconds >= 0 ? seconds : seconds - (kDay - 1)) / kDay; }

// The account's columns: every day any of its regions' windows touches, or has events on.
std::pair<std::int64_t, std::int64_t> day_span(const std::vector<const control::RegionCoverage*>& regions) {
  std::int64_t first = INT64_MAX, last = INT64_MIN;
  for (const auto* coverage : regions) {
    if (coverage->window_until > coverage->window_from) {
      first = std::min(first, floor_day(coverage->window_from));
      last = std::max(last, floor_day(coverage->window_until - 1));
    }
    const auto& days = coverage->delivery->events_by_day;
    if (!days.empty()) {
      first = std::min(first, days.begin()->first);
      last = std::max(last, days.rbegin()->first);
    }
  }
  return {first, last};
}

HeatMap map_of(const std::vector<const control::RegionCoverage*>& regions, std::size_t max_days) {
  HeatMap map;
  map.account_id = regions.front()->delivery->account_id;
  const auto [first, last] = day_span(regions);
  if (first > last) {
    for (const auto* coverage : regions) map.rows.push_back({coverage, {}});
    return map;
  }
  const auto span = static_cast<std::size_t>(last - first + 1);
  map.days = std::min(span, max_days);
  map.days_left_out = span - map.days;
  map.first_day = last - static_cast<std::int64_t>(map.days) + 1;
  for (const auto* coverage : regions) {
    HeatRow row{coverage, std::vector<HeatCell>(map.days)};
    for (const auto& [day, events] : coverage->delivery->events_by_day)
      if (day >= map.first_day && day <= last) row.cells[static_cast<std::size_t>(day - map.first_day)].events = events;
    for (const auto& gap : coverage->gaps) {
      // A gap spans whole hours and may cross midnight: credit each day with its own share.
      for (std::int64_t from = gap.from; from < gap.until;) {
        const auto day = floor_day(from);
        const auto until = std::min(gap.until, (day + 1) * kDay);
        if (day >= map.first_day && day <= last)
          row.cells[static_cast<std::size_t>(day - map.first_day)].gap_hours += (until - from) / 3600;
        from = until;
      }
    }
    map.rows.push_back(std::move(row));
  }
  return map;
}

}  // namespace

int heat_level(std::uint64_t events) {
  int level = 0;
  for (std::uint64_t bound = 1; level < 5 && events >= bound; bound *= 10) ++level;
  return level;
}

std::vector<HeatMap> logs_heat_maps(const control::LogJudgment& judgment, std::size_t max_days) {
  std::vector<HeatMap> maps;
  std::vector<const control::RegionCoverage*> account;
  const auto flush = [&] {
    if (!account.empty()) maps.push_back(map_of(account, max_days));
    account.clear();
  };
  for (const auto& coverage : judgment.regions) {
    if (!account.empty() && account.front()->delivery->account_id != coverage.delivery->account_id) flush();
    account.push_back(&coverage);
  }
  flush();
  return maps;
}

}  // namespace trailguard::report
