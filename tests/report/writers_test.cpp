// The writers against golden files: one report with every status, in every format.
// Run with TRAILGUARD_UPDATE_GOLDEN=1 to rewrite the golden files after an intended change.
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "../control/model_builders.hpp"
#include "control/evaluator.hpp"
#include "report/json_writer.hpp"
#include "report/text_writer.hpp"

namespace trailguard::report {
namespace {

using namespace trailguard::builders;

Report sample_report() {
  auto stopped = passing_trail("stopped");
  stopped.status = model::TrailStatus{false, "", "test"};
  auto failing = account_with({stopped, single_region_trail("local", "eu-west-1")});
  failing.account_id = "222222222222";
  auto passing = account_with({passing_trail()});
  passing.regions.push_back({"af-south-1", model::RegionState::not_enabled, "not-opted-in"});
  passing.read_errors.push_back({"DescribeTrails", "ap-south-1", "AccessDeniedException", "denied"});
  Report r;
  r.source = "test";
  r.accounts.push_back(control::evaluate(passing));
  r.accounts.push_back(control::evaluate(failing));
  return r;
}

void compare_with_golden(const std::string& actual, const std::string& name) {
  const std::string path = std::string(TRAILGUARD_SOURCE_DIR) + "/tests/report/golden/" + name;
  if (const char* update = std::getenv("TRAILGUARD_UPDATE_GOLDEN"); update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << path << " is missing; run with TRAILGUARD_UPDATE_GOLDEN=1";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(actual, expected.str()) << "differs from " << path;
}

TEST(Writers, JsonMatchesGolden) {
  std::ostringstream out;
  write_json(sample_report(), out);
  compare_with_golden(out.str(), "report.json");
}

// The report is written piece by piece (never one JSON value for a whole organization); byte for byte it is
// the document nlohmann would dump, with or without accounts and problems.
TEST(Writers, JsonIsWrittenAsTheWholeDocumentWouldBeDumped) {
  Report empty;
  empty.source = "nothing \"quoted\"";
  Report with_problems = sample_report();
  with_problems.problems = {"interrupted: 1 of 3 account(s) were not scanned", "--accounts 999999999999 is not listed"};
  for (const Report* report : {&empty, &with_problems}) {
    std::ostringstream out;
    write_json(*report, out);
    const auto doc = nlohmann::json::parse(out.str());
    EXPECT_EQ(out.str(), doc.dump(2) + "\n");
    EXPECT_EQ(doc["accounts"].size(), report->accounts.size());
    EXPECT_EQ(doc["problems"].size(), report->problems.size());
  }
}

TEST(Writers, JsonCarriesTheContractFields) {
  std::ostringstream out;
  write_json(sample_report(), out);
  const auto doc = nlohmann::json::parse(out.str());
  for (const char* key : {"findings", "summary", "control"}) EXPECT_TRUE(doc.contains(key)) << key;
  for (const auto& f : doc["findings"])
    for (const char* key : {"account_id", "region", "status", "reasons", "trails", "message"}) EXPECT_TRUE(f.contains(key)) << key;
  EXPECT_EQ(doc["summary"]["status"], "FAIL");
  EXPECT_EQ(doc["summary"]["accounts"]["non_compliant"], 1);
  EXPECT_EQ(doc["summary"]["accounts"]["incomplete"], 1);
}

TEST(Writers, TextMatchesGolden) {
  std::ostringstream out;
  write_text(sample_report(), out, Color::off);
  compare_with_golden(out.str(), "report.txt");
  EXPECT_EQ(out.str().find('\033'), std::string::npos);
}

TEST(Writers, TextColoursOnlyWhenAsked) {
  std::ostringstream out;
  write_text(sample_report(), out, Color::on);
  EXPECT_NE(out.str().find("\033[31m"), std::string::npos);
}

}  // namespace
}  // namespace trailguard::report
