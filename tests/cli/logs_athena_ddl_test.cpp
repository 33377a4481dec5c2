// `trailguard logs athena-ddl` as people run it: the DDL on standard output and exit 0, or a usage error
// naming the bad value (exit 2, nothing on standard output); `trailguard logs SOURCE...` unchanged beside it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/ddl_shape.hpp"
#include "support/run_process.hpp"

namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;
using trailguard::test_support::read_ddl_shape;
using trailguard::test_support::run_process;

TEST(LogsAthenaDdl, PrintsTheTableForAnOrganizationTrail) {
  const auto result = run_process({TRAILGUARD_BINARY, "logs", "athena-ddl", "s3://org-logs/AWSLogs/o-a1b2c3d4e5/",
                                   "--accounts", "111122223333,444455556666", "--regions", "eu-west-1,us-east-1",
                                   "--table", "audit.trail", "--since", "2025-06-01"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.err, IsEmpty());
  EXPECT_THAT(result.out, StartsWith("CREATE EXTERNAL TABLE `audit`.`trail` ("));
  const auto shape = read_ddl_shape(result.out);
  EXPECT_THAT(shape.problems, IsEmpty()) << result.out;
  EXPECT_EQ(shape.properties.at("projection.account.values"), "111122223333,444455556666");
  EXPECT_EQ(shape.properties.at("projection.region.values"), "eu-west-1,us-east-1");
  EXPECT_EQ(shape.properties.at("projection.timestamp.range"), "2025/06/01,NOW");
  EXPECT_EQ(shape.properties.at("storage.location.template"),
            "s3://org-logs/AWSLogs/o-a1b2c3d4e5/${account}/CloudTrail/${region}/${timestamp}");
}

TEST(LogsAthenaDdl, GlobalFlagsStillWorkAfterIt) {
  const auto result = run_process({TRAILGUARD_BINARY, "logs", "athena-ddl", "s3://trail-bucket/AWSLogs/", "--quiet"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(read_ddl_shape(result.out).problems, IsEmpty());
}

TEST(LogsAthenaDdl, BadValuesAreUsageErrorsNamingThem) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"s3://trail-bucket/AWSLogs/", "--accounts", "111122223333,1234"}, "\"1234\""},
      {{"s3://trail-bucket/AWSLogs/", "--regions", "eu-west-1'"}, "eu-west-1'"},
      {{"s3://trail-bucket/AWSLogs/", "--table", "a;b"}, "a;b"},
      {{"s3://trail-bucket/AWSLogs/", "--since", "2024-02-30"}, "2024-02-30"},
      {{"s3://trail_bucket/AWSLogs/"}, "trail_bucket"},
      {{"s3://trail-bucket/cloudtrail/"}, "s3://trail-bucket/cloudtrail/"},
      {{"s3://trail-bucket/AWSLogs/", "--validate"}, "--validate"},  // `logs`' own option, not athena-ddl's
      {{"s3://trail-bucket/AWSLogs/", "--region", "eu-west-1"}, "--region"},
      {{}, "S3URI"},
  };
  for (const auto& [arguments, named] : cases) {
    std::vector<std::string> argv = {TRAILGUARD_BINARY, "logs", "athena-ddl"};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    const auto result = run_process(argv);
    EXPECT_EQ(result.exit_code, 2) << named << "\n" << result.out;
    EXPECT_THAT(result.err, HasSubstr(named));
    EXPECT_THAT(result.out, IsEmpty()) << named;
  }
}

TEST(LogsAthenaDdl, HelpDescribesItsOptions) {
  const auto help = run_process({TRAILGUARD_BINARY, "logs", "athena-ddl", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  for (const char* option : {"S3URI", "--table", "--accounts", "--regions", "--since", "injected"})
    EXPECT_THAT(help.out, HasSubstr(option));
  const auto logs_help = run_process({TRAILGUARD_BINARY, "logs", "--help"});
  EXPECT_EQ(logs_help.exit_code, 0);
  EXPECT_THAT(logs_help.out, HasSubstr("athena-ddl"));
  EXPECT_THAT(logs_help.out, HasSubstr("SOURCE"));
}

TEST(LogsAthenaDdl, LogsWithoutItStillNeedsASource) {
  const auto none = run_process({TRAILGUARD_BINARY, "logs"});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_THAT(none.err, HasSubstr("SOURCE is required"));
  const auto missing = run_process({TRAILGUARD_BINARY, "logs", "/nonexistent/trailguard-logs"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_THAT(missing.err, HasSubstr("no such file or folder: /nonexistent/trailguard-logs"));
}

}  // namespace
