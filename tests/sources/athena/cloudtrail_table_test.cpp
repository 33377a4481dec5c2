// The CloudTrail table's DDL, read back with an independent parser (ddl_shape): AWS's documented columns
// and types exactly once each, the input format and SerDe, and the projection for both S3 layouts.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/utc_time.hpp"
#include "support/ddl_shape.hpp"
#include "sources/athena/cloudtrail_table.hpp"

namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using trailguard::sources::athena::cloudtrail_table_ddl;
using trailguard::sources::athena::CloudTrailTableRequest;
using trailguard::test_support::DdlShape;
using trailguard::test_support::read_ddl_shape;

const std::int64_t today = trailguard::days_from_civil(2026, 12, 4);

// The columns of "Create the table for CloudTrail logs in Athena using partition projection" (Athena user
// guide, as of 2026-12), in its order, with its types; written out here, not taken from the generator.
const std::vector<std::pair<std::string, std::string>> documented_columns = {
    {"eventversion", "STRING"},
    {"useridentity",
     "STRUCT<type:STRING,principalid:STRING,arn:STRING,accountid:STRING,invokedby:STRING,accesskeyid:STRING,"
     "username:STRING,onbehalfof:STRUCT<userid:STRING,identitystorearn:STRING>,"
     "sessioncontext:STRUCT<attributes:STRUCT<mfaauthenticated:STRING,creationdate:STRING>,"
     "sessionissuer:STRUCT<type:STRING,principalid:STRING,arn:STRING,accountid:STRING,username:STRING>,"
     "ec2roledelivery:STRING,webidfederationdata:STRUCT<federatedprovider:STRING,attributes:MAP<STRING,STRING>>>>"},
    {"eventtime", "STRING"},
    {"eventsource", "STRING"},
    {"eventname", "STRING"},
    {"awsregion", "STRING"},
    {"sourceipaddress", "STRING"},
    {"useragent", "STRING"},
    {"errorcode", "STRING"},
    {"errormessage", "STRING"},
    {"requestparameters", "STRING"},
    {"responseelements", "STRING"},
    {"additionaleventdata", "STRING"},
    {"requestid", "STRING"},
    {"eventid", "STRING"},
    {"readonly", "STRING"},
    {"resources", "ARRAY<STRUCT<arn:STRING,accountid:STRING,type:STRING>>"},
    {"eventtype", "STRING"},
    {"apiversion", "STRING"},
    {"recipientaccountid", "STRING"},
    {"serviceeventdetails", "STRING"},
    {"sharedeventid", "STRING"},
    {"vpcendpointid", "STRING"},
    {"vpcendpointaccountid", "STRING"},
    {"eventcategory", "STRING"},
    {"addendum", "STRUCT<reason:STRING,updatedfields:STRING,originalrequestid:STRING,originaleventid:STRING>"},
    {"sessioncredentialfromconsole", "STRING"},
    {"edgedevicedetails", "STRING"},
    {"tlsdetails", "STRUCT<tlsversion:STRING,ciphersuite:STRING,clientprovidedhostheader:STRING>"},
};

DdlShape shape_of(const CloudTrailTableRequest& request) {
  auto ddl = cloudtrail_table_ddl(request, today);
  if (!ddl) {
    ADD_FAILURE() << ddl.error().message;
    return {};
  }
  auto shape = read_ddl_shape(*ddl);
  EXPECT_THAT(shape.problems, IsEmpty()) << *ddl;
  return shape;
}

CloudTrailTableRequest request_for(std::string location) {
  CloudTrailTableRequest request;
  request.location = std::move(location);
  return request;
}

TEST(CloudTrailTable, HasAwsDocumentedColumnsAndTypesExactlyOnceEach) {
  const auto shape = shape_of(request_for("s3://trail-bucket/AWSLogs/"));
  EXPECT_EQ(shape.columns, documented_columns);
  EXPECT_EQ(shape.table, "cloudtrail_logs");
}

TEST(CloudTrailTable, ReadsRecordsWithCloudTrailsInputFormatAndTheJsonSerDe) {
  const auto shape = shape_of(request_for("s3://trail-bucket/AWSLogs/"));
  EXPECT_EQ(shape.serde, "org.apache.hive.hcatalog.data.JsonSerDe");
  EXPECT_EQ(shape.input_format, "com.amazon.emr.cloudtrail.CloudTrailInputFormat");
  EXPECT_EQ(shape.output_format, "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat");
  EXPECT_EQ(shape.partition_columns,
            (std::vector<std::pair<std::string, std::string>>{{"account", "STRING"}, {"region", "STRING"}, {"timestamp", "STRING"}}));
}

