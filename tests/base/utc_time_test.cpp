#include "base/utc_time.hpp"

#include <gtest/gtest.h>

namespace trailguard {
namespace {

TEST(UtcTime, ParsesCloudTrailTimesToEpochSeconds) {
  EXPECT_EQ(parse_utc_time("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_utc_time("2026-12-01T10:11:12Z"), 1796119872);
  EXPECT_EQ(parse_utc_time("2026-12-01T10:11:12.345Z"), 1796119872);
  EXPECT_EQ(parse_utc_time("2026-12-01T10:11:12+00:00"), 1796119872);
  EXPECT_EQ(parse_utc_time("2024-02-29T00:00:00Z"), 1709164800);  // a leap day
}

TEST(UtcTime, RefusesWhatIsNotAUtcTime) {
  for (const char* bad : {"", "2026-12-01", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-12-01T24:00:00Z",
                          "2026-12-01T10:11:12+02:00", "2026-12-01T10:11:12", "2026-12-01T10:11:12.Z", "x026-12-01T10:11:12Z"})
    EXPECT_FALSE(parse_utc_time(bad)) << bad;
}

TEST(UtcTime, ParsesTheCompactFormOfFileNames) {
  EXPECT_EQ(parse_compact_utc_time("20261201T1011Z"), 1796119860);
  EXPECT_EQ(parse_compact_utc_time("20261201T101112Z"), 1796119872);
  EXPECT_FALSE(parse_compact_utc_time("20261201T10Z"));
  EXPECT_FALSE(parse_compact_utc_time("20261201T1011"));
  EXPECT_FALSE(parse_compact_utc_time("20261301T1011Z"));
}

TEST(UtcTime, FormatsWhatItParses) {
  for (const char* text : {"1970-01-01T00:00:00Z", "2026-12-01T10:11:12Z", "2000-02-29T23:59:59Z", "1969-12-31T23:59:59Z"})
    EXPECT_EQ(format_utc_time(*parse_utc_time(text)), text);
  EXPECT_EQ(format_utc_date(*parse_utc_time("2026-12-01T10:11:12Z")), "2026-12-01");
  EXPECT_EQ(days_from_civil(2026, 12, 1), 20788);
}

}  // namespace
}  // namespace trailguard
