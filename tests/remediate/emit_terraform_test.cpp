// The Terraform emitter on every sample situation: which resources, imports and settings are declared, and that
// nothing from the plan can break out of a string or a comment. Parsing with a real HCL parser, cfn-lint and
// terraform fmt are in check_emitted_iac.py.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>

#include "remediate/emit_terraform.hpp"
#include "sample_plans.hpp"

namespace {

using namespace trailguard;
using namespace trailguard::remediate;
using test_support::sample_situations;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

std::string emitted(const std::string& situation) {
  for (const auto& s : sample_situations()) {
    if (s.name != situation) continue;
    auto out = emit_terraform(s.plan, s.context);
    if (!out) ADD_FAILURE() << out.error().describe();
    return out ? *out : "";
  }
  ADD_FAILURE() << "no situation " << situation;
  return "";
}

// Block headers at the top level: `resource "type" "name"`, `data "type" "name"`, `import`, `provider "aws"`.
std::vector<std::string> top_level_blocks(const std::string& hcl) {
  std::vector<std::string> out;
  static const std::regex header(R"(^([a-z]+(?: "[^"]*")*) \{$)");
  std::size_t start = 0;
  while (start < hcl.size()) {
    const auto end = hcl.find('\n', start);
    const auto line = hcl.substr(start, end - start);
    std::smatch m;
    if (std::regex_match(line, m, header)) out.push_back(m[1]);
    start = end == std::string::npos ? hcl.size() : end + 1;
  }
  return out;
}

// `hcl` without its comment lines (text in a comment is inert, whatever it holds).
std::string code_lines(const std::string& hcl) {
  return std::regex_replace(hcl, std::regex(R"((^|\n) *#[^\n]*)"), "$1");
}

// The body of the first top-level block whose header is `header`.
std::string block(const std::string& hcl, const std::string& header) {
  const auto start = hcl.find("\n" + header + " {\n");
  if (start == std::string::npos) return "";
  const auto end = hcl.find("\n}\n", start + 1);
  return hcl.substr(start + 1, end - start);
}

TEST(EmitTerraform, NewTrailDeclaresBucketSettingsPolicyAndAStartedTrail) {
  const auto hcl = emitted("create_trail");
  EXPECT_THAT(top_level_blocks(hcl),
              ElementsAre("terraform", "provider \"aws\"", "resource \"aws_s3_bucket\" \"trailguard-cloudtrail-123456789012-us-east-1\"",
                          "resource \"aws_s3_bucket_public_access_block\" \"trailguard-cloudtrail-123456789012-us-east-1\"",
                          "resource \"aws_s3_bucket_policy\" \"trailguard-cloudtrail-123456789012-us-east-1\"",
                          "resource \"aws_cloudtrail\" \"trailguard-multi-region\""));
  EXPECT_THAT(block(hcl, "provider \"aws\""), HasSubstr("allowed_account_ids = [\"123456789012\"]"));
  const auto access = block(hcl, "resource \"aws_s3_bucket_public_access_block\" \"trailguard-cloudtrail-123456789012-us-east-1\"");
  for (const char* setting : {"block_public_acls       = true", "ignore_public_acls      = true", "block_public_policy     = true",
                              "restrict_public_buckets = true"})
    EXPECT_THAT(access, HasSubstr(setting));
  const auto policy = block(hcl, "resource \"aws_s3_bucket_policy\" \"trailguard-cloudtrail-123456789012-us-east-1\"");
  EXPECT_THAT(policy, HasSubstr("policy = jsonencode({"));
  EXPECT_THAT(policy, HasSubstr("\"aws:SourceArn\" = \"arn:aws:cloudtrail:us-east-1:123456789012:trail/trailguard-multi-region\""));
  EXPECT_THAT(policy, HasSubstr("depends_on = [aws_s3_bucket_public_access_block.trailguard-cloudtrail-123456789012-us-east-1]"));
  const auto trail = block(hcl, "resource \"aws_cloudtrail\" \"trailguard-multi-region\"");
  for (const char* setting : {"s3_bucket_name                = aws_s3_bucket.trailguard-cloudtrail-123456789012-us-east-1.id",
                              "is_multi_region_trail         = true", "include_global_service_events = true",
                              "enable_log_file_validation    = true", "enable_logging                = true",
                              "read_write_type           = \"All\"", "include_management_events = true",
                              "depends_on = [aws_s3_bucket_policy.trailguard-cloudtrail-123456789012-us-east-1]"})
    EXPECT_THAT(trail, HasSubstr(setting));
  EXPECT_THAT(hcl, Not(HasSubstr("import {")));
  EXPECT_THAT(hcl, Not(HasSubstr("kms_key_id")));
}

TEST(EmitTerraform, NewKmsKeyIsDeclaredAndTheTrailUsesItsArn) {
  const auto hcl = emitted("create_trail_new_kms_key");
  const auto key = block(hcl, "resource \"aws_kms_key\" \"trailguard-multi-region\"");
  EXPECT_THAT(key, HasSubstr("customer_master_key_spec = \"SYMMETRIC_DEFAULT\""));
  EXPECT_THAT(key, HasSubstr("\"Action\"   = \"kms:GenerateDataKey*\""));
  const auto alias = block(hcl, "resource \"aws_kms_alias\" \"trailguard-multi-region\"");
  EXPECT_THAT(alias, HasSubstr("name          = \"alias/trailguard-multi-region\""));
  EXPECT_THAT(alias, HasSubstr("target_key_id = aws_kms_key.trailguard-multi-region.key_id"));
  EXPECT_THAT(block(hcl, "resource \"aws_cloudtrail\" \"trailguard-multi-region\""),
              HasSubstr("kms_key_id                    = aws_kms_key.trailguard-multi-region.arn"));
}

TEST(EmitTerraform, GivenKeyAliasIsLookedUpForItsArn) {
  const auto hcl = emitted("create_trail_given_kms_key");
  EXPECT_THAT(block(hcl, "data \"aws_kms_key\" \"alias_central-logs\""), HasSubstr("key_id   = \"alias/central-logs\""));
  EXPECT_THAT(hcl, HasSubstr("kms_key_id                    = data.aws_kms_key.alias_central-logs.arn"));
}

TEST(EmitTerraform, ExistingBucketIsNotDeclaredButItsSettingsAre) {
  const auto hcl = emitted("create_trail_existing_bucket");
  EXPECT_THAT(hcl, Not(HasSubstr("resource \"aws_s3_bucket\"")));
  EXPECT_THAT(hcl, HasSubstr("# Bucket central-audit-logs exists already"));
  EXPECT_THAT(block(hcl, "resource \"aws_s3_bucket_public_access_block\" \"central-audit-logs\""), HasSubstr("bucket                  = \"central-audit-logs\""));
  const auto trail = block(hcl, "resource \"aws_cloudtrail\" \"trailguard-multi-region\"");
  EXPECT_THAT(trail, HasSubstr("s3_bucket_name                = \"central-audit-logs\""));
  EXPECT_THAT(trail, HasSubstr("kms_key_id                    = \"arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\""));
  EXPECT_THAT(block(hcl, "provider \"aws\""), HasSubstr("region              = \"eu-west-1\""));
}

TEST(EmitTerraform, ExistingBucketPolicyKeepsItsOtherStatements) {
  const auto hcl = emitted("create_trail_existing_bucket_with_policy");
  const auto policy = block(hcl, "resource \"aws_s3_bucket_policy\" \"central-audit-logs\"");
  EXPECT_THAT(policy, HasSubstr("\"Sid\"       = \"DenyInsecureTransport\""));
  EXPECT_THAT(policy, HasSubstr("\"aws:SecureTransport\" = \"false\""));
  EXPECT_THAT(policy, HasSubstr("\"Resource\" = \"arn:aws:s3:::central-audit-logs/AWSLogs/123456789012/*\""));
  EXPECT_THAT(policy, Not(HasSubstr("central-audit-logs/old/*")));  // the plan's statement replaced the old one
  EXPECT_THAT(hcl, HasSubstr("# The bucket's other policy statements, as read when this was written, are kept."));
}

TEST(EmitTerraform, RepairImportsTheTrailChangesLoggingAndStatesTheControlsFactsAsRead) {
  const auto hcl = emitted("repair_not_logging");
  EXPECT_THAT(top_level_blocks(hcl), ElementsAre("terraform", "provider \"aws\"", "import", "resource \"aws_cloudtrail\" \"main\""));
  EXPECT_THAT(block(hcl, "import"), HasSubstr("id = \"arn:aws:cloudtrail:eu-central-1:123456789012:trail/main\""));
  EXPECT_THAT(block(hcl, "import"), HasSubstr("to = aws_cloudtrail.main"));
  const auto trail = block(hcl, "resource \"aws_cloudtrail\" \"main\"");
  EXPECT_THAT(trail, HasSubstr("provider                      = aws.eu_central_1"));
  EXPECT_THAT(trail, HasSubstr("s3_bucket_name                = \"existing-logs-123456789012\""));
  EXPECT_THAT(trail, HasSubstr("enable_logging                = true"));
  // What the plan leaves alone but the control judges is stated as read (changing nothing), so the file
  // says what the trail will be; the selectors as read are the default: one basic, All, management events.
  EXPECT_THAT(trail, HasSubstr("is_multi_region_trail         = true"));
  EXPECT_THAT(trail, HasSubstr("include_global_service_events = true"));
  EXPECT_THAT(trail, HasSubstr("  event_selector {\n    read_write_type           = \"All\"\n"
                               "    include_management_events = true\n  }\n"));
  EXPECT_THAT(trail, HasSubstr("ignore_changes = [cloud_watch_logs_group_arn, cloud_watch_logs_role_arn, "
                               "enable_log_file_validation, insight_selector, is_organization_trail, kms_key_id, "
                               "s3_bucket_name, s3_key_prefix, sns_topic_name, tags]"));
}

TEST(EmitTerraform, BasicSelectorRepairKeepsEveryDataSelector) {
  const auto hcl = emitted("repair_selectors_basic");
  const auto trail = block(hcl, "resource \"aws_cloudtrail\" \"main\"");
  EXPECT_THAT(trail, HasSubstr("enable_logging                = true"));  // as read
  EXPECT_THAT(trail, HasSubstr("ignore_changes = [cloud_watch_logs_group_arn, cloud_watch_logs_role_arn, enable_log_file_validation, "
                               "insight_selector, is_organization_trail, kms_key_id, s3_bucket_name, s3_key_prefix, "
                               "sns_topic_name, tags]"));
  EXPECT_THAT(trail, HasSubstr("    read_write_type           = \"WriteOnly\"\n"
                               "    include_management_events = false\n"
                               "    data_resource {\n"
                               "      type   = \"AWS::S3::Object\"\n"
                               "      values = [\"arn:aws:s3:::payroll/\", \"arn:aws:s3:::hr/\"]\n"
                               "    }\n"
                               "    data_resource {\n"
                               "      type   = \"AWS::Lambda::Function\"\n"));
  // A selector whose ReadWriteType AWS left to its default is written without it, as the applier puts it.
  EXPECT_THAT(trail, HasSubstr("  event_selector {\n"
                               "    data_resource {\n"
                               "      type   = \"AWS::DynamoDB::Table\"\n"));
  EXPECT_EQ(std::count(trail.begin(), trail.end(), '{') - std::count(trail.begin(), trail.end(), '}'), 1);
}

TEST(EmitTerraform, AdvancedSelectorRepairWritesEveryOperator) {
  const auto trail = block(emitted("repair_selectors_advanced"), "resource \"aws_cloudtrail\" \"org-audit\"");
  EXPECT_THAT(trail, HasSubstr("  advanced_event_selector {\n"
                               "    name = \"Management events\"\n"
                               "    field_selector {\n"
                               "      field  = \"eventCategory\"\n"
                               "      equals = [\"Management\"]\n"));
  for (const char* line : {"field           = \"resources.ARN\"", "not_equals      = [\"arn:aws:s3:::secrets/public\"]",
                           "starts_with     = [\"arn:aws:s3:::secrets/\"]", "not_starts_with = [\"arn:aws:s3:::secrets/tmp/\"]",
                           "ends_with       = [\".key\"]", "not_ends_with   = [\".log\"]", "enable_logging                = true"})
    EXPECT_THAT(trail, HasSubstr(line));
}

TEST(EmitTerraform, MakeMultiRegionStatesTheUpdatedSettings) {
  const auto trail = block(emitted("make_multi_region"), "resource \"aws_cloudtrail\" \"local\"");
  for (const char* line : {"is_multi_region_trail         = true", "include_global_service_events = true",
                           "enable_logging                = true", "event_selector {"})
    EXPECT_THAT(trail, HasSubstr(line));
  EXPECT_THAT(trail, HasSubstr("ignore_changes = [cloud_watch_logs_group_arn, cloud_watch_logs_role_arn, enable_log_file_validation, "
                               "insight_selector, is_organization_trail, kms_key_id, s3_bucket_name, s3_key_prefix, sns_topic_name, tags]"));
}

TEST(EmitTerraform, HostileNamesStayInsideTheirStringsAndComments) {
  for (const char* situation : {"hostile_names_create", "hostile_names_repair"}) {
    const auto hcl = emitted(situation);
    // The newline in the names would start a line `# resource "evil" {}`... or, outside a comment, a block.
    for (const auto& header : top_level_blocks(hcl)) EXPECT_THAT(header, Not(HasSubstr("evil\" {")));
    EXPECT_THAT(hcl, Not(HasSubstr("\nresource \"evil\"")));
    EXPECT_THAT(hcl, Not(HasSubstr("\n# resource \"evil\"")));
    // No template sequence survives undoubled, and no raw control character is left.
    const auto code = code_lines(hcl);
    EXPECT_THAT(code, HasSubstr("$${var.y}"));
    EXPECT_FALSE(std::regex_search(code, std::regex(R"((^|[^$])\$\{)"))) << situation;
    EXPECT_FALSE(std::regex_search(code, std::regex(R"((^|[^%])%\{)"))) << situation;
    EXPECT_FALSE(std::regex_search(hcl, std::regex("[\\x01\\r\\t]"))) << situation;
    EXPECT_THAT(hcl, HasSubstr("= \"evilx\\\" $${var.y} %%{ if true }\\\\n\\\\\\\" $$${z}\\n# resource \\\"evil\\\" {}\\r\\t\\u0001 \xe2\x82\xac \xef\xbf\xbd\""))
        << situation;
  }
}

TEST(EmitTerraform, BlockedOrEmptyPlanEmitsNothing) {
  const auto blocked = emit_terraform(test_support::blocked_plan(), {});
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().code, "plan_blocked");
  EXPECT_THAT(blocked.error().message, HasSubstr("belongs to account 999999999999"));
  const auto nothing = emit_terraform(test_support::nothing_to_do_plan(), {});
  ASSERT_FALSE(nothing);
  EXPECT_EQ(nothing.error().code, "nothing_to_do");
}

