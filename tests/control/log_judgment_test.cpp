#include "control/log_judgment.hpp"

#include <gtest/gtest.h>

#include "base/utc_time.hpp"

namespace trailguard::control {
namespace {

std::int64_t at(const char* time) { return *parse_utc_time(time); }
std::int64_t hour_index(const char* time) { return at(time) / 3600; }

model::RegionDelivery region(const std::string& account, const std::string& name, std::set<std::int64_t> log_hours,
                             std::set<std::int64_t> digest_hours = {}) {
  model::RegionDelivery delivery;
  delivery.account_id = account;
  delivery.region = name;
  delivery.log_hours = std::move(log_hours);
  delivery.digest_hours = std::move(digest_hours);
  return delivery;
}

model::ActivityGroup group(const std::string& region, const std::string& event_name, std::uint64_t count = 1) {
  model::ActivityGroup group;
  group.account_id = "111122223333";
  group.region = region;
  group.event_source = event_name == "RunInstances" ? "ec2.amazonaws.com" : "s3.amazonaws.com";
  group.event_name = event_name;
  group.count = count;
  return group;
}

TEST(LogJudgment, AGapIsAnHourWithNeitherDigestNorLogFileInsideTheAccountsSpan) {
  model::LogActivity activity;
  const auto h0 = hour_index("2026-12-01T00:00:00Z");
  activity.regions.push_back(region("111122223333", "us-east-1", {h0, h0 + 1, h0 + 2, h0 + 3, h0 + 4, h0 + 5}));
  activity.regions.push_back(region("111122223333", "eu-west-1", {h0, h0 + 5}, {h0 + 1, h0 + 4}));
  const auto judgment = judge_logs(activity, {});
  ASSERT_EQ(judgment.regions.size(), 2u);
  EXPECT_EQ(judgment.regions[0].gap_hours, 0);
  ASSERT_EQ(judgment.regions[1].gaps.size(), 1u);
  EXPECT_EQ(judgment.regions[1].gaps[0].from, at("2026-12-01T02:00:00Z"));
  EXPECT_EQ(judgment.regions[1].gaps[0].until, at("2026-12-01T04:00:00Z"));
  EXPECT_EQ(judgment.regions[1].gaps[0].hours(), 2);
  EXPECT_EQ(judgment.gap_hours, 2);
  EXPECT_TRUE(judgment.found_something());
}

TEST(LogJudgment, TheWindowAskedForIsJudgedButNotHoursThatCannotHaveArrivedYet) {
  model::LogActivity activity;
  activity.since = at("2026-12-01T00:00:00Z");
  activity.until = at("2026-12-02T00:00:00Z");
  const auto h0 = hour_index("2026-12-01T00:00:00Z");
  std::set<std::int64_t> hours;
  for (int h = 0; h < 10; ++h) hours.insert(h0 + h);
  activity.regions.push_back(region("111122223333", "us-east-1", hours));
  LogJudgmentOptions options;
  options.now = at("2026-12-01T11:30:00Z");  // 10:00-11:00 may still be on its way
  const auto judgment = judge_logs(activity, options);
  EXPECT_EQ(judgment.regions[0].window_until, at("2026-12-01T10:00:00Z"));
  EXPECT_EQ(judgment.gap_hours, 0);
  options.now = at("2026-12-03T00:00:00Z");
  EXPECT_EQ(judge_logs(activity, options).gap_hours, 14);
}

TEST(LogJudgment, QuietRegionsAreThoseWithAFewOfTheAccountsEvents) {
  model::LogActivity activity;
  activity.events_by_event_region[{"111122223333", "us-east-1"}] = 100000;
  activity.events_by_event_region[{"111122223333", "ap-south-1"}] = 12;
  activity.events_by_event_region[{"111122223333", "eu-west-1"}] = 5000;  // 4.7%: a used region
  activity.activity = {group("ap-south-1", "RunInstances", 10), group("ap-south-1", "GetObject", 2), group("eu-west-1", "GetObject")};
  const auto judgment = judge_logs(activity, {});
  EXPECT_EQ(judgment.unused_regions.at("111122223333"), (std::set<std::string>{"ap-south-1"}));
  ASSERT_EQ(judgment.unused_region_activity.size(), 2u);
  EXPECT_TRUE(judgment.unused_region_activity[0].high_risk);
  EXPECT_FALSE(judgment.unused_region_activity[1].high_risk);
  EXPECT_EQ(judgment.unused_region_events, 12u);
  EXPECT_NE(judgment.unused_region_rule.find("10,000"), std::string::npos);
}

TEST(LogJudgment, AnAccountActiveInOneRegionOnlyHasNoQuietRegion) {
  model::LogActivity activity;
  activity.events_by_event_region[{"111122223333", "ap-south-1"}] = 3;
  activity.activity = {group("ap-south-1", "RunInstances", 3)};
  EXPECT_TRUE(judge_logs(activity, {}).unused_region_activity.empty());
}

TEST(LogJudgment, ExpectedRegionsMakeEveryOtherRegionUnused) {
  model::LogActivity activity;
  activity.events_by_event_region[{"111122223333", "us-east-1"}] = 10;
  activity.events_by_event_region[{"111122223333", "eu-west-1"}] = 10;
  activity.activity = {group("eu-west-1", "GetObject", 10)};
  LogJudgmentOptions options;
  options.expected_regions = {"us-east-1"};
  const auto judgment = judge_logs(activity, options);
  ASSERT_EQ(judgment.unused_region_activity.size(), 1u);
  EXPECT_EQ(judgment.unused_region_activity[0].group->region, "eu-west-1");
}

TEST(LogJudgment, BucketChangesAreTamperingOnlyForTheLogBucket) {
  model::LogActivity activity;
  model::LoggingChange stop{"111122223333", "us-east-1", "cloudtrail.amazonaws.com", "StopLogging", "main", "p", "ip", 1, "", "e1"};
  model::LoggingChange denied = stop;
  denied.error_code = "AccessDenied";
  model::LoggingChange log_bucket{"111122223333", "us-east-1", "s3.amazonaws.com", "DeleteBucket", "org-logs", "p", "ip", 2, "", "e3"};
  model::LoggingChange other_bucket = log_bucket;
  other_bucket.target = "website";
  activity.logging_changes = {stop, denied, log_bucket, other_bucket};
  activity.log_buckets = {"org-logs"};
  const auto judgment = judge_logs(activity, {});
  ASSERT_EQ(judgment.tampering.size(), 3u);
  EXPECT_TRUE(judgment.tampering[0].succeeded);
  EXPECT_FALSE(judgment.tampering[1].succeeded);
  EXPECT_EQ(judgment.tampering[2].change->target, "org-logs");
}

TEST(LogJudgment, UnreadableInputMakesItIncompleteNotClean) {
  model::LogActivity activity;
  activity.errors.push_back({"f.json.gz", "truncated"});
  const auto judgment = judge_logs(activity, {});
  EXPECT_TRUE(judgment.incomplete);
  EXPECT_FALSE(judgment.found_something());
}

}  // namespace
}  // namespace trailguard::control
