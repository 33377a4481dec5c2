// read_cloudformation on small inline templates: each intrinsic, each condition operator, short and long
// forms alike, CloudFormation's boolean strings, defaults, AWS::NoValue, and errors with line:col.
#include <gtest/gtest.h>

#include "cfn_summary.hpp"
#include "sources/cloudformation/cfn_source.hpp"

namespace {

using namespace trailguard;
using sources::cloudformation::CloudFormationOptions;
using sources::cloudformation::looks_like_cloudformation;
using sources::cloudformation::read_cloudformation;

// A template whose one trail has `IsMultiRegionTrail: <value>`, with the given extra sections.
std::string with_multi_region(const std::string& value, const std::string& sections = "") {
  return sections + "Resources:\n  T:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      IsLogging: true\n      IsMultiRegionTrail: " +
         value + "\n";
}

model::Known<bool> multi_region(const std::string& text, CloudFormationOptions options = {}) {
  const auto input = read_cloudformation("t.yaml", text, options);
  EXPECT_EQ(input.trails.size(), 1u) << text;
  if (input.trails.empty()) return {};
  return input.trails[0].trail.is_multi_region;
}

TEST(CfnBooleans, StringsInAnyCaseAndYamlBooleans) {
  for (const auto* text : {"true", "\"true\"", "\"TRUE\"", "'True'", "yes"}) EXPECT_TRUE(multi_region(with_multi_region(text)).is(true)) << text;
  for (const auto* text : {"false", "\"false\"", "\"False\""}) EXPECT_TRUE(multi_region(with_multi_region(text)).is(false)) << text;
  const auto bad = multi_region(with_multi_region("\"maybe\""));
  EXPECT_FALSE(bad.known());
  EXPECT_NE(bad.origin.source.find("t.yaml:6:7: IsMultiRegionTrail is \"maybe\", not a boolean"), std::string::npos) << bad.origin.source;
}

TEST(CfnDefaults, AbsentPropertiesTakeTheDefaults) {
  const auto input = read_cloudformation("t.yaml", "Resources:\n  T:\n    Type: AWS::CloudTrail::Trail\n", {});
  ASSERT_EQ(input.trails.size(), 1u);
  const auto& trail = input.trails[0];
  EXPECT_TRUE(trail.logging_not_declared);
  EXPECT_EQ(trail.trail.is_multi_region.origin.provenance, model::Provenance::defaulted);
  EXPECT_TRUE(trail.trail.is_multi_region.is(false));
  EXPECT_TRUE(trail.trail.include_global_service_events.is(true));
  EXPECT_EQ(test::selectors_text(trail.trail.selectors), "default");
  EXPECT_EQ(trail.address, "T");
  EXPECT_EQ(trail.location.line, 2);
  EXPECT_EQ(trail.location.column, 3);
  EXPECT_EQ(trail.format, model::IacFormat::cloudformation);
}

TEST(CfnIntrinsics, ShortAndLongFormsAgree) {
  const std::string params = "Parameters:\n  P:\n    Type: String\n    Default: \"true\"\nConditions:\n  C: !Equals [!Ref P, \"true\"]\n"
                             "Mappings:\n  M:\n    K:\n      V: \"true\"\n";
  const std::pair<const char*, const char*> forms[] = {
      {"!Ref P", "{Ref: P}"},
      {"!Sub \"${P}\"", "{\"Fn::Sub\": \"${P}\"}"},
      {"!Join [\"\", [t, rue]]", "{\"Fn::Join\": [\"\", [t, rue]]}"},
      {"!FindInMap [M, K, V]", "{\"Fn::FindInMap\": [M, K, V]}"},
      {"!If [C, true, false]", "{\"Fn::If\": [C, true, false]}"},
      {"!Select [1, [\"false\", \"true\"]]", "{\"Fn::Select\": [1, [\"false\", \"true\"]]}"},
      {"!Select [0, !Split [\",\", \"true,false\"]]", "{\"Fn::Select\": [0, {\"Fn::Split\": [\",\", \"true,false\"]}]}"},
  };
  for (const auto& [short_form, long_form] : forms) {
    EXPECT_TRUE(multi_region(with_multi_region(short_form, params)).is(true)) << short_form;
    EXPECT_TRUE(multi_region(with_multi_region(long_form, params)).is(true)) << long_form;
  }
}

TEST(CfnIntrinsics, SubWithVariablesAndLiterals) {
  const auto input = read_cloudformation(
      "t.yaml",
      "Parameters:\n  Env:\n    Type: String\n    Default: prod\nResources:\n  T:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n"
      "      TrailName: !Sub [\"${Env}-${X}-${!Keep}\", {X: !Ref Env}]\n      IsLogging: true\n",
      {});
  ASSERT_EQ(input.trails.size(), 1u);
  EXPECT_EQ(input.trails[0].trail.name, "prod-prod-${Keep}");
}

TEST(CfnIntrinsics, DeploymentOnlyValuesAreUnknownWithTheirReason) {
  const std::pair<const char*, const char*> cases[] = {
      {"!ImportValue Flag", "t.yaml:9:7: IsMultiRegionTrail is Fn::ImportValue \"Flag\""},
      {"!GetAtt Other.Flag", "Fn::GetAtt Other.Flag (an attribute known only after deployment)"},
      {"!Ref Other", "Ref Other (a resource's id"},
      {"!Sub \"${AWS::Region}\"", "Ref AWS::Region (not known before deployment)"},
      {"!Ref NoDefault", "parameter NoDefault (no Default and no --parameter NoDefault=VALUE)"},
  };
  const std::string sections = "Parameters:\n  NoDefault:\n    Type: String\n";
  for (const auto& [value, reason] : cases) {
    auto text = with_multi_region(value, sections) + "  Other:\n    Type: AWS::SNS::Topic\n";
    const auto input = read_cloudformation("t.yaml", text, {});
    ASSERT_EQ(input.trails.size(), 1u);
    const auto& fact = input.trails[0].trail.is_multi_region;
    EXPECT_FALSE(fact.known()) << value;
    EXPECT_NE(fact.origin.source.find(reason), std::string::npos) << fact.origin.source;
  }
}

TEST(CfnIntrinsics, ParameterOverrideWinsOverDefault) {
  const std::string text = with_multi_region("!Ref P", "Parameters:\n  P:\n    Type: String\n    Default: \"false\"\n");
  EXPECT_TRUE(multi_region(text).is(false));
  EXPECT_TRUE(multi_region(text, {{{"P", "true"}}}).is(true));
}

TEST(CfnIntrinsics, UnknownIsLoggingIsAReadError) {
  const auto input = read_cloudformation(
      "t.yaml", "Resources:\n  T:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      IsLogging: !ImportValue L\n", {});
  ASSERT_EQ(input.trails.size(), 1u);
  ASSERT_TRUE(input.trails[0].trail.status.failed());
  EXPECT_FALSE(input.trails[0].logging_not_declared);
  EXPECT_NE(input.trails[0].trail.status.error().message.find("t.yaml:5:7: IsLogging is Fn::ImportValue"), std::string::npos);
}

// Each operator, as the condition of the trail: created true/false/unknown.
std::string created(const std::string& condition, CloudFormationOptions options = {}) {
  const auto text = "Parameters:\n  A:\n    Type: String\n    Default: a\n  U:\n    Type: String\nConditions:\n  IsA: !Equals [!Ref A, a]\n"
                    "  IsB: !Equals [!Ref A, b]\n  Unknown: !Equals [!Ref U, x]\n  Tested: " + condition +
                    "\nResources:\n  T:\n    Type: AWS::CloudTrail::Trail\n    Condition: Tested\n    Properties:\n      IsLogging: true\n";
  const auto input = read_cloudformation("t.yaml", text, options);
  return input.trails.empty() ? "none" : test::known_text(input.trails[0].created);
}

TEST(CfnConditions, EachOperator) {
  EXPECT_EQ(created("!Equals [!Ref A, a]"), "true");
  EXPECT_EQ(created("!Equals [!Ref A, a]", {{{"A", "z"}}}), "false");
  EXPECT_EQ(created("!Not [!Condition IsA]"), "false");
  EXPECT_EQ(created("!And [!Condition IsA, !Condition IsB]"), "false");
  EXPECT_EQ(created("!And [!Condition IsA, !Not [!Condition IsB]]"), "true");
  EXPECT_EQ(created("!Or [!Condition IsB, !Condition IsA]"), "true");
  EXPECT_EQ(created("!Or [!Condition IsB, !Condition IsB]"), "false");
  EXPECT_EQ(created("{\"Fn::Or\": [{Condition: IsB}, {\"Fn::Equals\": [a, !Ref A]}]}"), "true");
  // Three-valued: unknown unless another operand decides.
  EXPECT_EQ(created("!Condition Unknown"), "unknown");
  EXPECT_EQ(created("!And [!Condition Unknown, !Condition IsA]"), "unknown");
  EXPECT_EQ(created("!And [!Condition Unknown, !Condition IsB]"), "false");
  EXPECT_EQ(created("!Or [!Condition Unknown, !Condition IsA]"), "true");
}

TEST(CfnNoValue, RemovesThePropertyAndListItems) {
  const auto input = read_cloudformation(
      "t.yaml",
      "Resources:\n  T:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      IsLogging: true\n"
      "      IsMultiRegionTrail: !Ref AWS::NoValue\n      EventSelectors:\n        - !Ref AWS::NoValue\n",
      {});
  ASSERT_EQ(input.trails.size(), 1u);
  EXPECT_EQ(input.trails[0].trail.is_multi_region.origin.provenance, model::Provenance::defaulted);
  EXPECT_EQ(test::selectors_text(input.trails[0].trail.selectors), "default");
}

TEST(CfnErrors, MalformedFilesNameLineAndColumn) {
  const auto yaml = read_cloudformation("bad.yaml", "Resources:\n  T:\n    Type: [x\n", {});
  ASSERT_EQ(yaml.problems.size(), 1u);
  EXPECT_TRUE(yaml.trails.empty());
  EXPECT_EQ(yaml.problems[0].location.file, "bad.yaml");
  EXPECT_GE(yaml.problems[0].location.line, 3);
  const auto json = read_cloudformation("bad.json", "{\"Resources\": {\"T\": {\"Type\": \"AWS::CloudTrail::Trail\",}}", {});
  ASSERT_EQ(json.problems.size(), 1u);
  EXPECT_GT(json.problems[0].location.line, 0);
  const auto duplicate = read_cloudformation("dup.yaml", "Resources:\n  T:\n    Type: A\n  T:\n    Type: B\n", {});
  ASSERT_EQ(duplicate.problems.size(), 1u);
  EXPECT_EQ(duplicate.problems[0].location.line, 4);
  EXPECT_EQ(duplicate.problems[0].location.column, 3);
  const auto undefined = read_cloudformation("u.yaml", with_multi_region("!Ref Missing"), {});
  ASSERT_EQ(undefined.problems.size(), 1u);
  EXPECT_EQ(undefined.problems[0].location.line, 6);
  EXPECT_EQ(undefined.problems[0].location.column, 27);
}

TEST(CfnErrors, NeverThrowsOnGarbage) {
  for (const auto* text : {"", "[", "- a\n- b\n", "Resources: 3\n", "{{{{", "a: !Ref\n", "Resources:\n  T:\n    Type: AWS::CloudTrail::Trail\n    Properties: 7\n"})
    EXPECT_NO_THROW((void)read_cloudformation("g.yaml", text, {})) << text;
}

TEST(CfnSuppression, ReasonOnTheCommentAbove) {
  const auto input = read_cloudformation(
      "t.yaml", "Resources:\n  # trailguard:ignore cloudtrail-multi-region-enabled audited elsewhere\n  T:\n    Type: AWS::CloudTrail::Trail\n", {});
  ASSERT_EQ(input.trails.size(), 1u);
  EXPECT_EQ(input.trails[0].suppression_reason.value_or(""), "audited elsewhere");
  const auto bare = read_cloudformation("t.yaml", "Resources:\n  T: # trailguard:ignore cloudtrail-multi-region-enabled\n    Type: AWS::CloudTrail::Trail\n", {});
  EXPECT_EQ(bare.problems.size(), 1u);
}

TEST(CfnLooksLike, TemplatesAndOtherDocuments) {
  EXPECT_TRUE(looks_like_cloudformation("AWSTemplateFormatVersion: '2010-09-09'\n"));
  EXPECT_TRUE(looks_like_cloudformation("{\"Resources\": {\"B\": {\"Type\": \"AWS::S3::Bucket\"}}}"));
  EXPECT_FALSE(looks_like_cloudformation("{\"name\": \"package\"}"));
  EXPECT_FALSE(looks_like_cloudformation("Resources: [1, 2]\n"));
}

}  // namespace
