#include "sources/logs/log_digest.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace trailguard::sources::logs {
namespace {

nlohmann::json sample() {
  return nlohmann::json::parse(R"({
    "awsAccountId": "111122223333",
    "digestStartTime": "2026-12-01T09:30:00Z", "digestEndTime": "2026-12-01T10:30:00Z",
    "digestS3Bucket": "org-logs",
    "digestS3Object": "AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/12/01/111122223333_CloudTrail-Digest_us-east-1_main_us-east-1_20261201T103000Z.json.gz",
    "digestPublicKeyFingerprint": "0123456789abcdef0123456789abcdef", "digestSignatureAlgorithm": "SHA256withRSA",
    "newestEventTime": "2026-12-01T10:01:00Z", "oldestEventTime": "2026-12-01T10:01:00Z",
    "previousDigestS3Bucket": "org-logs", "previousDigestS3Object": "AWSLogs/prev.json.gz",
    "previousDigestHashValue": "aa", "previousDigestHashAlgorithm": "SHA-256", "previousDigestSignature": "bb",
    "futureField": {"x": [1]},
    "logFiles": [{"s3Bucket": "org-logs", "s3Object": "AWSLogs/a.json.gz", "hashValue": "cc", "hashAlgorithm": "SHA-256",
                  "newestEventTime": "2026-12-01T10:01:00Z", "oldestEventTime": "2026-12-01T10:00:00Z", "extra": 1}]
  })");
}

TEST(LogDigest, ReadsEveryFieldTheChecksUseAndIgnoresTheRest) {
  auto digest = parse_log_digest(sample().dump(), "d.json.gz");
  ASSERT_TRUE(digest) << digest.error().describe();
  EXPECT_EQ(digest->end_time_text, "2026-12-01T10:30:00Z");
  EXPECT_EQ(digest->end_time - digest->start_time, 3600);
  EXPECT_EQ(digest->s3_bucket, "org-logs");
  EXPECT_EQ(digest->previous_s3_object, "AWSLogs/prev.json.gz");
  EXPECT_EQ(digest->previous_hash_value, "aa");
  EXPECT_EQ(digest->previous_signature, "bb");
  EXPECT_EQ(digest->public_key_fingerprint, "0123456789abcdef0123456789abcdef");
  ASSERT_EQ(digest->log_files.size(), 1u);
  EXPECT_EQ(digest->log_files[0].s3_object, "AWSLogs/a.json.gz");
  EXPECT_EQ(digest->log_files[0].hash_value, "cc");
  EXPECT_EQ(*digest->log_files[0].newest_event_time - *digest->log_files[0].oldest_event_time, 60);
}

TEST(LogDigest, TheFirstOfAChainHasNullPreviousFields) {
  auto json = sample();
  for (const char* name : {"previousDigestS3Bucket", "previousDigestS3Object", "previousDigestHashValue",
                           "previousDigestHashAlgorithm", "previousDigestSignature"})
    json[name] = nullptr;
  auto digest = parse_log_digest(json.dump(), "d");
  ASSERT_TRUE(digest) << digest.error().describe();
  EXPECT_FALSE(digest->previous_s3_object);
  EXPECT_FALSE(digest->previous_signature);
  EXPECT_EQ(digest_string_to_sign(*digest, "ff"),
            "2026-12-01T10:30:00Z\norg-logs/" + json["digestS3Object"].get<std::string>() + "\nff\nnull");
}

TEST(LogDigest, TheStringToSignIsAwsClisFourLines) {
  auto digest = parse_log_digest(sample().dump(), "d");
  ASSERT_TRUE(digest);
  EXPECT_EQ(digest_string_to_sign(*digest, "0a1b"),
            "2026-12-01T10:30:00Z\norg-logs/" + digest->s3_object + "\n0a1b\nbb");
}

TEST(LogDigest, MissingOrIllTypedFieldsAreNamed) {
  struct Case {
    std::function<void(nlohmann::json&)> change;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {[](auto& j) { j.erase("digestEndTime"); }, "digestEndTime is missing"},
      {[](auto& j) { j["digestS3Bucket"] = 7; }, "digestS3Bucket should be a string, found a number"},
      {[](auto& j) { j["digestStartTime"] = "yesterday"; }, "digestStartTime \"yesterday\" is not a UTC time"},
      {[](auto& j) { j["previousDigestHashValue"] = true; }, "previousDigestHashValue should be a string, found a boolean"},
      {[](auto& j) { j.erase("previousDigestSignature"); }, "previousDigestSignature is missing"},
      {[](auto& j) { j.erase("logFiles"); }, "logFiles is missing"},
      {[](auto& j) { j["logFiles"] = nlohmann::json::object(); }, "logFiles should be an array, found an object"},
      {[](auto& j) { j["logFiles"][0].erase("hashValue"); }, "logFiles[0].hashValue is missing"},
      {[](auto& j) { j["logFiles"].push_back(3); }, "logFiles[1] should be an object, found a number"},
      {[](auto& j) { j["logFiles"][0]["newestEventTime"] = "soon"; }, "logFiles[0].newestEventTime \"soon\" is not a UTC time"},
  };
  for (const auto& each : cases) {
    auto json = sample();
    each.change(json);
    auto digest = parse_log_digest(json.dump(), "s3://b/d.json.gz");
    ASSERT_FALSE(digest) << each.expected;
    EXPECT_EQ(digest.error().kind, ErrorKind::malformed_input);
    EXPECT_EQ(digest.error().where, "s3://b/d.json.gz");
    EXPECT_NE(digest.error().message.find(each.expected), std::string::npos) << digest.error().message;
  }
}

TEST(LogDigest, NotJsonOrNotAnObjectIsRefused) {
  for (const std::string text : {"", "{\"digestStartTime\": ", "[1,2]", "\"x\"", "{\"a\":\"\xff\"}"}) {
    auto digest = parse_log_digest(text, "d");
    ASSERT_FALSE(digest) << text;
    EXPECT_NE(digest.error().message.find("not a CloudTrail digest"), std::string::npos);
  }
}

}  // namespace
}  // namespace trailguard::sources::logs
