#include "report/logs_heat_map.hpp"

#include <gtest/gtest.h>

namespace trailguard::report {
namespace {

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kStart = 20423 * kDay;  // 2025-12-01

model::RegionDelivery delivery(const std::string& account, const std::string& region, std::map<std::int64_t, std::uint64_t> days) {
  model::RegionDelivery out;
  out.account_id = account;
  out.region = region;
  out.events_by_day = std::move(days);
  return out;
}

control::RegionCoverage coverage(const model::RegionDelivery& d, std::int64_t from, std::int64_t until,
                                 std::vector<control::CoverageGap> gaps = {}) {
  control::RegionCoverage out;
  out.delivery = &d;
  out.window_from = from;
  out.window_until = until;
  out.gaps = std::move(gaps);
  for (const auto& gap : out.gaps) out.gap_hours += gap.hours();
  return out;
}

TEST(LogsHeatMap, OneMapPerAccountOneColumnPerDayOfTheWindow) {
  const auto a = delivery("111122223333", "eu-west-1", {{20423, 5}, {20425, 12000}});
  const auto b = delivery("111122223333", "us-east-1", {{20424, 1}});
  const auto c = delivery("444455556666", "us-west-2", {});
  control::LogJudgment judgment;
  judgment.regions = {coverage(a, kStart, kStart + 3 * kDay), coverage(b, kStart, kStart + 3 * kDay),
                      coverage(c, kStart + kDay, kStart + 2 * kDay)};
  const auto maps = logs_heat_maps(judgment);
  ASSERT_EQ(maps.size(), 2u);
  EXPECT_EQ(maps[0].account_id, "111122223333");
  EXPECT_EQ(maps[0].first_day, 20423);
  ASSERT_EQ(maps[0].days, 3u);
  ASSERT_EQ(maps[0].rows.size(), 2u);
  EXPECT_EQ(maps[0].rows[0].cells[0].events, 5u);
  EXPECT_EQ(maps[0].rows[0].cells[1].events, 0u);
  EXPECT_EQ(maps[0].rows[0].cells[2].events, 12000u);
  EXPECT_EQ(maps[0].rows[1].cells[1].events, 1u);
  EXPECT_EQ(maps[1].days, 1u);  // the window's one day, though no events
  EXPECT_EQ(maps[1].first_day, 20424);
}

TEST(LogsHeatMap, AGapAcrossMidnightCountsItsHoursOnEachDay) {
  const auto a = delivery("111122223333", "eu-west-1", {});
  control::LogJudgment judgment;
  judgment.regions = {coverage(a, kStart, kStart + 2 * kDay, {{kStart + 20 * 3600, kStart + 27 * 3600}})};
  const auto maps = logs_heat_maps(judgment);
  ASSERT_EQ(maps.size(), 1u);
  ASSERT_EQ(maps[0].days, 2u);
  EXPECT_EQ(maps[0].rows[0].cells[0].gap_hours, 4);
  EXPECT_EQ(maps[0].rows[0].cells[1].gap_hours, 3);
}

TEST(LogsHeatMap, ALongWindowKeepsItsNewestDays) {
  const auto a = delivery("111122223333", "eu-west-1", {{20423, 1}, {20432, 2}});
  control::LogJudgment judgment;
  judgment.regions = {coverage(a, kStart, kStart + 10 * kDay, {{kStart, kStart + 3600}, {kStart + 9 * kDay, kStart + 9 * kDay + 7200}})};
  const auto maps = logs_heat_maps(judgment, 4);
  ASSERT_EQ(maps[0].days, 4u);
  EXPECT_EQ(maps[0].days_left_out, 6u);
  EXPECT_EQ(maps[0].first_day, 20429);
  EXPECT_EQ(maps[0].rows[0].cells[3].events, 2u);
  EXPECT_EQ(maps[0].rows[0].cells[3].gap_hours, 2);  // the old day's gap and events fall outside
  std::uint64_t events = 0;
  for (const auto& cell : maps[0].rows[0].cells) events += cell.events;
  EXPECT_EQ(events, 2u);
}

TEST(LogsHeatMap, ShadesGoByOrderOfMagnitude) {
  EXPECT_EQ(heat_level(0), 0);
  EXPECT_EQ(heat_level(1), 1);
  EXPECT_EQ(heat_level(9), 1);
  EXPECT_EQ(heat_level(10), 2);
  EXPECT_EQ(heat_level(999), 3);
  EXPECT_EQ(heat_level(1000), 4);
  EXPECT_EQ(heat_level(10000), 5);
  EXPECT_EQ(heat_level(1u << 30), 5);
}

}  // namespace
}  // namespace trailguard::report
