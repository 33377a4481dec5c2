// The CloudFormation emitter on every sample situation, its template parsed back: resources, properties,
// retention, refusals of changes to existing resources, and hostile names kept as data. cfn-lint runs on the
// same templates in check_emitted_iac.py.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "remediate/emit_cloudformation.hpp"
#include "sample_plans.hpp"

namespace {

using namespace trailguard;
using namespace trailguard::remediate;
using json = nlohmann::json;
using test_support::sample_situations;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

test_support::Situation situation(const std::string& name) {
  for (auto& s : sample_situations())
    if (s.name == name) return s;
  ADD_FAILURE() << "no situation " << name;
  return {};
}

json emitted(const std::string& name) {
  const auto s = situation(name);
  const auto out = emit_cloudformation(s.plan, s.context);
  if (!out) {
    ADD_FAILURE() << out.error().describe();
    return json::object();
  }
  return json::parse(*out);
}

std::vector<std::string> resource_types(const json& tmpl) {
  std::vector<std::string> out;
  for (const auto& [id, resource] : tmpl["Resources"].items()) out.push_back(resource["Type"].get<std::string>());
  std::sort(out.begin(), out.end());
  return out;
}

const json& resource_of_type(const json& tmpl, const std::string& type) {
  for (const auto& [id, resource] : tmpl["Resources"].items())
    if (resource["Type"] == type) return resource;
  static const json none = json::object();
  ADD_FAILURE() << "no " << type;
  return none;
}

std::string id_of_type(const json& tmpl, const std::string& type) {
  for (const auto& [id, resource] : tmpl["Resources"].items())
    if (resource["Type"] == type) return id;
  return "";
}

TEST(EmitCloudFormation, NewTrailIsOneStackWithRetainedBucketAndAStartedTrail) {
  const auto tmpl = emitted("create_trail");
  EXPECT_EQ(tmpl["AWSTemplateFormatVersion"], "2010-09-09");
  EXPECT_THAT(resource_types(tmpl), ElementsAre("AWS::CloudTrail::Trail", "AWS::S3::Bucket", "AWS::S3::BucketPolicy"));
  const auto& bucket = resource_of_type(tmpl, "AWS::S3::Bucket");
  EXPECT_EQ(bucket["DeletionPolicy"], "Retain");
  EXPECT_EQ(bucket["UpdateReplacePolicy"], "Retain");
  EXPECT_EQ(bucket["Properties"]["BucketName"], "trailguard-cloudtrail-123456789012-us-east-1");
  EXPECT_EQ(bucket["Properties"]["PublicAccessBlockConfiguration"],
            json::parse(R"({"BlockPublicAcls":true,"IgnorePublicAcls":true,"BlockPublicPolicy":true,"RestrictPublicBuckets":true})"));
  const auto bucket_id = id_of_type(tmpl, "AWS::S3::Bucket");
  const auto& policy = resource_of_type(tmpl, "AWS::S3::BucketPolicy");
  EXPECT_EQ(policy["Properties"]["Bucket"], json({{"Ref", bucket_id}}));
  EXPECT_EQ(policy["Properties"]["PolicyDocument"]["Statement"][1]["Condition"]["StringEquals"]["aws:SourceArn"],
            "arn:aws:cloudtrail:us-east-1:123456789012:trail/trailguard-multi-region");
  const auto& trail = resource_of_type(tmpl, "AWS::CloudTrail::Trail");
  EXPECT_EQ(trail["DependsOn"], json::array({id_of_type(tmpl, "AWS::S3::BucketPolicy")}));
  const auto& p = trail["Properties"];
  EXPECT_EQ(p["TrailName"], "trailguard-multi-region");
  EXPECT_EQ(p["S3BucketName"], json({{"Ref", bucket_id}}));
  EXPECT_EQ(p["IsLogging"], true);
  EXPECT_EQ(p["IsMultiRegionTrail"], true);
  EXPECT_EQ(p["IncludeGlobalServiceEvents"], true);
  EXPECT_EQ(p["EnableLogFileValidation"], true);
  EXPECT_EQ(p["EventSelectors"], json::parse(R"([{"ReadWriteType":"All","IncludeManagementEvents":true}])"));
  EXPECT_FALSE(p.contains("KMSKeyId"));
  EXPECT_FALSE(p.contains("IsOrganizationTrail"));
  // Deployed in another account or region, the stack fails before it makes anything.
  const auto& assertions = tmpl["Rules"]["TrailguardAccountAndRegion"]["Assertions"];
  EXPECT_EQ(assertions[0]["Assert"], json::parse(R"({"Fn::Equals":[{"Ref":"AWS::AccountId"},"123456789012"]})"));
  EXPECT_EQ(assertions[1]["Assert"], json::parse(R"({"Fn::Equals":[{"Ref":"AWS::Region"},"us-east-1"]})"));
  EXPECT_EQ(tmpl["Metadata"]["trailguard"]["steps"].size(), 6u);
  EXPECT_EQ(tmpl["Metadata"]["trailguard"]["steps"][5]["api"], "cloudtrail StartLogging");
}

TEST(EmitCloudFormation, NewKmsKeyIsRetainedAndTheTrailNamesItByAlias) {
  const auto tmpl = emitted("create_trail_new_kms_key");
  EXPECT_THAT(resource_types(tmpl), ElementsAre("AWS::CloudTrail::Trail", "AWS::KMS::Alias", "AWS::KMS::Key", "AWS::S3::Bucket",
                                                "AWS::S3::BucketPolicy"));
  const auto& key = resource_of_type(tmpl, "AWS::KMS::Key");
  EXPECT_EQ(key["DeletionPolicy"], "Retain");
  EXPECT_EQ(key["Properties"]["KeySpec"], "SYMMETRIC_DEFAULT");
  EXPECT_EQ(key["Properties"]["KeyPolicy"]["Statement"][1]["Action"], "kms:GenerateDataKey*");
  const auto& alias = resource_of_type(tmpl, "AWS::KMS::Alias");
  EXPECT_EQ(alias["Properties"]["AliasName"], "alias/trailguard-multi-region");
  EXPECT_EQ(alias["Properties"]["TargetKeyId"], json({{"Ref", id_of_type(tmpl, "AWS::KMS::Key")}}));
  EXPECT_EQ(resource_of_type(tmpl, "AWS::CloudTrail::Trail")["Properties"]["KMSKeyId"], json({{"Ref", id_of_type(tmpl, "AWS::KMS::Alias")}}));
}

TEST(EmitCloudFormation, GivenKeyIsPassedAsGiven) {
  const auto tmpl = emitted("create_trail_given_kms_key");
  EXPECT_EQ(resource_of_type(tmpl, "AWS::CloudTrail::Trail")["Properties"]["KMSKeyId"], "alias/central-logs");
}

TEST(EmitCloudFormation, ChangesToExistingResourcesAreRefusedNamingThem) {
  const std::map<std::string, std::string> named = {
      {"create_trail_existing_bucket", "bucket central-audit-logs"},
      {"repair_not_logging", "trail arn:aws:cloudtrail:eu-central-1:123456789012:trail/main"},
      {"repair_selectors_basic", "trail arn:aws:cloudtrail:us-east-1:123456789012:trail/main"},
      {"repair_selectors_advanced", "trail arn:aws:cloudtrail:us-west-2:123456789012:trail/org-audit"},
      {"make_multi_region", "trail arn:aws:cloudtrail:eu-west-1:123456789012:trail/local"}};
  for (const auto& s : sample_situations()) {
    const auto out = emit_cloudformation(s.plan, s.context);
    EXPECT_EQ(out.ok(), !s.cloudformation_refuses) << s.name;
    if (out) continue;
    EXPECT_EQ(out.error().code, s.plan.accounts.size() > 1 ? "several_stacks" : "import_needed") << s.name;
    EXPECT_THAT(out.error().message, HasSubstr("--emit terraform")) << s.name;
    if (named.count(s.name)) {
      EXPECT_EQ(out.error().where, named.at(s.name)) << s.name;
    }
  }
}

TEST(EmitCloudFormation, HostileNamesAreDataAndComeBackUnchanged) {
  const auto tmpl = emitted("hostile_names_create");
  // \xff is not UTF-8: it comes back as U+FFFD; everything else exactly as the plan said.
  std::string hostile = test_support::kHostileText;
  hostile.replace(hostile.size() - 1, 1, "\xef\xbf\xbd");
  const auto& trail = resource_of_type(tmpl, "AWS::CloudTrail::Trail");
  EXPECT_EQ(trail["Properties"]["TrailName"], "evil" + hostile);
  EXPECT_EQ(resource_of_type(tmpl, "AWS::S3::Bucket")["Properties"]["BucketName"], "bucket" + hostile);
  EXPECT_EQ(resource_of_type(tmpl, "AWS::KMS::Alias")["Properties"]["AliasName"], "alias/evil" + hostile);
  EXPECT_EQ(tmpl["Metadata"]["trailguard"]["warnings"][0], "warning" + hostile);
  // Logical ids are alphanumeric whatever the names hold.
  for (const auto& [id, resource] : tmpl["Resources"].items())
    EXPECT_TRUE(std::all_of(id.begin(), id.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); })) << id;
}

