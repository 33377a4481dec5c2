// The HTML report: escaping (HTML text and attributes, JSON inside <script>, message templates), the page's
// shape (CSP, one cell per finding with its three data attributes, nothing fetched), and its size for a
// 1,000-account x 17-region organization. Python's html.parser reads real pages in test_html_report.py
// (CTest report_html) and headless Chromium drives them in html_browser_test.mjs (CTest report_html_browser).
#include "report/html_writer.hpp"

#include <regex>
#include <sstream>

#include <gtest/gtest.h>

#include "report/html_escape.hpp"
#include "report/html_page.hpp"
#include "sample_report.hpp"
#include "text_search.hpp"

namespace trailguard::report {
namespace {

using golden::count;

std::string html_of(const Report& report) {
  std::ostringstream out;
  write_html(report, out);
  return out.str();
}

TEST(HtmlEscape, MarkupQuotesAndAmpersands) {
  EXPECT_EQ(html_escaped("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
  EXPECT_EQ(html_escaped("say \"hi\" & 'bye'"), "say &quot;hi&quot; &amp; &#39;bye&#39;");
  EXPECT_EQ(html_escaped("&amp;"), "&amp;amp;") << "already-escaped text is escaped again: it is data";
  EXPECT_EQ(html_escaped("us-east-1"), "us-east-1");
  EXPECT_EQ(html_escaped("tab\tline\r\nend \xC3\xA9t\xC3\xA9"), "tab\tline\r\nend \xC3\xA9t\xC3\xA9");
  EXPECT_EQ(html_escaped(std::string("nul\0bell\x07", 9)), "nul\xEF\xBF\xBD" "bell\xEF\xBF\xBD");
}

TEST(HtmlEscape, JsonInsideAScriptCannotCloseIt) {
  EXPECT_EQ(script_safe_json(R"(["</script><script>alert(1)</script>"])"),
            R"(["\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e"])");
  EXPECT_EQ(script_safe_json(R"(["<!-- a & b"])"), R"(["\u003c!-- a \u0026 b"])");
  EXPECT_EQ(script_safe_json("[\"line\xE2\x80\xA8sep\xE2\x80\xA9\"]"), R"(["line\u2028sep\u2029"])");
  EXPECT_EQ(script_safe_json(R"({"a":[1,2]})"), R"({"a":[1,2]})");
}

TEST(HtmlEscape, TemplatesNameTheAccountAndRegionAndComeBackExactly) {
  const std::string arn = "arn:aws:cloudtrail:us-east-1:111111111111:trail/main";
  EXPECT_EQ(message_template("No trail records events in eu-west-1", "111111111111", "eu-west-1"), "No trail records events in {r}");
  EXPECT_EQ(message_template(arn, "111111111111", "eu-west-1"), "arn:aws:cloudtrail:us-east-1:{a}:trail/main");
  EXPECT_EQ(message_template("{a} {r} {{", "1", "2"), "{{a} {{r} {{{{");
  for (const std::string& text : {arn, std::string("{a}{r}{{}}{"), std::string("eu-west-1eu-west-1 111111111111{")}) {
    EXPECT_EQ(expand_template(message_template(text, "111111111111", "eu-west-1"), "111111111111", "eu-west-1"), text);
  }
  EXPECT_EQ(expand_template(message_template("x", "", ""), "", ""), "x");
}

TEST(Html, SelfContainedPageWithACellPerFinding) {
  auto report = golden::sample_report();
  report.accounts[1].findings[0].message = "</script><script>alert(1)</script> & \"q\"";
  report.accounts[1].verdict.account_name = "<b>evil</b>";
  const auto html = html_of(report);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n", 0), 0u);
  EXPECT_NE(html.find(std::string("<meta http-equiv=\"Content-Security-Policy\" content=\"") + std::string(html::kContentSecurityPolicy)),
            std::string::npos);
  std::size_t findings = 0;
  for (const auto& e : report.accounts) findings += e.findings.size();
  EXPECT_EQ(count(html, "<td data-account="), findings);
  EXPECT_EQ(count(html, "data-status=\"SKIPPED\">S</td>"), 1u);
  EXPECT_EQ(count(html, "<script>alert"), 0u) << "an AWS string never becomes markup";
  EXPECT_EQ(count(html, "<b>evil"), 0u);
  EXPECT_NE(html.find("&lt;b&gt;evil&lt;/b&gt;"), std::string::npos);
  EXPECT_EQ(count(html, "</script>"), 3u) << "the two data blocks and the script, nothing else";
  EXPECT_EQ(count(html, "http://") + count(html, "https://") + count(html, "src="), 0u) << "nothing to fetch";
  EXPECT_NE(html.find("<b>CloudTrail.1</b>"), std::string::npos) << "framework ids in the header";
}

TEST(Html, RowsAreWorstFirst) {
  const auto html = html_of(golden::sample_report());
  EXPECT_LT(html.find("<tr data-account=\"222222222222\""), html.find("<tr data-account=\"111111111111\""))
      << "the failing account first";
}

TEST(Html, AThousandAccountsInSeventeenRegionsStayUnderFiveMegabytes) {
  const auto report = golden::synthetic_organization(1000);
  const auto html = html_of(report);
  EXPECT_EQ(count(html, "<td data-account="), 17000u);
  EXPECT_LT(html.size(), 5u * 1000 * 1000) << html.size() << " bytes";
  std::printf("1,000 x 17 report: %zu bytes\n", html.size());
}

}  // namespace
}  // namespace trailguard::report
