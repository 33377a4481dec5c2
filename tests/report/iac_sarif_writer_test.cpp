// write_iac_sarif field by field over a hand-built result (iac_sample_evaluation.hpp): the rule, a result per
// FAIL / UNKNOWN / SUPPRESSED finding with its level, repository-relative locations, fingerprints that survive
// a moved line, problems as tool notifications. Schema validity is iac_report_schemas (test_iac_reports.py).
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "control/control_metadata.hpp"
#include "iac_sample_evaluation.hpp"
#include "report/iac_report.hpp"

namespace trailguard::report {
namespace {

using nlohmann::json;

json sarif(const control::IacEvaluation& evaluation, const IacReportOptions& options = iac_sample::options()) {
  std::ostringstream out;
  write_iac_sarif(out, evaluation, options);
  return json::parse(out.str());
}

const json& run_of(const json& document) { return document.at("runs").at(0); }

// The result whose logical location names `address` (a reference into `document`, which must outlive it);
// fails the test when there is none.
const json& result_for(const json& document, const std::string& address) {
  for (const auto& result : run_of(document).at("results"))
    if (result.at("locations").at(0).at("logicalLocations").at(0).at("name") == address) return result;
  ADD_FAILURE() << "no result for " << address;
  static const json none = json::object();
  return none;
}

std::string fingerprint_of(const json& result) { return result.at("partialFingerprints").at("trailguardResource/v1"); }

TEST(IacSarif, OneRunWithTheToolAndTheControlAsItsRule) {
  const auto document = sarif(iac_sample::evaluation());
  EXPECT_EQ(document.at("version"), "2.1.0");
  ASSERT_EQ(document.at("runs").size(), 1u);
  const auto& driver = run_of(document).at("tool").at("driver");
  EXPECT_EQ(driver.at("name"), "trailguard");
  EXPECT_EQ(driver.at("version"), "9.8.7-test");
  EXPECT_EQ(driver.at("informationUri"), "https://trailguard.example/docs");
  ASSERT_EQ(driver.at("rules").size(), 1u);
  const auto& rule = driver.at("rules").at(0);
  const auto& m = control::control_metadata();
  EXPECT_EQ(rule.at("id"), "cloudtrail-multi-region-enabled");
  EXPECT_EQ(rule.at("shortDescription").at("text"), m.title);
  EXPECT_EQ(rule.at("fullDescription").at("text"), m.rationale);
  EXPECT_NE(rule.at("help").at("text").get<std::string>().find(m.remediation_text), std::string::npos);
  EXPECT_NE(rule.at("help").at("markdown").get<std::string>().find("# trailguard:ignore cloudtrail-multi-region-enabled <reason>"),
            std::string::npos);
  EXPECT_EQ(rule.at("helpUri"), m.references.at(0));
  EXPECT_EQ(rule.at("properties").at("tags").at(0), "security") << "code scanning files it as a security alert";
  EXPECT_EQ(rule.at("properties").at("security-severity"), "8.0") << "the control is high";
  EXPECT_EQ(rule.at("defaultConfiguration").at("level"), "error");
}

TEST(IacSarif, WithoutVersionOrHomePageTheyAreLeftOut) {
  auto options = iac_sample::options();
  options.tool_version.clear();
  options.information_uri.clear();
  const auto document = sarif(iac_sample::evaluation(), options);
  const auto& driver = run_of(document).at("tool").at("driver");
  EXPECT_FALSE(driver.contains("version"));
  EXPECT_FALSE(driver.contains("informationUri")) << "an empty string is not a URI";
}

TEST(IacSarif, FailUnknownAndSuppressedAreResultsAtTheirLevels) {
  const auto document = sarif(iac_sample::evaluation());
  const auto& results = run_of(document).at("results");
  ASSERT_EQ(results.size(), 3u) << "PASS and NOT_CREATED have no result";
  EXPECT_EQ(result_for(document, "module.audit.aws_cloudtrail.this[\"eu\"]").at("level"), "error");
  EXPECT_EQ(result_for(document, "aws_cloudtrail.from_var").at("level"), "warning");
  EXPECT_EQ(result_for(document, "OrgTrail").at("level"), "error") << "what it would be: a failure reason";
  for (const auto& result : results) {
    EXPECT_EQ(result.at("ruleId"), "cloudtrail-multi-region-enabled");
    EXPECT_EQ(result.at("ruleIndex"), 0);
  }
  const auto& unreported = run_of(document).at("properties").at("unreportedFindings");
  ASSERT_EQ(unreported.size(), 2u);
  EXPECT_EQ(unreported.at(0).at("resource"), "aws_cloudtrail.main");
  EXPECT_EQ(unreported.at(0).at("status"), "PASS");
  EXPECT_EQ(unreported.at(1).at("status"), "NOT_CREATED");
  EXPECT_EQ(unreported.at(1).at("file"), "infra/spare.tf");
  EXPECT_EQ(run_of(document).at("properties").at("verdict"), "PASS");
}

TEST(IacSarif, TheMessageCarriesTheSentenceAndEveryReason) {
  const auto document = sarif(iac_sample::evaluation());
  const std::string fail = result_for(document, "module.audit.aws_cloudtrail.this[\"eu\"]").at("message").at("text");
  EXPECT_EQ(fail.rfind(iac_sample::evaluation().findings[1].message, 0), 0u) << fail;
  EXPECT_EQ(fail.find("is_multi_region_trail is false"), fail.rfind("is_multi_region_trail is false")) << "said once: " << fail;
  EXPECT_NE(fail.find("[single_region_only,global_service_events_off]"), std::string::npos) << fail;

  const std::string suppressed = result_for(document, "OrgTrail").at("message").at("text");
  EXPECT_NE(suppressed.find("failure (single_region_only): IsMultiRegionTrail is false"), std::string::npos)
      << "what the suppression hides, in -o text's words: " << suppressed;
}

TEST(IacSarif, ASuppressedFindingIsSuppressedInSourceWithItsReason) {
  const auto document = sarif(iac_sample::evaluation());
  const auto& result = result_for(document, "OrgTrail");
  ASSERT_EQ(result.at("suppressions").size(), 1u);
  EXPECT_EQ(result.at("suppressions").at(0).at("kind"), "inSource");
  EXPECT_EQ(result.at("suppressions").at(0).at("justification"), "sandbox <account> & \"approved\" by security");
  EXPECT_EQ(result.at("properties").at("status"), "SUPPRESSED");
  EXPECT_FALSE(result_for(document, "aws_cloudtrail.from_var").contains("suppressions"));
}

TEST(IacSarif, FilesUnderTheBaseAreRelativeToSrcRootAndOthersAbsoluteUris) {
  const auto document = sarif(iac_sample::evaluation());
  EXPECT_EQ(run_of(document).at("originalUriBaseIds").at("%SRCROOT%").at("uri"), "file:///repo/");

  const auto& inside = result_for(document, "module.audit.aws_cloudtrail.this[\"eu\"]").at("locations").at(0);
  const auto& physical = inside.at("physicalLocation");
  EXPECT_EQ(physical.at("artifactLocation").at("uri"), "infra/modules/audit/trail.tf") << "normalised, '/'-separated";
  EXPECT_EQ(physical.at("artifactLocation").at("uriBaseId"), "%SRCROOT%");
  EXPECT_EQ(physical.at("region").at("startLine"), 10);
  EXPECT_EQ(physical.at("region").at("startColumn"), 1);
  EXPECT_EQ(inside.at("logicalLocations").at(0).at("kind"), "resource");

  const auto& outside = result_for(document, "OrgTrail").at("locations").at(0).at("physicalLocation").at("artifactLocation");
  EXPECT_EQ(outside.at("uri"), "file:///elsewhere/stacks/org%20trail.yaml") << "percent-encoded";
  EXPECT_FALSE(outside.contains("uriBaseId"));
}

TEST(IacSarif, ALocationWithoutALineHasNoRegion) {
  auto evaluation = iac_sample::evaluation();
  evaluation.findings[1].location.line = 0;  // plan JSON may name none
  const auto document = sarif(evaluation);
  const auto& physical = result_for(document, "module.audit.aws_cloudtrail.this[\"eu\"]").at("locations").at(0).at("physicalLocation");
  EXPECT_FALSE(physical.contains("region")) << "SARIF lines start at 1";
}

TEST(IacSarif, TheFingerprintFollowsRuleFileAndAddressNotTheLine) {
  const auto address = "module.audit.aws_cloudtrail.this[\"eu\"]";
  const auto original = fingerprint_of(result_for(sarif(iac_sample::evaluation()), address));
  EXPECT_EQ(original.size(), 16u);

  auto moved = iac_sample::evaluation();
  moved.findings[1].location.line += 40;
  moved.findings[1].location.column = 5;
  EXPECT_EQ(fingerprint_of(result_for(sarif(moved), address)), original) << "moving code keeps the alert";

  auto rebased = iac_sample::evaluation();  // the same repository checked out elsewhere
  rebased.findings[1].location.file = "/ci/work/infra/modules/audit/trail.tf";
  auto options = iac_sample::options();
  options.base_directory = "/ci/work/";
  EXPECT_EQ(fingerprint_of(result_for(sarif(rebased, options), address)), original) << "repository-relative, not absolute";

  auto renamed = iac_sample::evaluation();
  renamed.findings[1].address = "module.audit.aws_cloudtrail.this[\"us\"]";
  EXPECT_NE(fingerprint_of(result_for(sarif(renamed), "module.audit.aws_cloudtrail.this[\"us\"]")), original);

  auto other_file = iac_sample::evaluation();
  other_file.findings[1].location.file = "/repo/infra/other.tf";
  EXPECT_NE(fingerprint_of(result_for(sarif(other_file), address)), original);

  const auto document = sarif(iac_sample::evaluation());
  EXPECT_NE(fingerprint_of(result_for(document, "aws_cloudtrail.from_var")), original);
}

TEST(IacSarif, ProblemsAreToolNotificationsWithTheirPlace) {
  const auto document = sarif(iac_sample::evaluation());
  EXPECT_TRUE(run_of(document).at("results").is_array());
  const auto& invocation = run_of(document).at("invocations").at(0);
  EXPECT_TRUE(invocation.at("executionSuccessful")) << "other files were judged (exit 3, not 2)";
  ASSERT_EQ(invocation.at("toolExecutionNotifications").size(), 1u);
  const auto& notification = invocation.at("toolExecutionNotifications").at(0);
  EXPECT_EQ(notification.at("level"), "error");
  EXPECT_EQ(notification.at("message").at("text"), "expected '}' to close the block opened at 2:1");
  const auto& physical = notification.at("locations").at(0).at("physicalLocation");
  EXPECT_EQ(physical.at("artifactLocation").at("uri"), "infra/broken.tf");
  EXPECT_EQ(physical.at("region").at("startLine"), 7);
  EXPECT_EQ(physical.at("region").at("startColumn"), 12);
  const auto& descriptor = notification.at("descriptor");
  EXPECT_EQ(run_of(document).at("tool").at("driver").at("notifications").at(descriptor.at("index").get<int>()).at("id"),
            descriptor.at("id"));
}

TEST(IacSarif, TheRunFailsWhenNothingWasJudgedOrTheUsageIsWrong) {
  auto nothing = iac_sample::evaluation();
  nothing.findings.clear();
  nothing.files_read.clear();
  EXPECT_FALSE(run_of(sarif(nothing)).at("invocations").at(0).at("executionSuccessful"));

  auto usage = iac_sample::evaluation();
  usage.problems[0].usage_error = true;
  const auto document = sarif(usage);
  EXPECT_FALSE(run_of(document).at("invocations").at(0).at("executionSuccessful"));
  EXPECT_EQ(run_of(document).at("invocations").at(0).at("toolExecutionNotifications").at(0).at("descriptor").at("id"),
            "iac-usage-problem");

  auto clean = iac_sample::evaluation();
  clean.problems.clear();
  const auto clean_document = sarif(clean);
  const auto& invocation = run_of(clean_document).at("invocations").at(0);
  EXPECT_TRUE(invocation.at("executionSuccessful"));
  EXPECT_TRUE(invocation.at("toolExecutionNotifications").empty());
}

}  // namespace
}  // namespace trailguard::report