TEST(EmitTerraform, RepairOfATrailNotReadIsRefused) {
  auto situations = sample_situations();
  for (auto& s : situations) {
    if (s.name != "repair_not_logging") continue;
    s.context.trails.clear();
    const auto out = emit_terraform(s.plan, s.context);
    ASSERT_FALSE(out);
    EXPECT_THAT(out.error().describe(), HasSubstr("arn:aws:cloudtrail:eu-central-1:123456789012:trail/main"));
  }
}

TEST(EmitTerraform, SeveralAccountsGetOneProviderEachPinnedToTheirAccount) {
  auto plan = sample_situations().front().plan;
  auto second = plan.accounts.front();
  second.account_id = "210987654321";
  plan.accounts.push_back(second);
  const auto hcl = emit_terraform(plan, {});
  ASSERT_TRUE(hcl) << hcl.error().describe();
  EXPECT_THAT(*hcl, HasSubstr("alias               = \"a123456789012_us_east_1\""));
  EXPECT_THAT(*hcl, HasSubstr("alias               = \"a210987654321_us_east_1\"\n  region              = \"us-east-1\"\n  allowed_account_ids = [\"210987654321\"]"));
  // The same names in two accounts get distinct resource names.
  EXPECT_THAT(*hcl, HasSubstr("resource \"aws_cloudtrail\" \"trailguard-multi-region_2\""));
  EXPECT_THAT(*hcl, Not(HasSubstr("assume_role")));
}

TEST(EmitTerraform, AccountsReachedThroughARoleGetAProviderThatAssumesIt) {
  const std::string out = emitted("organization_two_accounts");
  const auto* hcl = &out;
  EXPECT_THAT(*hcl, HasSubstr("  allowed_account_ids = [\"210987654321\"]\n  assume_role {\n    role_arn = "
                              "\"arn:aws:iam::210987654321:role/OrganizationAccountAccessRole\"\n  }\n}"));
  EXPECT_THAT(*hcl, HasSubstr("  allowed_account_ids = [\"123456789012\"]\n}"));  // the credentials' own account
  const auto blocks = top_level_blocks(out);
  EXPECT_EQ(std::count(blocks.begin(), blocks.end(), "provider \"aws\""), 2);
  EXPECT_EQ(out.find("assume_role {"), out.rfind("assume_role {")) << "only the role's account assumes it";
}

}  // namespace
