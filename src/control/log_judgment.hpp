// judge_logs: the one pure judgment of what delivered logs show (model::LogActivity, from any reader of
// logs): coverage gaps per (account, delivery region), activity in regions the account does not use, and
// tampering with logging. No I/O and no clock (the caller passes `now`); same input, same output.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/log_activity.hpp"

namespace trailguard::control {

struct LogJudgmentOptions {
  std::set<std::string> expected_regions;  // empty: the quiet-region rule picks each account's unused regions
  std::int64_t now = 0;                    // seconds since the epoch: hours not yet delivered are no gap
};

// A run of consecutive hours, inside the window, with neither a digest nor a log file delivered.
struct CoverageGap {
  std::int64_t from = 0;   // the first missing hour's start, seconds since the epoch
  std::int64_t until = 0;  // the end of the last missing hour
  std::int64_t hours() const { return (until - from) / 3600; }
};

struct RegionCoverage {
  const model::RegionDelivery* delivery = nullptr;
  std::int64_t window_from = 0;   // the hours judged: [window_from, window_until)
  std::int64_t window_until = 0;
  std::vector<CoverageGap> gaps;
  std::int64_t gap_hours = 0;
  bool global_service_events = false;  // events of global services were delivered here
};

struct UnusedRegionActivity {
  const model::ActivityGroup* group = nullptr;
  bool high_risk = false;
};

struct Tampering {
  const model::LoggingChange* change = nullptr;
  bool succeeded = false;
};

struct LogJudgment {
  std::vector<RegionCoverage> regions;  // one per model::RegionDelivery, in its order
  std::string unused_region_rule;       // how unused regions were chosen, for the report
  std::map<std::string, std::set<std::string>> unused_regions;  // account -> its unused (or unexpected) regions with activity
  std::vector<UnusedRegionActivity> unused_region_activity;
  std::vector<Tampering> tampering;
  std::int64_t gap_hours = 0;
  std::uint64_t unused_region_events = 0;
  bool digest_problems = false;  // --validate found something wrong
  bool incomplete = false;       // some file or listing could not be read

  bool found_something() const {
    return gap_hours > 0 || !unused_region_activity.empty() || !tampering.empty() || digest_problems;
  }
};

// `activity` must outlive the judgment: it points into it.
LogJudgment judge_logs(const model::LogActivity& activity, const LogJudgmentOptions& options);

}  // namespace trailguard::control
