// One test per rule of the control (issue #2's list), against the pure evaluator.
#include "control/evaluator.hpp"
#include "control/trail_judgement.hpp"

#include <algorithm>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "model_builders.hpp"

namespace trailguard::control {
namespace {

using model::ReadWriteType;
using ::testing::Contains;
using ::testing::Each;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAreArray;
using namespace trailguard::builders;

std::vector<ReasonCode> codes(const Finding& f) {
  std::vector<ReasonCode> out;
  for (const auto& r : f.reasons) out.push_back(r.code);
  return out;
}

const Finding& in_region(const Evaluation& e, const std::string& region) {
  const auto it = std::find_if(e.findings.begin(), e.findings.end(), [&](const Finding& f) { return f.region == region; });
  if (it == e.findings.end()) throw std::runtime_error("no finding for " + region);
  return *it;
}

void expect_everywhere(const Evaluation& e, Status status, std::vector<ReasonCode> expected) {
  ASSERT_FALSE(e.findings.empty());
  for (const auto& f : e.findings) {
    EXPECT_EQ(f.status, status) << f.region << ": " << f.message;
    EXPECT_THAT(codes(f), UnorderedElementsAreArray(expected)) << f.region << ": " << f.message;
  }
}

model::Trail with_selectors(model::EventSelectors selectors) {
  auto t = passing_trail();
  t.selectors = std::move(selectors);
  return t;
}

TEST(Evaluator, MultiRegionLoggingReadWriteTrailPassesEveryRegion) {
  const auto e = evaluate(account_with({passing_trail()}));
  expect_everywhere(e, Status::pass, {});
  EXPECT_EQ(e.findings.size(), 3u);
  EXPECT_THAT(e.findings, Each(Field(&Finding::trails, ElementsAre("arn:aws:cloudtrail:us-east-1:111111111111:trail/main"))));
  EXPECT_EQ(e.verdict.status, Status::pass);
  EXPECT_EQ(e.verdict.passed, 3);
}

TEST(Evaluator, AdvancedManagementSelectorWithoutReadOnlyPasses) {
  const auto e = evaluate(account_with({with_selectors(advanced_selectors(
      {advanced_selector("anything", {field("eventCategory", {"Management"})}),
       advanced_selector("s3 data", {field("eventCategory", {"Data"}), field("resources.type", {"AWS::S3::Object"})})}))}));
  expect_everywhere(e, Status::pass, {});
}

TEST(Evaluator, SelectorsAnswerWithNeitherKindRecordsNothing) {
  expect_everywhere(evaluate(account_with({with_selectors(model::EventSelectors{})})), Status::fail,
                    {ReasonCode::management_events_not_recorded});
}

TEST(Evaluator, ShadowTrailsAreOneTrail) {
  auto home = passing_trail();
  auto shadow_eu = passing_trail();
  shadow_eu.seen_in_regions = {"eu-west-1"};
  shadow_eu.status = model::Observed<model::TrailStatus>{};  // a shadow listing carries no status of its own
  auto shadow_ap = shadow_eu;
  shadow_ap.seen_in_regions = {"ap-south-1"};
  const auto account = account_with({home, shadow_eu, shadow_ap});
  ASSERT_EQ(account.trails.size(), 1u);
  EXPECT_THAT(account.trails[0].seen_in_regions, UnorderedElementsAreArray({"us-east-1", "eu-west-1", "ap-south-1"}));
  const auto e = evaluate(account);
  expect_everywhere(e, Status::pass, {});
  EXPECT_THAT(e.findings, Each(Field(&Finding::trails, ::testing::SizeIs(1))));
}

TEST(Evaluator, ShadowCopyDoesNotHideTheHomeRegionsStatus) {
  auto shadow = passing_trail();
  shadow.status = model::ReadError{"GetTrailStatus", "eu-west-1", "AccessDenied", "denied"};
  auto account = account_with({shadow});
  model::add_or_merge_trail(account, passing_trail());  // the home region's read arrives later and wins
  expect_everywhere(evaluate(account), Status::pass, {});
}

// Issue #10: "region X has only single-region trail(s)" was said in the home region of a (failing)
// multi-region trail too; the sentence must be true there as well.
TEST(Evaluator, SingleRegionSentenceIsTrueBesideAFailingMultiRegionTrail) {
  auto stopped = passing_trail("stopped", "eu-west-1");
  stopped.status = model::TrailStatus{false, "", "test"};
  const auto e = evaluate(account_with({stopped, single_region_trail("local", "eu-west-1")}));
  const auto& home = in_region(e, "eu-west-1");
  EXPECT_THAT(codes(home), UnorderedElementsAreArray({ReasonCode::not_logging, ReasonCode::single_region_only}));
  EXPECT_THAT(home.message, ::testing::Not(HasSubstr("has only")));
  EXPECT_THAT(home.message, HasSubstr("trail 'local' (arn:aws:cloudtrail:eu-west-1:111111111111:trail/local) is single-region, "
                                      "recording only eu-west-1"));
}

// Issue #10: a trail whose ARN names another region than HomeRegion contradicts itself.
TEST(Evaluator, ContradictoryTrailCannotPass) {
  auto t = passing_trail();
  t.contradictions = {"describe-trails.json: trailList[0]: its ARN names region us-east-1, its HomeRegion eu-west-1"};
  const auto e = evaluate(account_with({t}));
  expect_everywhere(e, Status::error, {ReasonCode::trail_facts_unknown});
  EXPECT_THAT(e.findings[0].message, HasSubstr("its HomeRegion eu-west-1"));
}

TEST(Evaluator, ContradictionDoesNotHideADefiniteFailure) {
  auto t = passing_trail();
  t.contradictions = {"its ARN names region us-east-1, its HomeRegion eu-west-1"};
  t.status = model::TrailStatus{false, "", "test"};
  expect_everywhere(evaluate(account_with({t})), Status::fail, {ReasonCode::not_logging});
}

TEST(Evaluator, NoTrailFailsEveryRegion) {
  expect_everywhere(evaluate(account_with({})), Status::fail, {ReasonCode::no_trail});
}

TEST(Evaluator, SingleRegionTrailsNeverPass) {
  const auto e = evaluate(account_with({single_region_trail("local", "eu-west-1")}));
  EXPECT_EQ(in_region(e, "eu-west-1").status, Status::fail);
  EXPECT_THAT(codes(in_region(e, "eu-west-1")), ElementsAre(ReasonCode::single_region_only));
  EXPECT_THAT(codes(in_region(e, "us-east-1")), ElementsAre(ReasonCode::no_trail));
  EXPECT_THAT(codes(in_region(e, "ap-south-1")), ElementsAre(ReasonCode::no_trail));
  EXPECT_EQ(e.verdict.status, Status::fail);
}

TEST(Evaluator, MultiRegionTrailNotLoggingFails) {
  auto t = passing_trail();
  t.status = model::TrailStatus{false, "", "test"};
  expect_everywhere(evaluate(account_with({t})), Status::fail, {ReasonCode::not_logging});
}

TEST(Evaluator, ReadOnlyBasicSelectorFails) {
  expect_everywhere(evaluate(account_with({with_selectors(basic_selectors({basic_selector(ReadWriteType::read_only)}))})),
                    Status::fail, {ReasonCode::management_events_read_only});
}

TEST(Evaluator, WriteOnlyBasicSelectorFails) {
  expect_everywhere(evaluate(account_with({with_selectors(basic_selectors({basic_selector(ReadWriteType::write_only)}))})),
                    Status::fail, {ReasonCode::management_events_write_only});
}

TEST(Evaluator, IncludeManagementEventsFalseFails) {
  auto selector = basic_selector(ReadWriteType::all, false);
  selector.data_resources.push_back({"AWS::S3::Object", {"arn:aws:s3"}});
  expect_everywhere(evaluate(account_with({with_selectors(basic_selectors({selector}))})), Status::fail,
                    {ReasonCode::management_events_not_recorded});
}

TEST(Evaluator, AdvancedReadOnlyTrueFails) {
  expect_everywhere(evaluate(account_with({with_selectors(advanced_selectors({advanced_selector(
                        "mgmt", {field("eventCategory", {"Management"}), field("readOnly", {"true"})})}))})),
                    Status::fail, {ReasonCode::management_events_read_only});
}

TEST(Evaluator, AdvancedReadOnlyFalseFails) {
  expect_everywhere(evaluate(account_with({with_selectors(advanced_selectors({advanced_selector(
                        "mgmt", {field("eventCategory", {"Management"}), field("readOnly", {"false"})})}))})),
                    Status::fail, {ReasonCode::management_events_write_only});
}

TEST(Evaluator, AdvancedReadOnlyTrueAndFalseSelectorsTogetherPassWithNote) {
  expect_everywhere(evaluate(account_with({with_selectors(advanced_selectors(
                        {advanced_selector("r", {field("eventCategory", {"Management"}), field("readOnly", {"true"})}),
                         advanced_selector("w", {field("eventCategory", {"Management"}), field("readOnly", {"false"})})}))})),
                    Status::pass, {ReasonCode::read_write_split_selectors});
}

TEST(Evaluator, GlobalServiceEventsOffFails) {
  auto t = passing_trail();
  t.include_global_service_events = model::Known<bool>::stated(false, "test");
  expect_everywhere(evaluate(account_with({t})), Status::fail, {ReasonCode::global_service_events_off});
}

TEST(Evaluator, OrganizationTrailFromManagementAccountCountsForMember) {
  auto org = passing_trail("org", "us-east-1", "999999999999");
  org.is_organization_trail = model::Known<bool>::stated(true, "test");
  const auto e = evaluate(account_with({org}));
  expect_everywhere(e, Status::pass, {});
  EXPECT_EQ(e.verdict.account_id, kAccount);
}

TEST(Evaluator, ExcludedManagementEventSourcesFailByDefaultNamingThem) {
  const auto t = with_selectors(
      basic_selectors({basic_selector(ReadWriteType::all, true, {"kms.amazonaws.com", "rdsdata.amazonaws.com"})}));
  const auto e = evaluate(account_with({t}));
  expect_everywhere(e, Status::fail, {ReasonCode::management_events_excluded});
  EXPECT_THAT(e.findings[0].message, HasSubstr("kms.amazonaws.com"));
  EXPECT_THAT(e.findings[0].message, HasSubstr("rdsdata.amazonaws.com"));
}

TEST(Evaluator, ExcludedSourcesPassWithWarningWhenAllowed) {
  const auto t = with_selectors(basic_selectors({basic_selector(ReadWriteType::all, true, {"kms.amazonaws.com"})}));
  EvaluationOptions options;
  options.excluded_sources = ExcludedSources::allow;
  expect_everywhere(evaluate(account_with({t}), options), Status::pass, {ReasonCode::excluded_event_sources_allowed});
}

// Issue #10: allowed exclusions were still listed as a failure beside write-only.
TEST(Evaluator, AllowedExclusionsAreAWarningWhateverElseFails) {
  const auto t = with_selectors(basic_selectors({basic_selector(ReadWriteType::write_only, true, {"kms.amazonaws.com"})}));
  EvaluationOptions options;
  options.excluded_sources = ExcludedSources::allow;
  expect_everywhere(evaluate(account_with({t}), options), Status::fail, {ReasonCode::management_events_write_only});
  const auto judgement = judge_trail(t, "111111111111", options);
  std::vector<ReasonCode> codes;
  for (const auto& r : judgement.reasons) codes.push_back(r.code);
  EXPECT_THAT(codes, ::testing::UnorderedElementsAre(ReasonCode::management_events_write_only,
                                                      ReasonCode::excluded_event_sources_allowed));
}

TEST(Evaluator, WithoutTheFlagExclusionsFailBesideWriteOnly) {
  const auto t = with_selectors(basic_selectors({basic_selector(ReadWriteType::write_only, true, {"kms.amazonaws.com"})}));
  expect_everywhere(evaluate(account_with({t})), Status::fail,
                    {ReasonCode::management_events_write_only, ReasonCode::management_events_excluded});
}

TEST(Evaluator, ExclusionsThatNoSelectorSharesDoNotNarrow) {
  const auto t = with_selectors(basic_selectors({basic_selector(ReadWriteType::all, true, {"kms.amazonaws.com"}),
                                                 basic_selector(ReadWriteType::all, true, {"rdsdata.amazonaws.com"})}));
  expect_everywhere(evaluate(account_with({t})), Status::pass, {});
}

class AdvancedNarrowing : public ::testing::TestWithParam<const char*> {};

TEST_P(AdvancedNarrowing, AnyFilterBesidesReadOnlyNarrowsManagementEvents) {
  model::FieldSelector narrowing;
  narrowing.field = GetParam();
  narrowing.not_equals = {"kms.amazonaws.com"};
  const auto e = evaluate(account_with({with_selectors(
      advanced_selectors({advanced_selector("mgmt", {field("eventCategory", {"Management"}), narrowing})}))}));
  expect_everywhere(e, Status::fail, {ReasonCode::management_events_excluded});
  EXPECT_THAT(e.findings[0].message, HasSubstr(std::string(GetParam()) + " NotEquals [kms.amazonaws.com]"));
}

INSTANTIATE_TEST_SUITE_P(Fields, AdvancedNarrowing, ::testing::Values("eventSource", "eventName", "eventType"));

TEST(Evaluator, AdvancedSelectorsAreJudgedByWhatTheySelectNotTheirName) {
  expect_everywhere(evaluate(account_with({with_selectors(advanced_selectors({advanced_selector(
                        "Management events selector",
                        {field("eventCategory", {"Data"}), field("resources.type", {"AWS::S3::Object"})})}))})),
                    Status::fail, {ReasonCode::management_events_not_recorded});
}

TEST(Evaluator, ReadOnlyPlusWriteOnlyBasicSelectorsPassWithNote) {
  const auto e = evaluate(account_with({with_selectors(basic_selectors(
      {basic_selector(ReadWriteType::read_only), basic_selector(ReadWriteType::write_only)}))}));
  expect_everywhere(e, Status::pass, {ReasonCode::read_write_split_selectors});
  EXPECT_THAT(e.findings[0].message, HasSubstr("CIS"));
}

TEST(Evaluator, LatestDeliveryErrorIsAWarningOnAPass) {
  auto t = passing_trail();
  t.status = model::TrailStatus{true, "AccessDenied", "test"};
  const auto e = evaluate(account_with({t}));
  expect_everywhere(e, Status::pass, {ReasonCode::latest_delivery_error});
  EXPECT_THAT(e.findings[0].message, HasSubstr("AccessDenied"));
}

TEST(Evaluator, MemberCannotReadOrganizationTrailSelectorsIsError) {
  auto org = passing_trail("org", "us-east-1", "999999999999");
  org.is_organization_trail = model::Known<bool>::stated(true, "test");
  org.selectors = model::ReadError{"GetEventSelectors", "us-east-1", "TrailNotFoundException", "Unknown trail"};
  const auto e = evaluate(account_with({org}));
  expect_everywhere(e, Status::error, {ReasonCode::org_trail_selectors_unreadable});
  // Issue #10: the prefix doubled describe_trail()'s own word ("organization trail trail 'org'").
  EXPECT_THAT(e.findings[0].message, HasSubstr("organization trail 'org'"));
  EXPECT_THAT(e.findings[0].message, ::testing::Not(HasSubstr("trail trail")));
  EXPECT_THAT(e.findings[0].message, HasSubstr("999999999999"));
  EXPECT_EQ(e.verdict.status, Status::error);
}

TEST(Evaluator, RegionsNotEnabledAreSkipped) {
  auto account = account_with({passing_trail()});
  account.regions.push_back({"af-south-1", model::RegionState::not_enabled, "not-opted-in"});
  const auto e = evaluate(account);
  EXPECT_EQ(in_region(e, "af-south-1").status, Status::skipped);
  EXPECT_THAT(codes(in_region(e, "af-south-1")), ElementsAre(ReasonCode::region_not_enabled));
  EXPECT_EQ(e.verdict.status, Status::pass);
  EXPECT_EQ(e.verdict.skipped, 1);
}

TEST(Evaluator, UnreadStatusIsErrorNeverPass) {
  auto t = passing_trail();
  t.status = model::Observed<model::TrailStatus>{};
  expect_everywhere(evaluate(account_with({t})), Status::error, {ReasonCode::trail_status_unreadable});
}

TEST(Evaluator, FailedSelectorReadIsErrorNeverPass) {
  auto t = passing_trail();
  t.selectors = model::ReadError{"GetEventSelectors", "us-east-1", "ThrottlingException", "Rate exceeded"};
  const auto e = evaluate(account_with({t}));
  expect_everywhere(e, Status::error, {ReasonCode::event_selectors_unreadable});
  EXPECT_THAT(e.findings[0].message, HasSubstr("ThrottlingException"));
}

TEST(Evaluator, UnknownMultiRegionFlagIsErrorEverywhere) {
  auto t = passing_trail();
  t.is_multi_region = model::Known<bool>::unknown("describe-trails.json: trailList[0].IsMultiRegionTrail is missing");
  expect_everywhere(evaluate(account_with({t})), Status::error, {ReasonCode::trail_facts_unknown});
}

TEST(Evaluator, UnknownReadWriteTypeIsError) {
  auto selector = basic_selector(ReadWriteType::all);
  selector.read_write_type = model::Known<ReadWriteType>::unknown("missing");
  expect_everywhere(evaluate(account_with({with_selectors(basic_selectors({selector}))})), Status::error,
                    {ReasonCode::event_selectors_unreadable});
}

TEST(Evaluator, DefiniteFailurePlusUnknownTrailIsError) {
  auto failing = passing_trail("stopped");
  failing.status = model::TrailStatus{false, "", "test"};
  auto unknown = passing_trail("unknown");
  unknown.status = model::Observed<model::TrailStatus>{};
  expect_everywhere(evaluate(account_with({failing, unknown})), Status::error,
                    {ReasonCode::not_logging, ReasonCode::trail_status_unreadable});
}

TEST(Evaluator, OneFailingOnePassingTrailPasses) {
  auto failing = passing_trail("readonly");
  failing.selectors = basic_selectors({basic_selector(ReadWriteType::read_only)});
  const auto e = evaluate(account_with({failing, passing_trail("good")}));
  expect_everywhere(e, Status::pass, {});
  EXPECT_THAT(e.findings[0].trails, ElementsAre("arn:aws:cloudtrail:us-east-1:111111111111:trail/good"));
}

TEST(Evaluator, FailureReasonsOfAllTrailsAreUnited) {
  auto stopped = passing_trail("stopped");
  stopped.status = model::TrailStatus{false, "", "test"};
  auto readonly = passing_trail("readonly");
  readonly.selectors = basic_selectors({basic_selector(ReadWriteType::read_only)});
  const auto e = evaluate(account_with({stopped, readonly, single_region_trail("local", "eu-west-1")}));
  EXPECT_THAT(codes(in_region(e, "us-east-1")),
              UnorderedElementsAreArray({ReasonCode::not_logging, ReasonCode::management_events_read_only}));
  EXPECT_THAT(codes(in_region(e, "eu-west-1")),
              UnorderedElementsAreArray({ReasonCode::not_logging, ReasonCode::management_events_read_only,
                                         ReasonCode::single_region_only}));
}

TEST(Evaluator, UnreadableRegionIsErrorEvenWhenATrailWouldCoverIt) {
  auto account = account_with({passing_trail()});
  account.read_errors.push_back({"DescribeTrails", "ap-south-1", "AccessDeniedException", "denied by SCP"});
  const auto e = evaluate(account);
  EXPECT_EQ(in_region(e, "ap-south-1").status, Status::error);
  EXPECT_THAT(codes(in_region(e, "ap-south-1")), ElementsAre(ReasonCode::region_unreadable));
  EXPECT_THAT(in_region(e, "ap-south-1").message, HasSubstr("AccessDeniedException"));
  EXPECT_EQ(in_region(e, "us-east-1").status, Status::pass);
  EXPECT_EQ(e.verdict.status, Status::error);
}

TEST(Evaluator, AccountWideReadErrorMakesEveryRegionError) {
  auto account = account_with({});
  account.read_errors.push_back({"DescribeTrails", "", "MalformedEvidence", "describe-trails.json is not valid JSON"});
  expect_everywhere(evaluate(account), Status::error, {ReasonCode::region_unreadable});
}

TEST(Evaluator, BothSelectorKindsPresentTheWeakerWins) {
  auto selectors = basic_selectors({basic_selector(ReadWriteType::all)});
  selectors.advanced.push_back(
      advanced_selector("m", {field("eventCategory", {"Management"}), field("readOnly", {"true"})}));
  expect_everywhere(evaluate(account_with({with_selectors(selectors)})), Status::fail,
                    {ReasonCode::management_events_read_only});
}

TEST(Evaluator, SameInputSameOutput) {
  auto stopped = passing_trail("stopped");
  stopped.status = model::TrailStatus{false, "", "test"};
  const auto account = account_with({stopped, single_region_trail("local", "eu-west-1")});
  const auto first = evaluate(account);
  const auto second = evaluate(account);
  ASSERT_EQ(first.findings.size(), second.findings.size());
  for (std::size_t i = 0; i < first.findings.size(); ++i) {
    EXPECT_EQ(first.findings[i].message, second.findings[i].message);
    EXPECT_EQ(first.findings[i].reasons, second.findings[i].reasons);
  }
}

TEST(Reasons, EveryCodeRoundTripsThroughItsName) {
  for (int i = 0; i <= static_cast<int>(ReasonCode::region_not_enabled); ++i) {
    const auto code = static_cast<ReasonCode>(i);
    const auto parsed = reason_from_string(to_string(code));
    ASSERT_TRUE(parsed.has_value()) << i;
    EXPECT_EQ(*parsed, code);
  }
  EXPECT_FALSE(reason_from_string("not_a_reason").has_value());
}

}  // namespace
}  // namespace trailguard::control
