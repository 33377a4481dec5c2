// The CSV writer: RFC 4180 quoting field by field, one row per finding, and the golden file. Python's csv
// module reads real output back in test_csv_report.py (CTest report_csv).
#include "report/csv_writer.hpp"

#include <sstream>

#include <gtest/gtest.h>

#include "golden_files.hpp"
#include "sample_report.hpp"

namespace trailguard::report {
namespace {

TEST(Csv, FieldsAreQuotedOnlyWhenTheyMustBe) {
  EXPECT_EQ(csv_field("us-east-1"), "us-east-1");
  EXPECT_EQ(csv_field(""), "");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("line\nbreak"), "\"line\nbreak\"");
  EXPECT_EQ(csv_field("carriage\rreturn"), "\"carriage\rreturn\"");
  EXPECT_EQ(csv_field("\""), "\"\"\"\"");
  EXPECT_EQ(csv_field("semi;colon and 'single' quotes"), "semi;colon and 'single' quotes");
}

TEST(Csv, OneRowPerFindingAfterTheHeader) {
  const auto report = golden::sample_report();
  std::ostringstream out;
  write_csv(report, out);
  const std::string text = out.str();
  EXPECT_EQ(text.rfind("account_id,account_name,region,status,reasons,trails,message\r\n", 0), 0u);
  std::size_t records = 0;
  for (std::size_t at = 0; (at = text.find("\r\n", at)) != std::string::npos; at += 2) ++records;
  std::size_t findings = 0;
  for (const auto& evaluation : report.accounts) findings += evaluation.findings.size();
  EXPECT_EQ(records, findings + 1) << "no message of the sample holds a CR LF";
  EXPECT_NE(text.find(",FAIL,not_logging;single_region_only,"), std::string::npos) << "reasons joined with ';'";
}

TEST(Csv, MatchesGolden) {
  std::ostringstream out;
  write_csv(golden::sample_report(), out);
  golden::compare_with_golden(out.str(), "report.csv");
}

}  // namespace
}  // namespace trailguard::report
