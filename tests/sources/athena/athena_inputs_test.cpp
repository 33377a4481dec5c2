// The rules each value must meet before it is written into the DDL, at their edges.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sources/athena/athena_inputs.hpp"

namespace {

using namespace trailguard::sources::athena;

TEST(AthenaInputs, BucketNamesFollowS3sRules) {
  for (const char* good : {"abc", "my.trail-logs-1", "0bucket9", "a23456789012345678901234567890123456789012345678901234567890123"})
    EXPECT_TRUE(is_bucket_name(good)) << good;
  for (const char* bad : {"ab", "a234567890123456789012345678901234567890123456789012345678901234", "-abc", "abc-", ".abc",
                          "a..b", "10.0.0.1", "xn--abc", "sthree-abc", "abc-s3alias", "abc--ol-s3", "ABC", "a_b", "a'b"})
    EXPECT_FALSE(is_bucket_name(bad)) << bad;
}

TEST(AthenaInputs, AccountsOrgIdsAndRegions) {
  EXPECT_TRUE(is_account_id("012345678901"));
  for (const char* bad : {"12345678901", "1234567890123", "12345678901a", ""}) EXPECT_FALSE(is_account_id(bad)) << bad;
  EXPECT_TRUE(is_org_id("o-a1b2c3d4e5"));
  EXPECT_TRUE(is_org_id("o-" + std::string(32, 'z')));
  const std::vector<std::string> bad_orgs = {"o-a1b2c3d4e", "o-" + std::string(33, 'z'), "o-A1B2C3D4E5", "x-a1b2c3d4e5",
                                             "o-a1b2c3d4e5'"};
  for (const auto& bad : bad_orgs)
    EXPECT_FALSE(is_org_id(bad)) << bad;
  for (const char* good : {"us-east-1", "us-gov-west-1", "cn-northwest-1", "eu-isoe-west-1", "ap-southeast-7"})
    EXPECT_TRUE(is_region_name(good)) << good;
  for (const char* bad : {"us-east", "us-east-1-", "useast-1", "us--1", "us-east-1a", "US-EAST-1", "us-east-1'", "-east-1", ""})
    EXPECT_FALSE(is_region_name(bad)) << bad;
}

TEST(AthenaInputs, LocationsSplitIntoBucketPrefixOrgAndAccount) {
  auto location = parse_cloudtrail_location("s3://logs-bucket/a/AWSLogs/b/AWSLogs/o-a1b2c3d4e5/111122223333");
  ASSERT_TRUE(location) << location.error().message;
  EXPECT_EQ(location->bucket, "logs-bucket");
  EXPECT_EQ(location->prefix, "a/AWSLogs/b/");  // the trail's prefix may itself contain AWSLogs
  EXPECT_EQ(location->org_id, "o-a1b2c3d4e5");
  EXPECT_EQ(location->account, "111122223333");
  EXPECT_EQ(location->accounts_folder(), "s3://logs-bucket/a/AWSLogs/b/AWSLogs/o-a1b2c3d4e5/");
  EXPECT_FALSE(parse_cloudtrail_location("s3://logs-bucket/a//AWSLogs/"));
  EXPECT_FALSE(parse_cloudtrail_location("s3://logs-bucket/../AWSLogs/"));
  EXPECT_FALSE(parse_cloudtrail_location("s3://logs-bucket/AWSLogs/o-a1b2c3d4e5/111122223333/x"));
}

TEST(AthenaInputs, TableNamesAndDates) {
  auto name = parse_table_name("sec_db.Cloudtrail_2");
  ASSERT_TRUE(name);
  EXPECT_EQ(name->quoted(), "`sec_db`.`Cloudtrail_2`");
  EXPECT_EQ(parse_table_name("_logs")->quoted(), "`_logs`");
  for (const char* bad : {"", "db.", "a-b", "a b", "a.b.c", "t`"}) EXPECT_FALSE(parse_table_name(bad)) << bad;
  EXPECT_TRUE(parse_table_name(std::string(255, 'a')));
  EXPECT_FALSE(parse_table_name(std::string(256, 'a')));
  EXPECT_EQ(parse_calendar_date("1970-01-02"), 1);
  EXPECT_TRUE(parse_calendar_date("2024-02-29"));
  for (const char* bad : {"2023-02-29", "2024-13-01", "2024-00-10", "2024-1-01", "2024-01-01T00:00:00Z", "20240101"})
    EXPECT_FALSE(parse_calendar_date(bad)) << bad;
}

}  // namespace