TEST(CloudTrailTable, SingleAccountLayoutProjectsAccountsRegionsAndDays) {
  auto request = request_for("s3://trail-bucket/team/AWSLogs");
  request.accounts = {"444455556666", "111122223333", "111122223333"};
  request.regions = {"eu-west-1", "us-east-1"};
  request.since = "2024-02-29";
  const auto shape = shape_of(request);
  EXPECT_EQ(shape.location, "s3://trail-bucket/team/AWSLogs/");
  const std::map<std::string, std::string> expected = {
      {"projection.enabled", "true"},
      {"projection.account.type", "enum"},
      {"projection.account.values", "111122223333,444455556666"},
      {"projection.region.type", "enum"},
      {"projection.region.values", "eu-west-1,us-east-1"},
      {"projection.timestamp.type", "date"},
      {"projection.timestamp.format", "yyyy/MM/dd"},
      {"projection.timestamp.range", "2024/02/29,NOW"},
      {"projection.timestamp.interval", "1"},
      {"projection.timestamp.interval.unit", "DAYS"},
      {"storage.location.template", "s3://trail-bucket/team/AWSLogs/${account}/CloudTrail/${region}/${timestamp}"},
  };
  EXPECT_EQ(shape.properties, expected);
}

TEST(CloudTrailTable, OrganizationLayoutPutsTheOrgIdBeforeTheAccount) {
  auto request = request_for("s3://org-trail-logs/AWSLogs/o-a1b2c3d4e5/");
  request.table = "security.org_trail";
  const auto shape = shape_of(request);
  EXPECT_EQ(shape.table, "security.org_trail");
  EXPECT_EQ(shape.location, "s3://org-trail-logs/AWSLogs/o-a1b2c3d4e5/");
  EXPECT_EQ(shape.properties.at("storage.location.template"),
            "s3://org-trail-logs/AWSLogs/o-a1b2c3d4e5/${account}/CloudTrail/${region}/${timestamp}");
  // No --accounts: every member account is readable, each query names its own.
  EXPECT_EQ(shape.properties.at("projection.account.type"), "injected");
  EXPECT_EQ(shape.properties.count("projection.account.values"), 0u);
}

TEST(CloudTrailTable, AnAccountsFolderFixesTheAccount) {
  const auto shape = shape_of(request_for("s3://trail-bucket/AWSLogs/o-a1b2c3d4e5/111122223333/"));
  EXPECT_EQ(shape.location, "s3://trail-bucket/AWSLogs/o-a1b2c3d4e5/");
  EXPECT_EQ(shape.properties.at("projection.account.type"), "enum");
  EXPECT_EQ(shape.properties.at("projection.account.values"), "111122223333");
  auto other = request_for("s3://trail-bucket/AWSLogs/111122223333/");
  other.accounts = {"444455556666"};
  auto refused = cloudtrail_table_ddl(other, today);
  ASSERT_FALSE(refused);
  EXPECT_THAT(refused.error().message, HasSubstr("111122223333"));
}

TEST(CloudTrailTable, DefaultsToEveryCommercialRegionFrom2020) {
  const auto shape = shape_of(request_for("s3://trail-bucket/AWSLogs/"));
  const auto& regions = shape.properties.at("projection.region.values");
  for (const char* region : {"us-east-1", "eu-west-1", "ap-southeast-7", "mx-central-1", "il-central-1", "ca-west-1"})
    EXPECT_THAT(regions + ",", HasSubstr(std::string(region) + ",")) << region;
  EXPECT_THAT(regions, Not(HasSubstr("fips")));
  EXPECT_THAT(regions, Not(HasSubstr("us-gov")));
  EXPECT_EQ(std::count(regions.begin(), regions.end(), ',') + 1, 34);
  EXPECT_EQ(shape.properties.at("projection.timestamp.range"), "2020/01/01,NOW");
}

struct BadRequest {
  const char* what;
  CloudTrailTableRequest request;
  std::string named;  // the bad value the message must name
};

