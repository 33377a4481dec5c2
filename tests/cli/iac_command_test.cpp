// `trailguard iac` as users run it: exit codes, the JSON contract, Terraform's variable precedence from the
// command line and the environment, CloudFormation parameters, plans, suppressions, and bad input.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "support/run_process.hpp"

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using nlohmann::json;
using trailguard::test_support::ProcessResult;
using trailguard::test_support::run_process;

const char* kPassingTrail = R"(resource "aws_cloudtrail" "main" {
  name                  = "main"
  s3_bucket_name        = "logs"
  is_multi_region_trail = var.multi_region
}
)";

class IacCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("trailguard-iac-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) {
    const fs::path path = dir_ / name;
    fs::create_directories(path.parent_path());
    std::ofstream(path) << text;
    return path.string();
  }
  ProcessResult iac(std::vector<std::string> args, const std::vector<std::string>& env = {}) {
    args.insert(args.begin(), {TRAILGUARD_BINARY, "iac"});
    return run_process(args, env);
  }
  json iac_json(std::vector<std::string> args, int expected_exit, const std::vector<std::string>& env = {}) {
    args.insert(args.end(), {"-o", "json"});
    const auto result = iac(args, env);
    EXPECT_EQ(result.exit_code, expected_exit) << result.out << result.err;
    try {
      return json::parse(result.out);
    } catch (const json::exception& e) {
      ADD_FAILURE() << "not JSON: " << e.what() << "\n" << result.out << result.err;
      return json::object();
    }
  }
  std::string variable_file(bool multi_region_default) {
    return write("root/variables.tf", std::string("variable \"multi_region\" {\n  type = bool\n") +
                                          (multi_region_default ? "  default = true\n" : "") + "}\n");
  }
  fs::path dir_;
};

TEST_F(IacCommand, APassingRootExitsZeroWithTheJsonContract) {
  write("root/main.tf", kPassingTrail);
  variable_file(true);
  const json report = iac_json({(dir_ / "root").string()}, 0);
  EXPECT_EQ(report["verdict"], "PASS");
  ASSERT_EQ(report["findings"].size(), 1u);
  const json& finding = report["findings"][0];
  EXPECT_EQ(finding["resource"], "aws_cloudtrail.main");
  EXPECT_EQ(finding["status"], "PASS");
  EXPECT_EQ(finding["line"], 1);
  EXPECT_THAT(finding["file"].get<std::string>(), HasSubstr("root/main.tf"));
  EXPECT_TRUE(finding["reasons"].is_array());
}

TEST_F(IacCommand, AFailingTrailExitsOneWithItsReason) {
  write("root/main.tf", kPassingTrail);
  variable_file(true);
  const json report = iac_json({(dir_ / "root").string(), "--var", "multi_region=false"}, 1);
  EXPECT_EQ(report["verdict"], "FAIL");
  EXPECT_EQ(report["findings"][0]["reasons"][0]["code"], "single_region_only");
}

TEST_F(IacCommand, AnUnsetVariableIsUnknownAndExitsThreeUntilGiven) {
  write("root/main.tf", kPassingTrail);
  variable_file(false);
  const json unknown = iac_json({(dir_ / "root").string()}, 3);
  EXPECT_EQ(unknown["verdict"], "UNKNOWN");
  EXPECT_THAT(unknown["findings"][0]["message"].get<std::string>(), HasSubstr("var.multi_region has no value"));
  EXPECT_EQ(iac_json({(dir_ / "root").string(), "--var", "multi_region=true"}, 0)["verdict"], "PASS");
}

TEST_F(IacCommand, VarAndVarFileApplyInCommandLineOrder) {
  write("root/main.tf", kPassingTrail);
  variable_file(false);
  const std::string on = write("on.tfvars", "multi_region = true\n");
  const std::string off = write("off.tfvars", "multi_region = false\n");
  const std::string root = (dir_ / "root").string();
  EXPECT_EQ(iac_json({root, "--var-file", on, "--var", "multi_region=false"}, 1)["verdict"], "FAIL");
  EXPECT_EQ(iac_json({root, "--var", "multi_region=false", "--var-file", on}, 0)["verdict"], "PASS");
  EXPECT_EQ(iac_json({root, "--var-file", on, "--var-file", off}, 1)["verdict"], "FAIL");
}

TEST_F(IacCommand, EnvironmentVariablesRankBelowTfvarsAndTheCommandLine) {
  write("root/main.tf", kPassingTrail);
  variable_file(false);
  const std::string root = (dir_ / "root").string();
  EXPECT_EQ(iac_json({root}, 0, {"TF_VAR_multi_region=true"})["verdict"], "PASS");
  EXPECT_EQ(iac_json({root, "--var", "multi_region=false"}, 1, {"TF_VAR_multi_region=true"})["verdict"], "FAIL");
  write("root/terraform.tfvars", "multi_region = false\n");
  EXPECT_EQ(iac_json({root}, 1, {"TF_VAR_multi_region=true"})["verdict"], "FAIL");
}