TEST(EmitCloudFormation, LongSummaryFitsTheDescriptionLimit) {
  auto s = situation("create_trail");
  s.plan.accounts[0].summary = std::string(2000, 'x') + "\xe2\x82\xac";
  const auto out = emit_cloudformation(s.plan, s.context);
  ASSERT_TRUE(out);
  EXPECT_LE(json::parse(*out)["Description"].get<std::string>().size(), 1024u);
}

TEST(EmitCloudFormation, OneStackIsOneAccountAndOneRegion) {
  auto plan = situation("create_trail").plan;
  plan.accounts.push_back(plan.accounts.front());
  plan.accounts.back().account_id = "210987654321";
  const auto accounts = emit_cloudformation(plan, {});
  ASSERT_FALSE(accounts);
  EXPECT_EQ(accounts.error().code, "several_stacks");

  auto regions = situation("create_trail").plan;
  regions.accounts[0].steps[0].region = "eu-west-1";
  const auto out = emit_cloudformation(regions, {});
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code, "several_stacks");
}

TEST(EmitCloudFormation, BlockedOrEmptyPlanEmitsNothing) {
  const auto blocked = emit_cloudformation(test_support::blocked_plan(), {});
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().code, "plan_blocked");
  const auto nothing = emit_cloudformation(test_support::nothing_to_do_plan(), {});
  ASSERT_FALSE(nothing);
  EXPECT_EQ(nothing.error().code, "nothing_to_do");
}

TEST(EmitCloudFormation, APolicyThatIsNotJsonIsRefusedNotEmitted) {
  auto s = situation("create_trail");
  std::get<PutBucketPolicy>(s.plan.accounts[0].steps[2].action).policy_json = "{not json";
  const auto out = emit_cloudformation(s.plan, s.context);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().kind, ErrorKind::malformed_input);
}

}  // namespace
