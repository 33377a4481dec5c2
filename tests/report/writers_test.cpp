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

// The three layouts of the text report, each against its golden file; --details is the table of old.
TEST(Writers, TextMatchesGolden) {
  for (const auto& [layout, file] : {std::pair{TextLayout::grouped, "report.txt"}, std::pair{TextLayout::details, "report-details.txt"},
                                     std::pair{TextLayout::accounts, "report-accounts.txt"}}) {
    std::ostringstream out;
    write_text(sample_report(), out, Color::off, layout);
    compare_with_golden(out.str(), file);
    EXPECT_EQ(out.str().find('\033'), std::string::npos);
  }
}

// Regions alike are one line naming them, their shared sentence said once; different sentences each with
// their regions; accounts worst first.
TEST(Writers, TextGroupsRegionsThatShareStatusAndReasons) {
  auto report = sample_report();
  std::ostringstream grouped;
  write_text(report, grouped, Color::off, TextLayout::grouped);
  EXPECT_NE(grouped.str().find("  2 regions FAIL not_logging: ap-south-1, us-east-1\n      Trail 'stopped'"), std::string::npos)
      << grouped.str();
  EXPECT_NE(grouped.str().find("  1 region FAIL not_logging,single_region_only: eu-west-1\n"), std::string::npos);
  EXPECT_NE(grouped.str().find("  2 regions PASS: eu-west-1, us-east-1\n"), std::string::npos);
  EXPECT_LT(grouped.str().find("1 region ERROR"), grouped.str().find("2 regions PASS")) << "worst first";

  // Sentences that differ only by naming their own region are one; others keep their regions.
  auto& failing = report.accounts[1].findings;
  failing[0].message = "No trail records events in " + failing[0].region;
  failing[2].message = "No trail records events in " + failing[2].region;
  std::ostringstream alike;
  write_text(report, alike, Color::off, TextLayout::grouped);
  EXPECT_NE(alike.str().find("      No trail records events in ap-south-1 (and likewise in each region)\n"), std::string::npos) << alike.str();
  failing[2].message = "something else";
  std::ostringstream different;
  write_text(report, different, Color::off, TextLayout::grouped);
  EXPECT_NE(different.str().find("      ap-south-1: No trail records events in ap-south-1\n      us-east-1: something else\n"),
            std::string::npos) << different.str();

  std::ostringstream accounts;
  write_text(report, accounts, Color::off, TextLayout::accounts);
  EXPECT_LT(accounts.str().find("Account 222222222222: FAIL  2 regions FAIL not_logging; 1 region FAIL not_logging,single_region_only"),
            accounts.str().find("Account 111111111111: ERROR  1 region ERROR region_unreadable; 2 regions PASS; 1 region SKIPPED region_not_enabled"))
      << accounts.str();
}

TEST(Writers, TextColoursOnlyWhenAsked) {
  std::ostringstream out;
  write_text(sample_report(), out, Color::on);
  EXPECT_NE(out.str().find("\033[31m"), std::string::npos);
}

}  // namespace
}  // namespace trailguard::report
