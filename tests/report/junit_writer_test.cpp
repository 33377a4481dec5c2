// The JUnit writer: XML escaping of every string, one testcase per finding with the outcome element its
// status calls for, and the golden file. xmllint validates real output in test_junit_report.py (CTest
// report_junit).
#include "report/junit_writer.hpp"

#include <sstream>

#include <gtest/gtest.h>

#include "golden_files.hpp"
#include "sample_report.hpp"
#include "text_search.hpp"

namespace trailguard::report {
namespace {

using golden::count;

TEST(Junit, EveryMarkupCharacterIsEscaped) {
  EXPECT_EQ(xml_escaped("a<b>&\"c\"'d'"), "a&lt;b&gt;&amp;&quot;c&quot;'d'");
  EXPECT_EQ(xml_escaped("]]>"), "]]&gt;");
  EXPECT_EQ(xml_escaped("line\nnext\r\ttab"), "line&#10;next&#13;&#9;tab") << "kept through attribute normalisation";
  EXPECT_EQ(xml_escaped(std::string("nul\0bell\x07", 9)), "nul\xEF\xBF\xBD" "bell\xEF\xBF\xBD") << "XML 1.0 cannot carry C0 controls";
  EXPECT_EQ(xml_escaped("\xC3\xA9t\xC3\xA9"), "\xC3\xA9t\xC3\xA9") << "UTF-8 passes through";
}

TEST(Junit, OneTestcasePerFindingWithItsOutcome) {
  const auto report = golden::sample_report();
  std::ostringstream out;
  write_junit(report, out);
  const auto text = out.str();
  const auto s = summarize(report);
  EXPECT_EQ(count(text, "<testsuite "), report.accounts.size());
  EXPECT_EQ(count(text, "<testcase "), static_cast<std::size_t>(s.regions_passed + s.regions_failed + s.regions_errors + s.regions_skipped));
  EXPECT_EQ(count(text, "<failure "), static_cast<std::size_t>(s.regions_failed));
  EXPECT_EQ(count(text, "<error "), static_cast<std::size_t>(s.regions_errors));
  EXPECT_EQ(count(text, "<skipped "), static_cast<std::size_t>(s.regions_skipped));
  EXPECT_NE(text.find("<failure message=\"Trail 'stopped'"), std::string::npos);
}

TEST(Junit, MatchesGolden) {
  std::ostringstream out;
  write_junit(golden::sample_report(), out);
  golden::compare_with_golden(out.str(), "report.junit.xml");
}

}  // namespace
}  // namespace trailguard::report
