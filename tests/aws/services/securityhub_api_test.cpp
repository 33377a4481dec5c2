// Security Hub's finding calls: batches within BatchImportFindings' limits, and its answers read strictly.
#include "aws/services/securityhub_api.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace trailguard::aws {
namespace {

std::vector<std::string> findings(std::size_t count, std::size_t bytes) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < count; ++i) {
    std::string text = "{\"Id\":\"f" + std::to_string(i) + "\",\"Pad\":\"";
    text += std::string(bytes > text.size() + 2 ? bytes - text.size() - 2 : 0, 'x') + "\"}";
    out.push_back(std::move(text));
  }
  return out;
}

std::vector<std::size_t> sizes(const ImportBatches& plan) {
  std::vector<std::size_t> out;
  for (const auto& batch : plan.batches) out.push_back(batch.size());
  return out;
}

TEST(SecurityHubBatches, TwoHundredFiftyFindingsGoInBatchesOfAHundred) {
  const auto plan = plan_import_batches(findings(250, 2000));
  EXPECT_EQ(sizes(plan), (std::vector<std::size_t>{100, 100, 50}));
  EXPECT_TRUE(plan.too_large.empty());
  std::size_t next = 0;
  for (const auto& batch : plan.batches)
    for (const auto i : batch) EXPECT_EQ(i, next++) << "every finding once, in order";
}

TEST(SecurityHubBatches, NoRequestIsOverSixMegabytes) {
  const auto all = findings(200, 200 * 1024);  // 200 KB each: 30 fit in 6 MB
  const auto plan = plan_import_batches(all);
  for (const auto& batch : plan.batches) {
    const auto body = batch_import_findings_call("us-east-1", [&] {
                        std::vector<std::string> texts;
                        for (const auto i : batch) texts.push_back(all[i]);
                        return texts;
                      }()).json_body;
    EXPECT_LE(body.size(), kImportMaxBytes);
  }
  EXPECT_EQ(sizes(plan), (std::vector<std::size_t>{30, 30, 30, 30, 30, 30, 20}));  // 31 x 200 KB is over 6 MB
}

TEST(SecurityHubBatches, AFindingOver240KilobytesIsNeverSent) {
  auto all = findings(3, 1000);
  all[1] = findings(1, kImportMaxFindingBytes + 1)[0];
  const auto plan = plan_import_batches(all);
  EXPECT_EQ(plan.too_large, (std::vector<std::size_t>{1}));
  EXPECT_EQ(plan.batches, (std::vector<std::vector<std::size_t>>{{0, 2}}));
}

TEST(SecurityHubCalls, ImportIsAPostOfTheFindingsAsGiven) {
  const auto call = batch_import_findings_call("eu-west-1", {R"({"Id":"a"})", R"({"Id":"b"})"});
  EXPECT_EQ(call.service, "securityhub");
  EXPECT_EQ(call.region, "eu-west-1");
  EXPECT_EQ(call.path, "/findings/import");
  EXPECT_EQ(nlohmann::json::parse(call.json_body), nlohmann::json::parse(R"({"Findings":[{"Id":"a"},{"Id":"b"}]})"));
}

TEST(SecurityHubAnswers, FailedFindingsAreReadByIdAndCountsMustAgree) {
  auto answer = parse_batch_import_findings(
      R"({"FailedCount":1,"SuccessCount":2,"FailedFindings":[{"Id":"x","ErrorCode":"InvalidInput","ErrorMessage":"bad"}]})");
  ASSERT_TRUE(answer.ok()) << answer.error().describe();
  EXPECT_EQ(answer->success_count, 2);
  ASSERT_EQ(answer->failed.size(), 1u);
  EXPECT_EQ(answer->failed[0].id, "x");
  EXPECT_EQ(answer->failed[0].code, "InvalidInput");
  EXPECT_FALSE(parse_batch_import_findings(R"({"FailedCount":2,"SuccessCount":0,"FailedFindings":[]})").ok());
  EXPECT_FALSE(parse_batch_import_findings(R"({"SuccessCount":1})").ok());
  EXPECT_FALSE(parse_batch_import_findings("<html>").ok());
  EXPECT_TRUE(parse_batch_import_findings(R"({"FailedCount":0,"SuccessCount":3,"FailedFindings":[],"Extra":1})").ok());
}

TEST(SecurityHubAnswers, GetFindingsPagesKeepEachFindingWhole) {
  std::string token;
  auto page = parse_get_findings(R"({"Findings":[{"Id":"a","RecordState":"ACTIVE"}],"NextToken":"t2"})", token);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(token, "t2");
  ASSERT_EQ(page->size(), 1u);
  EXPECT_EQ(nlohmann::json::parse((*page)[0])["RecordState"], "ACTIVE");
  page = parse_get_findings(R"({"Findings":[]})", token);
  EXPECT_TRUE(token.empty());
  EXPECT_FALSE(parse_get_findings(R"({"Findings":{}})", token).ok());
}

}  // namespace
}  // namespace trailguard::aws