TEST_F(IacCommand, CloudFormationParametersDecideConditions) {
  const std::string tmpl = write("trail.yaml", R"(Parameters:
  Env:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: logs
      IsLogging: true
      IsMultiRegionTrail: !If [IsProd, true, false]
)");
  EXPECT_EQ(iac_json({tmpl}, 3)["verdict"], "UNKNOWN");
  EXPECT_EQ(iac_json({tmpl, "--parameter", "Env=prod"}, 0)["verdict"], "PASS");
  EXPECT_EQ(iac_json({tmpl, "--parameter", "Env=dev"}, 1)["verdict"], "FAIL");
  const auto bad = iac({tmpl, "--parameter", "Env"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("KEY=VALUE"));
}

TEST_F(IacCommand, APlanWithAnUnknownFactIsUnknown) {
  const std::string plan = write("plan.json", R"({"format_version": "1.2", "terraform_version": "1.9.0",
 "resource_changes": [{"address": "aws_cloudtrail.main", "mode": "managed", "type": "aws_cloudtrail", "name": "main",
   "change": {"actions": ["create"],
              "after": {"name": "main", "is_multi_region_trail": true, "enable_logging": true},
              "after_unknown": {"include_global_service_events": true}}}]})");
  const json report = iac_json({plan}, 3);
  EXPECT_EQ(report["findings"][0]["status"], "UNKNOWN");
  EXPECT_EQ(report["findings"][0]["format"], "terraform-plan");
}

TEST_F(IacCommand, AMalformedFileBesideAGoodOneIsReportedAndTheRestJudged) {
  write("root/main.tf", kPassingTrail);
  variable_file(true);
  write("root/broken.tf", "resource \"aws_cloudtrail\" \"x\" {\n  name = \"unterminated\n}\n");
  const auto result = iac({(dir_ / "root").string(), "-o", "json"});
  EXPECT_EQ(result.exit_code, 3) << result.err;
  EXPECT_THAT(result.err, HasSubstr("broken.tf:2:10: a quoted string is not closed on its line"));
  const json report = json::parse(result.out);
  EXPECT_EQ(report["findings"][0]["status"], "PASS");
  ASSERT_EQ(report["problems"].size(), 1u);
  EXPECT_EQ(report["problems"][0]["line"], 2);
}

TEST_F(IacCommand, OnlyMalformedInputExitsTwoNamingThePlace) {
  const std::string broken = write("broken.json", "{\"format_version\": \"1.2\", \"resource_changes\": [\n");
  const auto result = iac({broken});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("broken.json:"));
  const auto missing = iac({(dir_ / "nowhere").string()});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_THAT(missing.err, HasSubstr("nowhere"));
}

TEST_F(IacCommand, SuppressionsAreReportedAndNeedAReason) {
  write("root/main.tf", "# trailguard:ignore cloudtrail-multi-region-enabled the org trail covers this account\n"
                        "resource \"aws_cloudtrail\" \"local\" {\n  name = \"local\"\n  s3_bucket_name = \"x\"\n}\n");
  const json report = iac_json({(dir_ / "root").string()}, 1);
  EXPECT_EQ(report["findings"][0]["status"], "SUPPRESSED");
  EXPECT_THAT(report.dump(), HasSubstr("the org trail covers this account"));
  write("root/main.tf", "# trailguard:ignore cloudtrail-multi-region-enabled\nresource \"aws_cloudtrail\" \"local\" {\n  name = \"l\"\n}\n");
  const auto no_reason = iac({(dir_ / "root").string()});
  EXPECT_EQ(no_reason.exit_code, 2);
  EXPECT_THAT(no_reason.err, HasSubstr("reason"));
}

TEST_F(IacCommand, ADirectoryMixesRootsTemplatesAndPlans) {
  write("infra/tf/main.tf", kPassingTrail);
  write("infra/tf/variables.tf", "variable \"multi_region\" {\n  default = false\n}\n");
  write("infra/cfn/trail.json", R"({"Resources": {"T": {"Type": "AWS::CloudTrail::Trail",
    "Properties": {"S3BucketName": "b", "IsLogging": true, "IsMultiRegionTrail": true}}}})");
  write("infra/tf/.terraform/modules/ignored/main.tf", "this is not read {{{\n");
  const json report = iac_json({(dir_ / "infra").string()}, 0);
  EXPECT_EQ(report["verdict"], "PASS");
  std::set<std::string> formats;
  for (const auto& finding : report["findings"]) formats.insert(finding["format"].get<std::string>());
  EXPECT_EQ(formats, (std::set<std::string>{"terraform", "cloudformation"}));
  EXPECT_TRUE(report["problems"].empty()) << report["problems"].dump();
}

TEST_F(IacCommand, OutWritesTheReportAndFormatsAreChecked) {
  write("root/main.tf", kPassingTrail);
  variable_file(true);
  const std::string out = (dir_ / "report.json").string();
  const auto result = iac({(dir_ / "root").string(), "-o", "json", "--out", out});
  EXPECT_EQ(result.exit_code, 0);
  std::ifstream in(out);
  EXPECT_EQ(json::parse(in)["verdict"], "PASS");
  const auto bad_format = iac({(dir_ / "root").string(), "-o", "yaml"});
  EXPECT_EQ(bad_format.exit_code, 2);
  EXPECT_TRUE(bad_format.out.empty());
  EXPECT_EQ(iac({}).exit_code, 2);
}

}  // namespace
