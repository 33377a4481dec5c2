// write_iac_junit read back with pugixml: one testsuite, a testcase per finding (classname the file relative to
// the base directory, name the address) with the element its status calls for, a testcase per problem, the
// counts, and every string back as it was. xmllint validates the documents in iac_report_schemas.
#include <sstream>

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include "iac_sample_evaluation.hpp"
#include "report/iac_report.hpp"

namespace trailguard::report {
namespace {

pugi::xml_document junit(const control::IacEvaluation& evaluation) {
  std::ostringstream out;
  write_iac_junit(out, evaluation, iac_sample::options());
  pugi::xml_document document;
  const auto parsed = document.load_string(out.str().c_str());
  EXPECT_TRUE(parsed) << parsed.description() << "\n" << out.str();
  return document;
}

pugi::xml_node testcase(const pugi::xml_node& suite, const std::string& name) {
  const auto found = suite.find_child_by_attribute("testcase", "name", name.c_str());
  if (!found) {
    std::ostringstream xml;
    suite.print(xml);
    ADD_FAILURE() << "no testcase " << name << " in:\n" << xml.str();
  }
  return found;
}

// The outcome elements of a testcase (failure, error, skipped), by name.
std::vector<std::string> outcomes(const pugi::xml_node& testcase) {
  std::vector<std::string> out;
  for (const auto& child : testcase.children())
    if (std::string name = child.name(); name == "failure" || name == "error" || name == "skipped") out.push_back(name);
  return out;
}

TEST(IacJunit, OneSuiteWithItsCounts) {
  const auto document = junit(iac_sample::evaluation());
  const auto suites = document.child("testsuites");
  ASSERT_TRUE(suites);
  EXPECT_EQ(std::distance(suites.children("testsuite").begin(), suites.children("testsuite").end()), 1);
  const auto suite = suites.child("testsuite");
  EXPECT_STREQ(suite.attribute("name").value(), "trailguard iac");
  EXPECT_EQ(suite.attribute("tests").as_int(), 6) << "5 findings and a problem";
  EXPECT_EQ(suite.attribute("failures").as_int(), 1);
  EXPECT_EQ(suite.attribute("errors").as_int(), 2) << "UNKNOWN and the problem";
  EXPECT_EQ(suite.attribute("skipped").as_int(), 2) << "NOT_CREATED and SUPPRESSED";
  EXPECT_EQ(suites.attribute("tests").as_int(), 6);
  EXPECT_EQ(std::distance(suite.children("testcase").begin(), suite.children("testcase").end()), 6);
}

TEST(IacJunit, EachStatusHasItsElement) {
  const auto document_suite = junit(iac_sample::evaluation());
  const auto suite = document_suite.child("testsuites").child("testsuite");
  EXPECT_EQ(outcomes(testcase(suite, "aws_cloudtrail.main")), std::vector<std::string>{});
  EXPECT_EQ(outcomes(testcase(suite, "module.audit.aws_cloudtrail.this[\"eu\"]")), std::vector<std::string>{"failure"});
  EXPECT_EQ(outcomes(testcase(suite, "aws_cloudtrail.from_var")), std::vector<std::string>{"error"});
  EXPECT_EQ(outcomes(testcase(suite, "aws_cloudtrail.spare")), std::vector<std::string>{"skipped"});
  EXPECT_EQ(outcomes(testcase(suite, "OrgTrail")), std::vector<std::string>{"skipped"});
}

TEST(IacJunit, TheClassnameIsTheFileRelativeToTheBase) {
  const auto document_suite = junit(iac_sample::evaluation());
  const auto suite = document_suite.child("testsuites").child("testsuite");
  EXPECT_STREQ(testcase(suite, "module.audit.aws_cloudtrail.this[\"eu\"]").attribute("classname").value(), "infra/modules/audit/trail.tf");
  EXPECT_STREQ(testcase(suite, "OrgTrail").attribute("classname").value(), "/elsewhere/stacks/org trail.yaml") << "outside: as given";
}

TEST(IacJunit, MessagesTypesAndTextsComeBackUnchanged) {
  const auto evaluation = iac_sample::evaluation();
  const auto document_suite = junit(evaluation);
  const auto suite = document_suite.child("testsuites").child("testsuite");
  const auto failure = testcase(suite, evaluation.findings[1].address).child("failure");
  EXPECT_EQ(failure.attribute("message").value(), evaluation.findings[1].message);
  EXPECT_STREQ(failure.attribute("type").value(), "single_region_only,global_service_events_off");
  const std::string text = failure.text().get();
  EXPECT_EQ(text.rfind(evaluation.findings[1].message + "\ninfra/modules/audit/trail.tf:10:1\n", 0), 0u) << text;
  EXPECT_NE(text.find("failure (global_service_events_off): include_global_service_events is false"), std::string::npos) << text;

  const auto skipped = testcase(suite, "OrgTrail").child("skipped");
  EXPECT_EQ(skipped.attribute("message").value(), evaluation.findings[4].message) << "markup and quotes escaped and back";
  EXPECT_NE(std::string(skipped.text().get()).find("failure (single_region_only)"), std::string::npos) << "what it would be";
  const auto spare = testcase(suite, "aws_cloudtrail.spare").child("skipped");
  EXPECT_NE(std::string(spare.text().get()).find("note: count = 0"), std::string::npos);
  EXPECT_STREQ(spare.attribute("type").value(), "NOT_CREATED") << "no reason codes: the status";
}

TEST(IacJunit, AProblemIsATestcaseWithAnError) {
  const auto document_suite = junit(iac_sample::evaluation());
  const auto suite = document_suite.child("testsuites").child("testsuite");
  const auto problem = testcase(suite, "infra/broken.tf:7:12");
  EXPECT_STREQ(problem.attribute("classname").value(), "infra/broken.tf");
  EXPECT_STREQ(problem.child("error").attribute("message").value(), "expected '}' to close the block opened at 2:1");
  EXPECT_STREQ(problem.child("error").attribute("type").value(), "input_problem");
  EXPECT_STREQ(problem.child("error").text().get(), "infra/broken.tf:7:12: expected '}' to close the block opened at 2:1");
}

TEST(IacJunit, AProblemOfNoFileStillHasANameAndItsMessage) {
  auto evaluation = iac_sample::evaluation();
  evaluation.problems = {{{"", 0, 0}, "no PATH names a file", true}};
  const auto document_suite = junit(evaluation);
  const auto suite = document_suite.child("testsuites").child("testsuite");
  const auto problem = testcase(suite, "trailguard iac");
  EXPECT_STREQ(problem.child("error").attribute("type").value(), "usage_problem");
  EXPECT_STREQ(problem.child("error").text().get(), "no PATH names a file");
}

TEST(IacJunit, APassWithWarningsSaysThemInSystemOut) {
  auto evaluation = iac_sample::evaluation();
  evaluation.findings[0].reasons = {{control::ReasonCode::excluded_event_sources_allowed, "kms.amazonaws.com is excluded"}};
  const auto document_suite = junit(evaluation);
  const auto suite = document_suite.child("testsuites").child("testsuite");
  const auto pass = testcase(suite, "aws_cloudtrail.main");
  EXPECT_TRUE(outcomes(pass).empty());
  EXPECT_NE(std::string(pass.child("system-out").text().get()).find("kms.amazonaws.com is excluded"), std::string::npos);
}

}  // namespace
}  // namespace trailguard::report
