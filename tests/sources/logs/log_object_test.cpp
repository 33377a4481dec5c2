#include "sources/logs/log_object.hpp"
#include "sources/logs/log_store.hpp"

#include <gtest/gtest.h>

#include "base/utc_time.hpp"

namespace trailguard::sources::logs {
namespace {

TEST(LogObjectName, ReadsALogFilesName) {
  const auto name = parse_log_object_name("111122223333_CloudTrail_eu-west-1_20261201T1005Z_AbCdEfGh12345678.json.gz");
  ASSERT_TRUE(name);
  EXPECT_EQ(name->kind, LogObjectKind::log);
  EXPECT_EQ(name->account_id, "111122223333");
  EXPECT_EQ(name->region, "eu-west-1");
  EXPECT_EQ(name->time, *parse_utc_time("2026-12-01T10:05:00Z"));
  EXPECT_TRUE(name->gzip);
  const auto plain = parse_log_object_name("111122223333_CloudTrail_us-gov-west-1_20261201T1005Z_AbCdEfGh12345678.json");
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->gzip);
  EXPECT_EQ(plain->region, "us-gov-west-1");
}

TEST(LogObjectName, ReadsADigestsNameWhoseTrailNameHoldsUnderscores) {
  const auto name =
      parse_log_object_name("111122223333_CloudTrail-Digest_us-east-2_my_org_trail_us-east-1_20261201T150131Z.json.gz");
  ASSERT_TRUE(name);
  EXPECT_EQ(name->kind, LogObjectKind::digest);
  EXPECT_EQ(name->region, "us-east-2");
  EXPECT_EQ(name->trail_name, "my_org_trail");
  EXPECT_EQ(name->trail_home_region, "us-east-1");
  EXPECT_EQ(name->time, *parse_utc_time("2026-12-01T15:01:31Z"));
}

TEST(LogObjectName, ReadsAnInsightFilesName) {
  const auto name = parse_log_object_name("111122223333_CloudTrail-Insight_us-east-1_20261201T1005Z_AbCdEfGh12345678.json.gz");
  ASSERT_TRUE(name);
  EXPECT_EQ(name->kind, LogObjectKind::insight);
}

TEST(LogObjectName, RefusesOtherFiles) {
  for (const char* other : {"", "README.md", "manifest.json", "11112222333_CloudTrail_us-east-1_20261201T1005Z_x.json.gz",
                            "111122223333_CloudTrail_us-east-1_20261201T1005Z_x.json.gz.tmp",
                            "111122223333_CloudTrail_us-east-1_2026120T1005Z_x.json.gz",
                            "111122223333_CloudTrail_US-EAST-1_20261201T1005Z_x.json.gz",
                            "111122223333_CloudTrail_us-east-1_20261201T1005Z.json.gz",
                            "111122223333_CloudWatch_us-east-1_20261201T1005Z_x.json.gz",
                            "111122223333_CloudTrail-Digest_us-east-1_20261201T150131Z.json.gz"})
    EXPECT_FALSE(parse_log_object_name(other)) << other;
}

TEST(LogSelection, PrunesDaysOutsideTheWindowButKeepsTheDayAfterUntil) {
  LogSelection selection;
  selection.since = *parse_utc_time("2026-12-02T06:00:00Z");
  selection.until = *parse_utc_time("2026-12-03T00:00:00Z");
  const auto day = [](const char* date) { return day_of(*parse_utc_time(std::string(date) + "T12:00:00Z")); };
  EXPECT_FALSE(selection.wants_day(day("2026-12-01")));
  EXPECT_TRUE(selection.wants_day(day("2026-12-02")));
  EXPECT_TRUE(selection.wants_day(day("2026-12-03")));
  EXPECT_TRUE(selection.wants_day(day("2026-12-04")));  // late delivery of the window's last minutes
  EXPECT_FALSE(selection.wants_day(day("2026-12-05")));
  EXPECT_EQ(day_of(-1), -1);
  EXPECT_EQ(hour_of(-1), -1);
}

}  // namespace
}  // namespace trailguard::sources::logs
