#include "sources/logs/log_tally.hpp"

#include <gtest/gtest.h>

#include "base/utc_time.hpp"
#include "model/log_events.hpp"
#include "sources/logs/flat_id_set.hpp"

namespace trailguard::sources::logs {
namespace {

LogObject log_file(const std::string& region, const std::string& stamp, const std::string& account = "111122223333") {
  auto name = parse_log_object_name(account + "_CloudTrail_" + region + "_" + stamp + "_aaaaaaaaaaaaaaaa.json.gz");
  EXPECT_TRUE(name);
  return {"k", *name, 0};
}

EventRecord event(std::string_view id, const char* time, std::string_view region = "us-east-1", Tri read_only = Tri::yes) {
  EventRecord record;
  record.event_id = id;
  record.id_hash = std::hash<std::string_view>{}(id) | 1;
  record.time = *parse_utc_time(time);
  record.aws_region = region;
  record.event_source = "ec2.amazonaws.com";
  record.event_name = "DescribeInstances";
  record.principal = "arn:aws:iam::111122223333:user/alice";
  record.identity_type = "IAMUser";
  record.read_only = read_only;
  record.management = Tri::yes;
  return record;
}

void expect_events(const model::RegionDelivery& region, std::uint64_t events, std::uint64_t read, std::uint64_t write,
                   std::uint64_t unknown) {
  EXPECT_EQ(region.measure(model::LogMeasure::events), events);
  EXPECT_EQ(region.measure(model::LogMeasure::read), read);
  EXPECT_EQ(region.measure(model::LogMeasure::write), write);
  EXPECT_EQ(region.measure(model::LogMeasure::read_write_unknown), unknown);
}

TEST(LogTally, CountsDistinctEventsAndDropsDuplicatesAcrossFilesAndDays) {
  LogTally tally({});
  FileRecords first, second;
  first.events = {event("a", "2026-12-01T23:58:00Z"), event("b", "2026-12-01T23:59:00Z", "us-east-1", Tri::no)};
  second.events = {event("b", "2026-12-01T23:59:00Z", "us-east-1", Tri::no), event("c", "2026-12-02T00:01:00Z", "us-east-1", Tri::unknown)};
  tally.add_log_file(log_file("us-east-1", "20261201T2355Z"), "one", first);
  tally.add_log_file(log_file("us-east-1", "20261202T0005Z"), "two", second);  // the next day's folder
  const auto activity = tally.finish({});
  ASSERT_EQ(activity.regions.size(), 1u);
  const auto& region = activity.regions[0];
  expect_events(region, 3, 1, 1, 1);
  EXPECT_EQ(region.duplicates_dropped, 1u);
  EXPECT_EQ(activity.totals.duplicates_dropped, 1u);
  EXPECT_EQ(region.log_files, 2u);
  EXPECT_EQ(region.log_hours.size(), 2u);
  EXPECT_EQ(*region.first_event, *parse_utc_time("2026-12-01T23:58:00Z"));
  EXPECT_EQ(*region.last_event, *parse_utc_time("2026-12-02T00:01:00Z"));
  EXPECT_EQ(region.events_by_day.size(), 2u);
}

TEST(LogTally, TheSameEventIdInAnotherAccountOrRegionIsAnotherEvent) {
  LogTally tally({});
  FileRecords records;
  records.events = {event("a", "2026-12-01T10:00:00Z")};
  tally.add_log_file(log_file("us-east-1", "20261201T1005Z"), "one", records);
  tally.add_log_file(log_file("eu-west-1", "20261201T1005Z"), "two", records);
  tally.add_log_file(log_file("us-east-1", "20261201T1005Z", "444455556666"), "three", records);
  const auto activity = tally.finish({});
  ASSERT_EQ(activity.regions.size(), 3u);
  EXPECT_EQ(activity.totals.duplicates_dropped, 0u);
}

TEST(LogTally, CountsOnlyEventsInsideTheWindow) {
  LogTally tally({*parse_utc_time("2026-12-01T10:00:00Z"), *parse_utc_time("2026-12-01T11:00:00Z"), {}});
  FileRecords records;
  records.events = {event("early", "2026-12-01T09:59:59Z"), event("in", "2026-12-01T10:00:00Z"),
                    event("late", "2026-12-01T11:00:00Z")};
  tally.add_log_file(log_file("us-east-1", "20261201T1005Z"), "one", records);
  const auto activity = tally.finish({});
  EXPECT_EQ(activity.regions[0].measure(model::LogMeasure::events), 1u);
  EXPECT_EQ(activity.totals.records_outside_window, 2u);
}

TEST(LogTally, KeepsActivityGroupsByAwsRegionAndRecordsLoggingChanges) {
  TallyOptions options;
  options.expected_regions = {"us-east-1"};  // ap-south-1's groups are kept as activity outside them
  LogTally tally(options);
  FileRecords records;
  auto stop = event("s", "2026-12-01T10:01:00Z");
  stop.event_source = "cloudtrail.amazonaws.com";
  stop.event_name = "StopLogging";
  stop.request_parameters = R"({"name":"main"})";
  auto denied = stop;
  denied.event_id = "d";
  denied.id_hash = 99;
  denied.error_code = "AccessDenied";
  denied.time += 60;
  auto create = event("t", "2026-12-01T09:00:00Z");
  create.event_source = "cloudtrail.amazonaws.com";
  create.event_name = "CreateTrail";
  create.request_parameters = R"({"name":"main","s3BucketName":"org-logs"})";
  records.events = {event("a", "2026-12-01T10:00:00Z", "ap-south-1"), event("b", "2026-12-01T10:02:00Z", "ap-south-1"), stop,
                    denied, create};
  tally.add_log_file(log_file("us-east-1", "20261201T1005Z"), "one", records);
  const auto activity = tally.finish({"from-the-store"});
  ASSERT_EQ(activity.regions.size(), 1u);  // delivered in us-east-1 ...
  EXPECT_EQ(activity.events_by_event_region.at({"111122223333", "ap-south-1"}), 2u);  // ... happened in ap-south-1
  const auto group = std::find_if(activity.activity.begin(), activity.activity.end(),
                                  [](const auto& g) { return g.region == "ap-south-1"; });
  ASSERT_NE(group, activity.activity.end());
  EXPECT_EQ(group->count, 2u);
  EXPECT_EQ(group->first_time, *parse_utc_time("2026-12-01T10:00:00Z"));
  EXPECT_EQ(group->last_time, *parse_utc_time("2026-12-01T10:02:00Z"));
  ASSERT_EQ(activity.logging_changes.size(), 2u);
  EXPECT_EQ(activity.logging_changes[0].target, "main");
  EXPECT_EQ(activity.logging_changes[1].error_code, "AccessDenied");
  EXPECT_EQ(activity.log_buckets, (std::set<std::string>{"from-the-store", "org-logs"}));
}

TEST(LogTally, KeepsGroupsOnlyOfRegionsThatMayBeQuiet) {
  LogTally tally({});
  FileRecords records;
  std::vector<std::string> ids;  // 300 events in us-east-1, 2 in ap-south-1: under 1% of the account's
  for (int i = 0; i < 302; ++i) ids.push_back("id-" + std::to_string(i));
  for (int i = 0; i < 302; ++i) records.events.push_back(event(ids[i], "2026-12-01T10:00:00Z", i < 2 ? "ap-south-1" : "us-east-1"));
  tally.add_log_file(log_file("us-east-1", "20261201T1005Z"), "one", records);
  const auto activity = tally.finish({});
  ASSERT_EQ(activity.activity.size(), 1u);
  EXPECT_EQ(activity.activity[0].region, "ap-south-1");
  EXPECT_EQ(activity.activity[0].count, 2u);
  EXPECT_EQ(activity.activity[0].principal, "arn:aws:iam::111122223333:user/alice");
  EXPECT_EQ(activity.activity[0].event_name, "DescribeInstances");
  EXPECT_EQ(activity.events_by_event_region.at({"111122223333", "us-east-1"}), 300u);
}

TEST(LogTally, TwoWorkersShardsAddUpAndShareTheDedupe) {
  TallyOptions options;
  options.expected_regions = {"us-east-1"};
  LogTally tally(options);
  auto& one = tally.shard();
  auto& two = tally.shard();
  FileRecords first, second;
  first.events = {event("a", "2026-12-01T10:00:00Z", "eu-west-1"), event("b", "2026-12-01T10:01:00Z", "eu-west-1", Tri::no)};
  second.events = {event("b", "2026-12-01T10:01:00Z", "eu-west-1", Tri::no), event("c", "2026-12-02T09:00:00Z", "eu-west-1")};
  tally.add_log_file(one, log_file("us-east-1", "20261201T1005Z"), "one", first);
  tally.add_log_file(two, log_file("us-east-1", "20261201T1010Z"), "two", second);  // "b" again: another trail's copy
  const auto activity = tally.finish({});
  ASSERT_EQ(activity.regions.size(), 1u);
  const auto& region = activity.regions[0];
  expect_events(region, 3, 2, 1, 0);
  EXPECT_EQ(region.duplicates_dropped, 1u);
  EXPECT_EQ(*region.first_event, *parse_utc_time("2026-12-01T10:00:00Z"));
  EXPECT_EQ(*region.last_event, *parse_utc_time("2026-12-02T09:00:00Z"));
  EXPECT_EQ(region.events_by_day.size(), 2u);
  EXPECT_EQ(activity.totals.files_read, 2u);
  EXPECT_EQ(activity.totals.records, 4u);
  ASSERT_EQ(activity.activity.size(), 1u);  // one group (same caller, call, address), counted in both shards
  EXPECT_EQ(activity.activity[0].count, 3u);
  EXPECT_EQ(activity.activity[0].first_time, *parse_utc_time("2026-12-01T10:00:00Z"));
  EXPECT_EQ(activity.activity[0].last_time, *parse_utc_time("2026-12-02T09:00:00Z"));
}

TEST(LogTally, LetsGoOfABusyRegionsGroups) {
  LogTally tally({});
  FileRecords records;
  std::vector<std::string> ids;
  for (std::uint64_t i = 0; i <= model::quiet_region_event_limit; ++i) ids.push_back("id-" + std::to_string(i));
  for (const auto& id : ids) records.events.push_back(event(id, "2026-12-01T10:00:00Z"));
  tally.add_log_file(log_file("us-east-1", "20261201T1005Z"), "one", records);
  const auto activity = tally.finish({});
  EXPECT_TRUE(activity.activity.empty());
  EXPECT_EQ(activity.events_by_event_region.at({"111122223333", "us-east-1"}), ids.size());
}

TEST(LogTally, AStreamThatComesBackUnderAnotherPrefixStillDropsItsDuplicates) {
  // An organization trail and the account's own trail in one bucket: the same (account, region) is listed
  // twice, under AWSLogs/o-.../ and AWSLogs/<account>/, with eu-west-1 passed in between.
  LogTally tally({});
  FileRecords first, other, again;
  first.events = {event("a", "2026-12-01T10:01:00Z"), event("b", "2026-12-01T10:02:00Z")};
  other.events = {event("x", "2026-12-01T10:01:00Z", "eu-west-1")};
  again.events = {event("a", "2026-12-01T10:01:00Z"), event("c", "2026-12-01T10:03:00Z")};
  tally.add_log_file(log_file("us-east-1", "20261201T1005Z"), "org", first);
  tally.stream_listed("111122223333", "us-east-1", 1);  // the listing moved on
  tally.add_log_file(log_file("eu-west-1", "20261201T1005Z"), "org", other);
  tally.stream_listed("111122223333", "eu-west-1", 1);
  tally.add_log_file(log_file("us-east-1", "20261201T1006Z"), "own", again);
  tally.stream_listed("111122223333", "us-east-1", 2);
  const auto activity = tally.finish({});
  ASSERT_EQ(activity.regions.size(), 2u);
  EXPECT_EQ(activity.regions[1].region, "us-east-1");
  EXPECT_EQ(activity.regions[1].measure(model::LogMeasure::events), 3u);
  EXPECT_EQ(activity.regions[1].duplicates_dropped, 1u);
}

TEST(LogTally, RetiredStreamsIdsStayWithinTheBudget) {
  TallyOptions options;
  options.retained_id_bytes = 1;  // nothing retired is kept
  LogTally tally(options);
  FileRecords first, other, again;
  first.events = {event("a", "2026-12-01T10:01:00Z")};
  other.events = {event("x", "2026-12-01T10:01:00Z", "eu-west-1")};
  again.events = {event("a", "2026-12-01T10:01:00Z")};
  tally.add_log_file(log_file("us-east-1", "20261201T1005Z"), "org", first);
  tally.stream_listed("111122223333", "us-east-1", 1);
  tally.add_log_file(log_file("eu-west-1", "20261201T1005Z"), "org", other);
  tally.stream_listed("111122223333", "eu-west-1", 1);
  tally.add_log_file(log_file("us-east-1", "20261201T1006Z"), "own", again);
  const auto activity = tally.finish({});
  // Forgotten to stay within the budget: the duplicate counts again (and a warning said it might).
  EXPECT_EQ(activity.regions[1].measure(model::LogMeasure::events), 2u);
}

TEST(FlatIdSet, InsertsOnceAndGrows) {
  FlatIdSet set;
  for (std::uint64_t id = 1; id <= 100000; ++id) ASSERT_TRUE(set.insert(id * 0x9e3779b97f4a7c15ULL | 1));
  for (std::uint64_t id = 1; id <= 100000; ++id) ASSERT_FALSE(set.insert(id * 0x9e3779b97f4a7c15ULL | 1));
  EXPECT_EQ(set.size(), 100000u);
  EXPECT_FALSE(set.contains(2));
}

}  // namespace
}  // namespace trailguard::sources::logs
