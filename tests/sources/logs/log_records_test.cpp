#include "sources/logs/log_records.hpp"

#include <gtest/gtest.h>

#include "base/utc_time.hpp"

namespace trailguard::sources::logs {
namespace {

ByteBuffer buffer(const std::string& text) {
  ByteBuffer out;
  std::copy(text.begin(), text.end(), out.grow(text.size()));
  out.set_size(text.size());
  return out;
}

const char* kModern = R"({"eventVersion":"1.09","userIdentity":{"type":"AssumedRole","principalId":"AROA:s",
  "arn":"arn:aws:sts::111122223333:assumed-role/Admin/s","sessionContext":{"sessionIssuer":{"type":"Role"}}},
  "eventTime":"2026-12-01T10:11:12Z","eventSource":"cloudtrail.amazonaws.com","eventName":"StopLogging",
  "awsRegion":"eu-west-1","sourceIPAddress":"198.51.100.7","userAgent":"aws-cli/2","requestParameters":{"name":"main"},
  "responseElements":null,"eventID":"0b7c3b0c-1111-2222-3333-444455556666","readOnly":false,"eventType":"AwsApiCall",
  "managementEvent":true,"recipientAccountId":"111122223333","eventCategory":"Management","futureField":{"x":[1,2]}})";

TEST(LogRecords, ReadsTheFieldsTheReportNeedsAndSkipsTheRest) {
  LogRecordReader reader;
  FileRecords out;
  const auto json = buffer(std::string("{\"Records\":[") + kModern + "]}");
  ASSERT_TRUE(reader.read(json, "f.json", out).ok());
  ASSERT_EQ(out.events.size(), 1u);
  const auto& event = out.events[0];
  EXPECT_EQ(event.event_id, "0b7c3b0c-1111-2222-3333-444455556666");
  EXPECT_EQ(event.time, *parse_utc_time("2026-12-01T10:11:12Z"));
  EXPECT_EQ(event.aws_region, "eu-west-1");
  EXPECT_EQ(event.event_source, "cloudtrail.amazonaws.com");
  EXPECT_EQ(event.event_name, "StopLogging");
  EXPECT_EQ(event.principal, "arn:aws:sts::111122223333:assumed-role/Admin/s");
  EXPECT_EQ(event.identity_type, "AssumedRole");
  EXPECT_EQ(event.source_ip, "198.51.100.7");
  EXPECT_EQ(event.read_only, Tri::no);
  EXPECT_EQ(event.management, Tri::yes);
  EXPECT_EQ(string_member(event.request_parameters, "name"), "main");
  EXPECT_NE(event.id_hash, 0u);
  EXPECT_EQ(out.malformed_records, 0u);
}

TEST(LogRecords, InfersNothingThatOldRecordsDoNotSay) {
  LogRecordReader reader;
  FileRecords out;
  const std::string old = R"({"Records":[{"eventVersion":"1.02","userIdentity":{"invokedBy":"config.amazonaws.com"},
    "eventTime":"2015-08-17T14:01:31Z","eventSource":"s3.amazonaws.com","eventName":"GetBucketAcl","awsRegion":"us-east-1",
    "eventID":"e1","requestParameters":null}]})";
  const auto old_json = buffer(old);
  ASSERT_TRUE(reader.read(old_json, "old.json", out).ok());
  ASSERT_EQ(out.events.size(), 1u);
  EXPECT_EQ(out.events[0].read_only, Tri::unknown);
  EXPECT_EQ(out.events[0].management, Tri::unknown);
  EXPECT_EQ(out.events[0].identity_type, "");  // a service event: no type
  EXPECT_EQ(out.events[0].principal, "config.amazonaws.com");
  EXPECT_EQ(out.events[0].request_parameters, "");
}

TEST(LogRecords, EventCategoryDecidesDataEvents) {
  LogRecordReader reader;
  FileRecords out;
  const std::string data = R"({"Records":[{"eventTime":"2026-12-01T00:00:00Z","eventSource":"s3.amazonaws.com",
    "eventName":"GetObject","awsRegion":"us-east-1","eventID":"d1","readOnly":true,"managementEvent":false,"eventCategory":"Data"}]})";
  const auto data_json = buffer(data);
  ASSERT_TRUE(reader.read(data_json, "data.json", out).ok());
  ASSERT_EQ(out.events.size(), 1u);
  EXPECT_EQ(out.events[0].management, Tri::no);
  EXPECT_EQ(out.events[0].read_only, Tri::yes);
}

TEST(LogRecords, CountsMalformedRecordsAndKeepsTheGoodOnes) {
  LogRecordReader reader;
  FileRecords out;
  const std::string mixed = R"({"Records":[
    {"eventTime":"2026-12-01T00:00:00Z","eventSource":"ec2.amazonaws.com","eventName":"A","awsRegion":"us-east-1","eventID":"1"},
    {"eventTime":"2026-12-01T00:00:00Z","eventSource":"ec2.amazonaws.com","eventName":"B","awsRegion":"us-east-1"},
    {"eventTime":"yesterday","eventSource":"ec2.amazonaws.com","eventName":"C","awsRegion":"us-east-1","eventID":"3"},
    {"eventTime":"2026-12-01T00:00:00Z","eventSource":"ec2.amazonaws.com","eventName":"D","awsRegion":"us-east-1","eventID":4},
    "not a record",
    {"eventTime":"2026-12-01T00:00:00Z","eventSource":"ec2.amazonaws.com","eventName":"E","awsRegion":"us-east-1","eventID":"5"}]})";
  const auto mixed_json = buffer(mixed);
  ASSERT_TRUE(reader.read(mixed_json, "mixed.json", out).ok());
  ASSERT_EQ(out.events.size(), 2u);
  EXPECT_EQ(out.events[0].event_name, "A");
  EXPECT_EQ(out.events[1].event_name, "E");
  EXPECT_EQ(out.malformed_records, 4u);
  EXPECT_EQ(out.first_malformed, "record 1: no eventID");
}

TEST(LogRecords, ABrokenDocumentIsAnErrorNamingTheFile) {
  LogRecordReader reader;
  FileRecords out;
  const std::string good = std::string("{\"Records\":[") + kModern + "," + kModern + "]}";
  for (const std::string& bad : {good.substr(0, good.size() / 2), std::string("not json"), std::string("[1,2]"),
                                 std::string("{\"records\":[]}"), std::string("{\"Records\":{}}"),
                                 std::string("{\"Records\":[{\"eventID\":\"\xff\xfe\"}]}")}) {
    const auto bad_json = buffer(bad);
    const auto result = reader.read(bad_json, "bad.json.gz", out);
    ASSERT_FALSE(result.ok()) << bad;
    EXPECT_EQ(result.error().where, "bad.json.gz");
    EXPECT_EQ(result.error().kind, ErrorKind::malformed_input);
  }
}

TEST(LogRecords, CountsInsightRecordsAndReadsADigestsBucket) {
  LogRecordReader reader;
  const auto count = reader.count_records(buffer(R"({"Records":[{"eventType":"AwsCloudTrailInsight"},{},{}]})"), "i.json");
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 3u);
  const auto bucket = reader.digest_bucket(buffer(R"({"awsAccountId":"1","digestS3Bucket":"logs-bucket","logFiles":[]})"), "d.json");
  ASSERT_TRUE(bucket.ok());
  EXPECT_EQ(*bucket, "logs-bucket");
  EXPECT_FALSE(reader.digest_bucket(buffer("[]"), "d.json").ok());
}

}  // namespace
}  // namespace trailguard::sources::logs
