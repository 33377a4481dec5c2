// evaluate_iac over hand-built IacInput: each finding status (PASS, FAIL, UNKNOWN, NOT_CREATED, SUPPRESSED),
// the verdict rules (one passing created trail is enough; otherwise anything unknown or unreadable makes it
// UNKNOWN, never PASS; else FAIL), and what only code can say: a trail that may not be created, a
// CloudFormation trail without IsLogging, the combination AWS rejects at deploy.
#include <gtest/gtest.h>

#include <algorithm>

#include "control/iac_judgement.hpp"
#include "model_builders.hpp"

namespace trailguard::control {
namespace {

using model::Known;

model::DeclaredTrail declared(const std::string& address, model::Trail trail,
                              Known<bool> created = Known<bool>::stated(true, "main.tf:1")) {
  model::DeclaredTrail out;
  out.format = model::IacFormat::terraform;
  out.address = address;
  out.location = {"main.tf", 3, 1};
  out.created = std::move(created);
  out.trail = std::move(trail);
  return out;
}

model::Trail passing(const std::string& name = "main") { return builders::passing_trail(name); }

model::Trail single_region(const std::string& name = "main") { return builders::single_region_trail(name, "us-east-1"); }

model::IacInput input_of(std::vector<model::DeclaredTrail> trails, std::vector<model::IacProblem> problems = {}) {
  model::IacInput input;
  input.trails = std::move(trails);
  input.problems = std::move(problems);
  input.files_read = {"main.tf"};
  return input;
}

bool has_reason(const IacFinding& finding, ReasonCode code) {
  return std::any_of(finding.reasons.begin(), finding.reasons.end(), [&](const Reason& r) { return r.code == code; });
}

const Reason* reason_of(const IacFinding& finding, ReasonCode code) {
  for (const auto& reason : finding.reasons)
    if (reason.code == code) return &reason;
  return nullptr;
}

TEST(IacStatusNames, AsTheReportsSpellThem) {
  EXPECT_EQ(to_string(IacStatus::pass), "PASS");
  EXPECT_EQ(to_string(IacStatus::fail), "FAIL");
  EXPECT_EQ(to_string(IacStatus::unknown), "UNKNOWN");
  EXPECT_EQ(to_string(IacStatus::not_created), "NOT_CREATED");
  EXPECT_EQ(to_string(IacStatus::suppressed), "SUPPRESSED");
}

TEST(IacFindings, PassingCreatedTrailPassesAndNamesItsPlace) {
  const auto evaluation = evaluate_iac(input_of({declared("aws_cloudtrail.main", passing())}), {});
  ASSERT_EQ(evaluation.findings.size(), 1u);
  EXPECT_EQ(evaluation.findings[0].status, IacStatus::pass);
  EXPECT_EQ(evaluation.findings[0].address, "aws_cloudtrail.main");
  EXPECT_EQ(evaluation.findings[0].location.line, 3);
  EXPECT_EQ(evaluation.verdict, IacStatus::pass);
  EXPECT_NE(evaluation.verdict_message.find("aws_cloudtrail.main (main.tf:3)"), std::string::npos) << evaluation.verdict_message;
  EXPECT_EQ(evaluation.files_read, std::vector<std::string>{"main.tf"});
}

TEST(IacFindings, EachFailureOfTheTrailIsAFail) {
  auto not_logging = passing();
  not_logging.status = model::TrailStatus{false, "", "test"};
  auto write_only = passing();
  write_only.selectors = builders::basic_selectors({builders::basic_selector(model::ReadWriteType::write_only)});
  auto excluded = passing();
  excluded.selectors = builders::basic_selectors({builders::basic_selector(model::ReadWriteType::all, true, {"kms.amazonaws.com"})});
  const std::vector<std::pair<model::Trail, ReasonCode>> cases = {
      {single_region(), ReasonCode::single_region_only},
      {not_logging, ReasonCode::not_logging},
      {write_only, ReasonCode::management_events_write_only},
      {excluded, ReasonCode::management_events_excluded},
  };
  for (const auto& [trail, code] : cases) {
    const auto evaluation = evaluate_iac(input_of({declared("aws_cloudtrail.t", trail)}), {});
    ASSERT_EQ(evaluation.findings.size(), 1u);
    SCOPED_TRACE(std::string(to_string(code)));
    EXPECT_EQ(evaluation.findings[0].status, IacStatus::fail) << evaluation.findings[0].message;
    EXPECT_TRUE(has_reason(evaluation.findings[0], code)) << evaluation.findings[0].message;
    EXPECT_EQ(evaluation.verdict, IacStatus::fail);
    EXPECT_NE(evaluation.findings[0].message.find("aws_cloudtrail.t fails"), std::string::npos) << evaluation.findings[0].message;
  }
}

TEST(IacFindings, ExcludedSourcesAllowedByTheOptionPassWithAWarning) {
  auto excluded = passing();
  excluded.selectors = builders::basic_selectors({builders::basic_selector(model::ReadWriteType::all, true, {"kms.amazonaws.com"})});
  EvaluationOptions options;
  options.excluded_sources = ExcludedSources::allow;
  const auto evaluation = evaluate_iac(input_of({declared("aws_cloudtrail.t", excluded)}), options);
  ASSERT_EQ(evaluation.findings.size(), 1u);
  EXPECT_EQ(evaluation.findings[0].status, IacStatus::pass);
  EXPECT_TRUE(has_reason(evaluation.findings[0], ReasonCode::excluded_event_sources_allowed));
}

TEST(IacFindings, UnknownFactIsUnknownNeverPass) {
  auto trail = passing();
  trail.is_multi_region = Known<bool>::unknown("main.tf:4: is_multi_region_trail is unknown: var.multi has no value");
  const auto evaluation = evaluate_iac(input_of({declared("aws_cloudtrail.main", trail)}), {});
  ASSERT_EQ(evaluation.findings.size(), 1u);
  EXPECT_EQ(evaluation.findings[0].status, IacStatus::unknown);
  EXPECT_NE(evaluation.findings[0].message.find("cannot be judged"), std::string::npos) << evaluation.findings[0].message;
  EXPECT_EQ(evaluation.verdict, IacStatus::unknown);
}

TEST(IacFindings, UnresolvedSelectorsAreUnknown) {
  auto trail = passing();
  trail.selectors = model::ReadError{"Terraform", "", "UnresolvedValue", "event_selector is unknown"};
  const auto evaluation = evaluate_iac(input_of({declared("aws_cloudtrail.main", trail)}), {});
  ASSERT_EQ(evaluation.findings.size(), 1u);
  EXPECT_EQ(evaluation.findings[0].status, IacStatus::unknown);
  EXPECT_TRUE(has_reason(evaluation.findings[0], ReasonCode::event_selectors_unreadable));
  EXPECT_EQ(evaluation.verdict, IacStatus::unknown);
}

TEST(IacCreated, NotCreatedIsReportedWithWhyAndNeverPasses) {
  const auto evaluation = evaluate_iac(
      input_of({declared("aws_cloudtrail.main", passing(), Known<bool>::stated(false, "main.tf:1: count 0 or an empty for_each"))}), {});
  ASSERT_EQ(evaluation.findings.size(), 1u);
  const auto& finding = evaluation.findings[0];
  EXPECT_EQ(finding.status, IacStatus::not_created);
  EXPECT_TRUE(finding.reasons.empty());
  ASSERT_FALSE(finding.notes.empty());
  EXPECT_EQ(finding.notes.back(), "main.tf:1: count 0 or an empty for_each");
  EXPECT_NE(finding.message.find("count 0"), std::string::npos) << finding.message;
  EXPECT_EQ(evaluation.verdict, IacStatus::fail);
  EXPECT_NE(evaluation.verdict_message.find("creates no CloudTrail trail"), std::string::npos) << evaluation.verdict_message;
}

TEST(IacCreated, MaybeCreatedPassingTrailIsUnknownNotPass) {
  const auto evaluation = evaluate_iac(
      input_of({declared("aws_cloudtrail.main", passing(), Known<bool>::unknown("count of aws_cloudtrail.main cannot be resolved"))}), {});
  ASSERT_EQ(evaluation.findings.size(), 1u);
  const auto& finding = evaluation.findings[0];
  EXPECT_EQ(finding.status, IacStatus::unknown);
  const auto* reason = reason_of(finding, ReasonCode::trail_facts_unknown);
  ASSERT_NE(reason, nullptr) << finding.message;
  EXPECT_NE(reason->text.find("whether aws_cloudtrail.main is created is unknown: count of aws_cloudtrail.main cannot be resolved"),
            std::string::npos)
      << reason->text;
  EXPECT_EQ(evaluation.verdict, IacStatus::unknown);
}

TEST(IacCreated, MaybeCreatedFailingTrailStillFails) {
  // Created or not, it cannot satisfy the control; nothing unknown could change that.
  const auto evaluation = evaluate_iac(input_of({declared("aws_cloudtrail.main", single_region(), Known<bool>::unknown("?"))}), {});
  ASSERT_EQ(evaluation.findings.size(), 1u);
  EXPECT_EQ(evaluation.findings[0].status, IacStatus::fail);
  EXPECT_EQ(evaluation.verdict, IacStatus::fail);
}

TEST(IacDeployRejection, MultiRegionWithoutGlobalEventsSaysAwsRejectsIt) {
  auto trail = passing();
  trail.include_global_service_events = Known<bool>::stated(false, "main.tf:5");
  const auto evaluation = evaluate_iac(input_of({declared("aws_cloudtrail.main", trail)}), {});
  ASSERT_EQ(evaluation.findings.size(), 1u);
  const auto& finding = evaluation.findings[0];
  EXPECT_EQ(finding.status, IacStatus::fail);
  const auto* reason = reason_of(finding, ReasonCode::global_service_events_off);
  ASSERT_NE(reason, nullptr) << finding.message;
  EXPECT_NE(reason->text.find("AWS rejects a multi-region trail without global service events at deploy"), std::string::npos)
      << reason->text;
  EXPECT_NE(reason->text.find("InvalidParameterCombinationException"), std::string::npos) << reason->text;
  EXPECT_NE(finding.message.find("AWS rejects"), std::string::npos) << finding.message;
}

TEST(IacDeployRejection, SingleRegionWithoutGlobalEventsIsNotThatCombination) {
  auto trail = single_region();
  trail.include_global_service_events = Known<bool>::stated(false, "main.tf:5");
  const auto evaluation = evaluate_iac(input_of({declared("aws_cloudtrail.main", trail)}), {});
  ASSERT_EQ(evaluation.findings.size(), 1u);
  EXPECT_EQ(evaluation.findings[0].status, IacStatus::fail);
  EXPECT_EQ(evaluation.findings[0].message.find("AWS rejects"), std::string::npos) << evaluation.findings[0].message;
}

TEST(IacLoggingNotDeclared, FailsWithItsOwnReasonFirst) {
  auto trail = passing("OrgTrail");
  auto cfn = declared("OrgTrail", trail);
  cfn.format = model::IacFormat::cloudformation;
  cfn.logging_not_declared = true;
  const auto evaluation = evaluate_iac(input_of({cfn}), {});
  ASSERT_EQ(evaluation.findings.size(), 1u);
  const auto& finding = evaluation.findings[0];
  EXPECT_EQ(finding.status, IacStatus::fail);
  EXPECT_EQ(finding.format, model::IacFormat::cloudformation);
  ASSERT_FALSE(finding.reasons.empty());
  EXPECT_EQ(finding.reasons[0].code, ReasonCode::logging_not_declared);
  EXPECT_NE(finding.reasons[0].text.find("IsLogging: true"), std::string::npos) << finding.reasons[0].text;
  EXPECT_EQ(evaluation.verdict, IacStatus::fail);
}

TEST(IacSuppression, ReportedWithItsReasonAndWhatItWouldHaveBeen) {
  auto sandbox = declared("aws_cloudtrail.sandbox", single_region("sandbox"));
  sandbox.suppression_reason = "single-region by design: sandbox account";
  const auto evaluation = evaluate_iac(input_of({sandbox}), {});
  ASSERT_EQ(evaluation.findings.size(), 1u);
  const auto& finding = evaluation.findings[0];
  EXPECT_EQ(finding.status, IacStatus::suppressed);
  EXPECT_EQ(finding.suppression_reason, "single-region by design: sandbox account");
  EXPECT_NE(finding.message.find("suppressed: single-region by design: sandbox account"), std::string::npos) << finding.message;
  EXPECT_TRUE(has_reason(finding, ReasonCode::single_region_only)) << "the reasons say what it would have been";
  EXPECT_NE(evaluation.verdict, IacStatus::pass) << "a suppressed trail does not satisfy the control";
}

TEST(IacSuppression, ASuppressedPassingTrailDoesNotMakeTheVerdictPass) {
  auto main = declared("aws_cloudtrail.main", passing());
  main.suppression_reason = "owned by the platform team";
  const auto evaluation = evaluate_iac(input_of({main}), {});
  ASSERT_EQ(evaluation.findings.size(), 1u);
  EXPECT_EQ(evaluation.findings[0].status, IacStatus::suppressed);
  EXPECT_NE(evaluation.verdict, IacStatus::pass);
}

TEST(IacSuppression, NotCreatedWinsOverSuppression) {
  auto gone = declared("aws_cloudtrail.gone", single_region(), Known<bool>::stated(false, "planned delete"));
  gone.suppression_reason = "r";
  const auto evaluation = evaluate_iac(input_of({gone}), {});
  ASSERT_EQ(evaluation.findings.size(), 1u);
  EXPECT_EQ(evaluation.findings[0].status, IacStatus::not_created);
}

TEST(IacVerdict, OnePassingTrailIsEnoughAndIsTheOneNamed) {
  const auto evaluation = evaluate_iac(input_of({declared("aws_cloudtrail.regional", single_region("regional")),
                                                 declared("aws_cloudtrail.org", passing("org")),
                                                 declared("aws_cloudtrail.second", passing("second"))}),
                                       {});
  ASSERT_EQ(evaluation.findings.size(), 3u);
  EXPECT_EQ(evaluation.findings[0].address, "aws_cloudtrail.regional") << "findings in input order";
  EXPECT_EQ(evaluation.findings[0].status, IacStatus::fail);
  EXPECT_EQ(evaluation.findings[1].status, IacStatus::pass);
  EXPECT_EQ(evaluation.verdict, IacStatus::pass);
  EXPECT_NE(evaluation.verdict_message.find("aws_cloudtrail.org"), std::string::npos) << evaluation.verdict_message;
}

// Many findings after the passing one make the vector reallocate: the verdict must not keep a pointer into it.
TEST(IacVerdict, TheFirstPassingTrailIsNamedAfterManyMore) {
  std::vector<model::DeclaredTrail> trails = {declared("aws_cloudtrail.first", passing("first"))};
  for (int i = 0; i < 100; ++i) trails.push_back(declared("aws_cloudtrail.more" + std::to_string(i), passing()));
  const auto evaluation = evaluate_iac(input_of(std::move(trails)), {});
  EXPECT_EQ(evaluation.verdict, IacStatus::pass);
  EXPECT_EQ(evaluation.verdict_message, "aws_cloudtrail.first (main.tf:3) satisfies the control");
}

TEST(IacVerdict, UnknownBesideAFailIsUnknown) {
  auto unknown = passing("maybe");
  unknown.status = model::ReadError{"Terraform", "", "UnresolvedValue", "enable_logging is unknown"};
  const auto evaluation = evaluate_iac(input_of({declared("aws_cloudtrail.a", single_region("a")), declared("aws_cloudtrail.b", unknown)}), {});
  ASSERT_EQ(evaluation.findings.size(), 2u);
  EXPECT_EQ(evaluation.findings[1].status, IacStatus::unknown);
  EXPECT_EQ(evaluation.verdict, IacStatus::unknown);
  EXPECT_NE(evaluation.verdict_message.find("cannot be judged"), std::string::npos) << evaluation.verdict_message;
}

TEST(IacVerdict, ProblemsMakeItUnknownNotPassOrFail) {
  const model::IacProblem problem{{"broken.tf", 2, 7}, "unexpected token"};
  const auto only_problem = evaluate_iac(input_of({}, {problem}), {});
  EXPECT_EQ(only_problem.verdict, IacStatus::unknown);
  ASSERT_EQ(only_problem.problems.size(), 1u);
  EXPECT_EQ(only_problem.problems[0].location.line, 2);
  EXPECT_NE(only_problem.verdict_message.find("could not be read"), std::string::npos) << only_problem.verdict_message;

  const auto beside_fail = evaluate_iac(input_of({declared("aws_cloudtrail.a", single_region())}, {problem}), {});
  EXPECT_EQ(beside_fail.verdict, IacStatus::unknown) << "the unread file might hold the passing trail";

  // An unread file cannot undo a trail that is known to pass: the control needs only one.
  const auto beside_pass = evaluate_iac(input_of({declared("aws_cloudtrail.a", passing())}, {problem}), {});
  EXPECT_EQ(beside_pass.verdict, IacStatus::pass);
  EXPECT_EQ(beside_pass.problems.size(), 1u) << "the problem is still reported";
}

TEST(IacVerdict, NoTrailAtAllFails) {
  const auto evaluation = evaluate_iac(input_of({}), {});
  EXPECT_TRUE(evaluation.findings.empty());
  EXPECT_EQ(evaluation.verdict, IacStatus::fail);
  EXPECT_NE(evaluation.verdict_message.find("declares no CloudTrail trail"), std::string::npos) << evaluation.verdict_message;
}

TEST(IacVerdict, NotesOfTheInputAndOfTheTrailAreKept) {
  auto trail = declared("module.audit.aws_cloudtrail.this", passing());
  trail.notes = {"module.audit: a registry module, not read"};
  auto input = input_of({trail});
  input.notes = {"x.tf: not a Terraform file"};
  const auto evaluation = evaluate_iac(input, {});
  EXPECT_EQ(evaluation.notes, input.notes);
  ASSERT_EQ(evaluation.findings.size(), 1u);
  EXPECT_EQ(evaluation.findings[0].notes, trail.notes);
}

}  // namespace
}  // namespace trailguard::control
