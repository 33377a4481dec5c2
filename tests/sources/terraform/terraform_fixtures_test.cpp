// Every directory of tests/fixtures/iac/terraform/ is a root module with an expected.json, written from
// Terraform's semantics: per resource address whether it is created and what its attributes evaluate to
// ("<absent>", "<unknown>" or "<unknown:part of the reason>", else the JSON value), the problems (file
// and line or a phrase), the notes and the files read. The attributes are recorded as the evaluator hands
// them to the aws_cloudtrail mapping, so these tests pin the evaluation itself. Where a resource gives a
// "status" (PASS, FAIL, UNKNOWN, NOT_CREATED, SUPPRESSED) and the fixture a "verdict", the same directory
// is also read with the real aws_cloudtrail mapping and judged by evaluate_iac, as `trailguard iac` does.
#include <gtest/gtest.h>

#include <map>

#include "../iac_fixture_expect.hpp"
#include "sources/terraform/module_reader.hpp"
#include "sources/terraform/terraform_source.hpp"

namespace trailguard::sources::terraform {
namespace {

using namespace fixture_expect;

const std::string kFixtures = std::string(TRAILGUARD_SOURCE_DIR) + "/tests/fixtures/iac/terraform";

struct Recorded {
  TfValue attributes;
  ResourcePlace place;
};

class TerraformFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(TerraformFixture, EvaluatesAsTerraformWould) {
  const std::string dir = kFixtures + "/" + GetParam();
  const json expected = expected_of(dir);
  ASSERT_TRUE(expected.contains("trails")) << dir << ": expected.json names no trails";

  TerraformOptions options;
  if (expected.contains("options")) {
    const json& given = expected["options"];
    if (given.contains("environment"))
      for (const auto& [name, value] : given["environment"].items()) options.environment.emplace_back(name, value.get<std::string>());
    if (given.contains("command_line"))
      for (const auto& item : given["command_line"]) {
        if (item.contains("var_file")) options.command_line.push_back({true, dir + "/" + item["var_file"].get<std::string>()});
        else options.command_line.push_back({false, item["var"].get<std::string>()});
      }
  }
  std::map<std::string, Recorded> recorded;
  const TrailMapping recorder = [&](const TfValue& attributes, const ResourcePlace& place) {
    recorded[place.address] = {attributes, place};
    model::DeclaredTrail trail;
    trail.address = place.address;
    return trail;
  };
  const model::IacInput input = read_root_module(dir, options, recorder);

  const auto trails = trails_by_address(input);
  for (const auto& [address, want] : expected["trails"].items()) {
    SCOPED_TRACE(address);
    ASSERT_TRUE(trails.count(address)) << "no trail at " << address;
    const model::DeclaredTrail& trail = *trails.at(address);
    expect_created(trail, want);
    EXPECT_EQ(trail.location.file.rfind(dir, 0), 0u) << trail.location.file;
    EXPECT_GT(trail.location.line, 0);
    if (want.value("unread", false)) {
      EXPECT_FALSE(trail.trail.is_multi_region.known());
      EXPECT_TRUE(trail.trail.selectors.failed());
      EXPECT_FALSE(recorded.count(address));
      continue;
    }
    ASSERT_TRUE(recorded.count(address));
    expect_attributes(recorded[address].attributes, want, address);
    expect_suppression(trail, want);
    if (want.contains("region")) {
      EXPECT_EQ(recorded[address].place.region, want["region"].get<std::string>());
    }
  }
  EXPECT_EQ(trails.size(), expected["trails"].size()) << "more trails than expected";

  expect_problems_notes_files(input, expected, dir);
  expect_judgement(control::evaluate_iac(read_terraform_root(dir, options), {}), expected);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, TerraformFixture, ::testing::ValuesIn(fixture_names(kFixtures)),
                         [](const auto& param_info) { return param_info.param; });

TEST(TerraformFixtures, AtLeastThirtyFiveFixtures) { EXPECT_GE(fixture_names(kFixtures).size(), 35u); }

}  // namespace
}  // namespace trailguard::sources::terraform
