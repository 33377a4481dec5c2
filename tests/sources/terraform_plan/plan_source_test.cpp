// read_terraform_plan over tests/fixtures/iac/plan/: each directory holds a plan.json in the shape of
// `terraform show -json PLANFILE` (Terraform's JSON Output Format, format_version 0.1 to 1.2, OpenTofu too)
// and an expected.json in the Terraform fixtures' style (tests/sources/iac_fixture_expect.hpp), plus what
// the control makes of each trail: "status" (PASS, FAIL, UNKNOWN, NOT_CREATED), "reasons" (codes the
// finding must carry), "message" (a phrase of its sentence), and the input's "verdict". Then small inline
// plans for what a fixture would hide: shapes Terraform never prints, which must not throw.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "../iac_fixture_expect.hpp"
#include "control/iac_judgement.hpp"
#include "sources/terraform_plan/plan_source.hpp"

namespace trailguard::sources::terraform_plan {
namespace {

using namespace fixture_expect;

const std::string kFixtures = std::string(TRAILGUARD_SOURCE_DIR) + "/tests/fixtures/iac/plan";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

class PlanFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(PlanFixture, ReadsAsTerraformMeantIt) {
  const std::string dir = kFixtures + "/" + GetParam();
  const json expected = expected_of(dir);
  ASSERT_TRUE(expected.contains("trails")) << dir << ": expected.json names no trails";
  const std::string path = dir + "/plan.json";
  const std::string content = read_file(path);
  ASSERT_FALSE(content.empty()) << path;

  std::map<std::string, TfValue> recorded;
  const terraform::TrailMapping recorder = [&](const TfValue& attributes, const terraform::ResourcePlace& place) {
    recorded[place.address] = attributes;
    return terraform::declared_trail_from_attributes(attributes, place);
  };
  const model::IacInput input = read_terraform_plan(path, content, recorder);
  const auto evaluation = control::evaluate_iac(input, {});

  const auto trails = trails_by_address(input);
  for (const auto& [address, want] : expected["trails"].items()) {
    SCOPED_TRACE(address);
    ASSERT_TRUE(trails.count(address)) << "no trail at " << address;
    const model::DeclaredTrail& trail = *trails.at(address);
    EXPECT_EQ(trail.format, model::IacFormat::terraform_plan);
    expect_created(trail, want);
    EXPECT_EQ(trail.location.file, path);
    EXPECT_GT(trail.location.line, 0) << "the plan names the address, so it has a line";
    if (want.contains("line")) {
      EXPECT_EQ(trail.location.line, want["line"].get<int>());
    }
    ASSERT_TRUE(recorded.count(address));
    expect_attributes(recorded.at(address), want, address);
    expect_suppression(trail, want);
  }
  EXPECT_EQ(trails.size(), expected["trails"].size()) << "more trails than expected";
  expect_problems_notes_files(input, expected, dir);
  ASSERT_TRUE(expected.contains("verdict")) << dir << ": expected.json gives no verdict";
  expect_judgement(evaluation, expected);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, PlanFixture, ::testing::ValuesIn(fixture_names(kFixtures)),
                         [](const auto& param_info) { return param_info.param; });

TEST(PlanFixtures, AtLeastTwelveFixtures) { EXPECT_GE(fixture_names(kFixtures).size(), 12u); }

// A plan of one resource change; `change` is the change object's JSON.
std::string one_change(const std::string& change, const std::string& type = "aws_cloudtrail", const std::string& mode = "managed") {
  return R"({"format_version": "1.2", "resource_changes": [{"address": "aws_cloudtrail.t", "mode": ")" + mode +
         R"(", "type": ")" + type + R"(", "name": "t", "change": )" + change + "}]}";
}

TEST(PlanChanges, CreateBeforeDestroyCountsAsCreated) {
  const auto input = read_terraform_plan("p.json", one_change(R"({"actions": ["create", "delete"], "after": {"is_multi_region_trail": true}})"));
  ASSERT_EQ(input.trails.size(), 1u);
  EXPECT_TRUE(input.trails[0].created.is(true));
  EXPECT_TRUE(input.trails[0].trail.is_multi_region.is(true));
}

TEST(PlanChanges, AnUnknownInsideASelectorBlockIsUnknownNotDefaulted) {
  // after_unknown mirrors the block list: read_write_type of the first selector is known only after apply.
  const auto input = read_terraform_plan("p.json", one_change(R"({"actions": ["update"],
      "after": {"is_multi_region_trail": true, "event_selector": [{"include_management_events": true}]},
      "after_unknown": {"event_selector": [{"read_write_type": true}]}})"));
  ASSERT_EQ(input.trails.size(), 1u);
  const auto& selectors = input.trails[0].trail.selectors;
  ASSERT_TRUE(selectors.was_read());
  ASSERT_EQ(selectors.value().basic.size(), 1u);
  const auto& read_write = selectors.value().basic[0].read_write_type;
  EXPECT_FALSE(read_write.known()) << "not the provider default All: " << read_write.origin.source;
  EXPECT_NE(read_write.origin.source.find("after_unknown"), std::string::npos) << read_write.origin.source;
  const auto evaluation = control::evaluate_iac(input, {});
  ASSERT_EQ(evaluation.findings.size(), 1u);
  EXPECT_EQ(evaluation.findings[0].status, control::IacStatus::unknown) << evaluation.findings[0].message;
}