TEST(CloudTrailTable, RefusesBadValuesNamingThem) {
  const auto with = [](auto change) {
    auto request = request_for("s3://trail-bucket/AWSLogs/");
    change(request);
    return request;
  };
  const std::vector<BadRequest> cases = {
      {"quote in prefix", request_for("s3://trail-bucket/x'y/AWSLogs/"), "x'y"},
      {"template in prefix", request_for("s3://trail-bucket/${account}/AWSLogs/"), "${account}"},
      {"not AWSLogs", request_for("s3://trail-bucket/logs/"), "s3://trail-bucket/logs/"},
      {"below the account", request_for("s3://trail-bucket/AWSLogs/111122223333/CloudTrail/"), "s3://trail-bucket"},
      {"bucket case", request_for("s3://Trail-Bucket/AWSLogs/"), "Trail-Bucket"},
      {"bucket ip", request_for("s3://192.168.1.2/AWSLogs/"), "192.168.1.2"},
      {"bucket dots", request_for("s3://a..b/AWSLogs/"), "a..b"},
      {"not s3", request_for("https://trail-bucket/AWSLogs/"), "https://trail-bucket/AWSLogs/"},
      {"org id", request_for("s3://trail-bucket/AWSLogs/o-short/"), "o-short"},
      {"account in path", request_for("s3://trail-bucket/AWSLogs/12345/"), "12345"},
      {"account", with([](auto& r) { r.accounts = {"111122223333", "11112222333'"}; }), "11112222333'"},
      {"region", with([](auto& r) { r.regions = {"eu-west-1", "eu-west-1',x"}; }), "eu-west-1',x"},
      {"region shape", with([](auto& r) { r.regions = {"europe"}; }), "europe"},
      {"table", with([](auto& r) { r.table = "logs`; DROP TABLE x"; }), "logs`; DROP TABLE x"},
      {"table dots", with([](auto& r) { r.table = "a.b.c"; }), "a.b.c"},
      {"empty db", with([](auto& r) { r.table = ".logs"; }), ".logs"},
      {"since form", with([](auto& r) { r.since = "2024/01/01"; }), "2024/01/01"},
      {"since date", with([](auto& r) { r.since = "2025-02-29"; }), "2025-02-29"},
      {"since future", with([](auto& r) { r.since = "2026-12-05"; }), "2026-12-05"},
  };
  for (const auto& bad : cases) {
    auto ddl = cloudtrail_table_ddl(bad.request, today);
    ASSERT_FALSE(ddl) << bad.what << ": " << *ddl;
    EXPECT_EQ(ddl.error().code, "usage") << bad.what;
    EXPECT_THAT(ddl.error().message, HasSubstr(bad.named)) << bad.what;
  }
}

TEST(CloudTrailTable, AcceptsOtherPartitionsRegionsAndPrefixCharacters) {
  auto request = request_for("s3://trail.bucket-1/My_Prefix/(a)!*/AWSLogs/");
  request.regions = {"us-gov-west-1", "cn-north-1"};
  request.since = "2026-12-04";  // today itself is allowed
  const auto shape = shape_of(request);
  EXPECT_EQ(shape.properties.at("projection.region.values"), "cn-north-1,us-gov-west-1");
  EXPECT_EQ(shape.location, "s3://trail.bucket-1/My_Prefix/(a)!*/AWSLogs/");
}

// The reader the tests rely on must refuse what Athena would: each broken statement below has a problem.
TEST(DdlShape, RefusesBrokenStatements) {
  auto ddl = cloudtrail_table_ddl(request_for("s3://trail-bucket/AWSLogs/"), today);
  ASSERT_TRUE(ddl);
  ASSERT_THAT(read_ddl_shape(*ddl).problems, IsEmpty());
  const auto broken = [&](std::string from, std::string to) {
    auto text = *ddl;
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return text.replace(at, from.size(), to);
  };
  const std::vector<std::string> samples = {
      broken("clientprovidedhostheader: STRING>", "clientprovidedhostheader: STRING"),  // unclosed <
      broken("'org.apache.hive.hcatalog.data.JsonSerDe'", "'org.apache.hive.hcatalog.data.JsonSerDe"),
      broken("eventtime STRING,", "eventtime STRING,\n  eventname STRING,"),  // a column twice
      broken("eventtime STRING", "eventtime"),                                // no type
      broken("`account` STRING,", "`account STRING,"),                       // unclosed backtick
      broken("PARTITIONED BY", "PARTITION BY"),
      broken("'projection.enabled'='true'", "'projection.enabled'"),
      broken("STRUCT<\n", "STRUKT<\n"),
      broken("\n)\nPARTITIONED", "\n))\nPARTITIONED"),
  };
  for (const auto& sample : samples) EXPECT_THAT(read_ddl_shape(sample).problems, Not(IsEmpty())) << sample;
}

}  // namespace
