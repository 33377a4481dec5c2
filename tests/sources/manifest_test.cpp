// The collection manifest: what it accepts, what it refuses, and that its writer and reader agree.
#include "sources/evidence/manifest.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "aws/digest.hpp"

namespace trailguard::sources::evidence {
namespace {

using ::testing::HasSubstr;

constexpr const char* kArn = "arn:aws:cloudtrail:us-east-1:111111111111:trail/main";
constexpr const char* kStatus = "{\"IsLogging\": true}";

std::string status_line(const std::string& trail = kArn, const std::string& region = "us-east-1",
                        const std::string& sha256 = aws::sha256_hex(kStatus)) {
  return manifest_line({"get-trail-status.main.json", "aws cloudtrail get-trail-status --name " + trail, region, trail,
                        "2026-12-02T06:00:00Z", sha256});
}

TEST(Manifest, WhatTheWriterWritesTheReaderAccepts) {
  auto manifest = Manifest::parse(status_line(), "dir/manifest.jsonl");
  ASSERT_TRUE(manifest.ok()) << manifest.error().describe();
  EXPECT_EQ(manifest->disagreement("dir/get-trail-status.main.json", kStatus, "us-east-1", kArn), std::nullopt);
}

TEST(Manifest, AnotherTrailOrRegionIsADisagreementNamingTheLine) {
  auto manifest = Manifest::parse("\n" + status_line("arn:aws:cloudtrail:us-east-1:111111111111:trail/other"), "m.jsonl");
  ASSERT_TRUE(manifest.ok());
  const auto why = manifest->disagreement("get-trail-status.main.json", kStatus, "us-east-1", kArn);
  ASSERT_TRUE(why);
  EXPECT_THAT(*why, HasSubstr("m.jsonl:2"));
  EXPECT_THAT(*why, HasSubstr("trail/other"));
  EXPECT_TRUE(Manifest::parse(status_line(kArn, "eu-west-1"), "m")->disagreement("get-trail-status.main.json", kStatus,
                                                                                 "us-east-1", kArn));
}

TEST(Manifest, UnlistedFileAndChangedBytesAreDisagreements) {
  auto manifest = Manifest::parse(status_line(), "m.jsonl");
  ASSERT_TRUE(manifest.ok());
  EXPECT_THAT(manifest->disagreement("get-event-selectors.main.json", "{}", "", "").value_or(""), HasSubstr("not listed"));
  EXPECT_THAT(manifest->disagreement("get-trail-status.main.json", "{\"IsLogging\": false}", "us-east-1", kArn).value_or(""),
              HasSubstr("SHA-256"));
  // Without a digest (a script on a machine without sha256sum) the bytes are not checked.
  auto undigested = Manifest::parse(status_line(kArn, "us-east-1", ""), "m.jsonl");
  EXPECT_EQ(undigested->disagreement("get-trail-status.main.json", "anything", "us-east-1", kArn), std::nullopt);
}

TEST(Manifest, TheLastLineForAFileWins) {
  auto manifest = Manifest::parse(status_line("arn:aws:cloudtrail:us-east-1:111111111111:trail/other") + status_line(), "m");
  ASSERT_TRUE(manifest.ok());
  EXPECT_EQ(manifest->disagreement("get-trail-status.main.json", kStatus, "us-east-1", kArn), std::nullopt);
}

TEST(Manifest, BadLinesAreErrorsNamingFileAndLine) {
  for (const auto& [text, what] : std::vector<std::pair<std::string, std::string>>{
           {status_line() + "{\"file\": ", "m.jsonl:2"},
           {"[1, 2]\n", "m.jsonl:1"},
           {"{\"command\": \"aws sts get-caller-identity\"}\n", "file is missing"},
           {"{\"file\": \"a.json\", \"command\": 3}\n", "command"}}) {
    auto manifest = Manifest::parse(text, "m.jsonl");
    ASSERT_FALSE(manifest.ok()) << text;
    EXPECT_THAT(manifest.error().describe(), HasSubstr(what)) << text;
  }
}

TEST(Manifest, UnknownFieldsAreIgnored) {
  auto manifest = Manifest::parse(R"({"file":"a.json","command":"aws x","tool":"future","size":3})", "m");
  ASSERT_TRUE(manifest.ok()) << manifest.error().describe();
  EXPECT_EQ(manifest->disagreement("a.json", "", "", ""), std::nullopt);
}

}  // namespace
}  // namespace trailguard::sources