TEST(PlanChanges, DataSourcesAndOtherTypesAreNotTrails) {
  EXPECT_TRUE(read_terraform_plan("p.json", one_change(R"({"actions": ["read"], "after": {}})", "aws_cloudtrail", "data")).trails.empty());
  EXPECT_TRUE(read_terraform_plan("p.json", one_change(R"({"actions": ["create"], "after": {}})", "aws_s3_bucket")).trails.empty());
}

TEST(PlanChanges, AProviderDefaultIsDefaultedNotStated) {
  // after without is_multi_region_trail and nothing unknown: the provider's default (false) applies.
  const auto input = read_terraform_plan("p.json", one_change(R"({"actions": ["create"], "after": {"name": "t"}})"));
  ASSERT_EQ(input.trails.size(), 1u);
  EXPECT_TRUE(input.trails[0].trail.is_multi_region.is(false));
  EXPECT_EQ(input.trails[0].trail.is_multi_region.origin.provenance, model::Provenance::defaulted);
}

TEST(PlanShape, WrongTypesAreAProblemNotACrash) {
  for (const auto* change : {R"("x")", R"({"actions": "create"})", R"({"actions": [1], "after": 7})", R"([])"}) {
    model::IacInput input;
    EXPECT_NO_THROW(input = read_terraform_plan("p.json", one_change(change))) << change;
    EXPECT_TRUE(input.trails.empty() || input.problems.empty()) << change;
  }
  const auto bad = read_terraform_plan("p.json", R"({"format_version": "1.2", "resource_changes": [{"type": "aws_cloudtrail", "change": "x"}]})");
  ASSERT_EQ(bad.problems.size(), 1u);
  EXPECT_TRUE(bad.trails.empty());
  EXPECT_TRUE(bad.files_read.empty());
  EXPECT_NE(bad.problems[0].message.find("expected shape"), std::string::npos) << bad.problems[0].message;
}

TEST(PlanShape, NeverThrowsOnGarbage) {
  for (const auto* text : {"", "[", "{}", "null", "{\"format_version\": 1, \"planned_values\": 2}",
                           "{\"format_version\": \"1.0\", \"planned_values\": {\"root_module\": {\"child_modules\": [1, {}]}}}",
                           "{\"format_version\": \"1.0\", \"resource_changes\": [null, 3, {\"type\": \"aws_cloudtrail\"}]}"})
    EXPECT_NO_THROW((void)read_terraform_plan("g.json", text)) << text;
}

TEST(PlanShape, DeepNestingIsAProblemNotAStackOverflow) {
  // 20,000 levels once overflowed the stack in value_of; Terraform's own plans nest a few dozen.
  const std::string deep = std::string(20000, '[') + std::string(20000, ']');
  const auto input = read_terraform_plan(
      "p.json", R"({"format_version": "1.2", "resource_changes": [{"type": "aws_cloudtrail", "change": {"after": {"tags": )" + deep + "}}}]}");
  EXPECT_TRUE(input.trails.empty());
  ASSERT_EQ(input.problems.size(), 1u);
  EXPECT_NE(input.problems[0].message.find("nested deeper than"), std::string::npos) << input.problems[0].message;
  // Brackets inside strings are not nesting.
  const auto quoted = read_terraform_plan("p.json", R"({"format_version": "1.2", "resource_changes": [{"type": "aws_cloudtrail",
      "address": "aws_cloudtrail.t", "change": {"actions": ["create"], "after": {"name": ")" + std::string(1000, '[') + R"(\"{"}}}]})");
  EXPECT_TRUE(quoted.problems.empty()) << quoted.problems[0].message;
  EXPECT_EQ(quoted.trails.size(), 1u);
}

TEST(PlanLooksLike, PlansAndOtherJson) {
  EXPECT_TRUE(looks_like_terraform_plan(R"({"format_version": "1.2", "resource_changes": []})"));
  EXPECT_TRUE(looks_like_terraform_plan(R"({"format_version": "0.1", "planned_values": {}})"));
  EXPECT_FALSE(looks_like_terraform_plan(R"({"format_version": "1.0", "values": {}})")) << "a state file";
  EXPECT_FALSE(looks_like_terraform_plan(R"({"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}})"));
  EXPECT_FALSE(looks_like_terraform_plan("{"));
  EXPECT_FALSE(looks_like_terraform_plan(read_file(kFixtures + "/state_not_plan/plan.json")));
  EXPECT_TRUE(looks_like_terraform_plan(read_file(kFixtures + "/create_pass/plan.json")));
}

}  // namespace
}  // namespace trailguard::sources::terraform_plan
