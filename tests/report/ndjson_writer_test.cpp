// The ndjson stream: every line one complete JSON object with a type, the same finding fields as the JSON
// report, a flush after each account, and a summary line that says whether the run was complete.
#include "report/ndjson_writer.hpp"

#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "../control/model_builders.hpp"
#include "control/evaluator.hpp"
#include "report/json_writer.hpp"

namespace trailguard::report {
namespace {

using namespace trailguard::builders;

std::vector<nlohmann::json> lines_of(const std::string& text) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));  // throws if not one object
  return lines;
}

Report two_accounts() {
  auto passing = account_with({passing_trail()});
  auto suspended = account_with({});
  suspended.account_id = "333333333333";
  suspended.not_audited = "account 333333333333 is SUSPENDED in the organization: not audited";
  Report r;
  r.source = "test";
  r.accounts.push_back(control::evaluate(passing));
  r.accounts.push_back(control::evaluate(suspended));
  return r;
}

// Counts flushes, to prove each account is pushed out as soon as it is written.
class CountingBuffer : public std::stringbuf {
 public:
  int syncs = 0;

 protected:
  int sync() override {
    ++syncs;
    return std::stringbuf::sync();
  }
};

TEST(Ndjson, FindingsThenAccountLinesThenSummary) {
  const auto report = two_accounts();
  std::ostringstream out;
  write_ndjson(report, out);
  const auto lines = lines_of(out.str());
  std::ostringstream json_out;
  write_json(report, json_out);
  const auto doc = nlohmann::json::parse(json_out.str());

  ASSERT_EQ(lines.size(), doc["findings"].size() + 2 + 1);
  std::size_t finding = 0;
  for (const auto& line : lines) {
    if (line["type"] != "finding") continue;
    auto expected = doc["findings"][finding++];
    expected["type"] = "finding";
    EXPECT_EQ(line, expected) << "a finding line is the JSON report's finding plus its type";
  }
  EXPECT_EQ(lines.back()["type"], "summary");
  EXPECT_EQ(lines.back()["accounts"], doc["summary"]["accounts"]);
  EXPECT_EQ(lines.back()["accounts"]["skipped"], 1);
  EXPECT_EQ(lines.back()["complete"], true);
  EXPECT_EQ(lines.back()["accounts_planned"], 2);
  EXPECT_EQ(lines.back()["status"], "PASS") << "a skipped account neither fails nor leaves the run incomplete";
}

TEST(Ndjson, EachAccountIsFlushedAndAnInterruptedRunSaysSo) {
  const auto report = two_accounts();
  CountingBuffer buffer;
  std::ostream out(&buffer);
  write_ndjson_account(report.accounts[0], out);
  EXPECT_EQ(buffer.syncs, 1);
  const auto written = lines_of(buffer.str());
  EXPECT_EQ(written.back()["type"], "account");
  EXPECT_EQ(written.back()["status"], "PASS");

  Report partial;
  partial.accounts.push_back(report.accounts[0]);
  partial.problems.push_back("interrupted: 3 of 4 account(s) were not scanned");
  write_ndjson_summary(partial, {false, 4}, out);
  EXPECT_EQ(buffer.syncs, 2);
  const auto summary = lines_of(buffer.str()).back();
  EXPECT_EQ(summary["complete"], false);
  EXPECT_EQ(summary["accounts_planned"], 4);
  EXPECT_EQ(summary["accounts"]["total"], 1);
  EXPECT_EQ(summary["problems"][0], "interrupted: 3 of 4 account(s) were not scanned");
}

TEST(Ndjson, OnlySkippedAccountsIsNotAPass) {
  Report report;
  auto suspended = account_with({});
  suspended.not_audited = "suspended";
  report.accounts.push_back(control::evaluate(suspended));
  EXPECT_EQ(summarize(report).overall, control::Status::error) << "nothing audited is not a pass";
}

}  // namespace
}  // namespace trailguard::report
