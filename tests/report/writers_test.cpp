// The JSON and text writers against golden files: one report with every status (sample_report.hpp).
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "golden_files.hpp"
#include "sample_report.hpp"
#include "report/json_writer.hpp"
#include "report/text_writer.hpp"

namespace trailguard::report {
namespace {

using golden::compare_with_golden;
using golden::sample_report;

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
