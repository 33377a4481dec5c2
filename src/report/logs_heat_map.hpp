// The logs report's region x day heat map (-o html): per account, one row per delivery region and one column
// per UTC day of the judged window, each cell the distinct events delivered that day and the hours of it
// with neither a digest nor a log file (coverage gaps). Pure: the HTML writer only draws it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "control/log_judgment.hpp"

namespace trailguard::report {

struct HeatCell {
  std::uint64_t events = 0;
  std::int64_t gap_hours = 0;  // hours of the day inside a coverage gap
};

struct HeatRow {
  const control::RegionCoverage* coverage = nullptr;
  std::vector<HeatCell> cells;  // one per HeatMap::days, in order
};

struct HeatMap {
  std::string account_id;
  std::int64_t first_day = 0;  // days since the epoch of the first column
  std::size_t days = 0;
  std::size_t days_left_out = 0;  // older days of a window longer than the map's limit
  std::vector<HeatRow> rows;
};

// A window longer than this shows its newest days only (a year of columns is already wider than a screen).
inline constexpr std::size_t kHeatMapMaxDays = 366;

// One map per account, in the judgment's (account, region) order.
std::vector<HeatMap> logs_heat_maps(const control::LogJudgment& judgment, std::size_t max_days = kHeatMapMaxDays);

// The shade of a cell: 0 for no events, then 1..5 by order of magnitude (1-9, 10-99, ..., 10,000 and more).
int heat_level(std::uint64_t events);

}  // namespace trailguard::report
