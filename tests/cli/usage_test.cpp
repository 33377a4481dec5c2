// The command line itself: help, typos, bad values and unusable input give a clear message and exit 2,
// never a crash and never a report.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/run_process.hpp"

namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using trailguard::test_support::run_process;

TEST(Usage, HelpListsEveryCommandAndTheExitCodes) {
  const auto result = run_process({TRAILGUARD_BINARY, "--help"});
  EXPECT_EQ(result.exit_code, 0);
  for (const char* command : {"scan", "fix", "collect", "evidence-script", "control", "iam-policy"}) EXPECT_THAT(result.out, HasSubstr(command));
  EXPECT_THAT(result.out, HasSubstr("Exit codes"));
}

TEST(Usage, MistypedCommandSuggestsTheClosestOne) {
  const auto result = run_process({TRAILGUARD_BINARY, "scna"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("unknown command 'scna'"));
  EXPECT_THAT(result.err, HasSubstr("did you mean 'scan'"));
}

TEST(Usage, NoCommandIsAUsageError) {
  EXPECT_EQ(run_process({TRAILGUARD_BINARY}).exit_code, 2);
}

TEST(Usage, UnknownOutputFormatIsRefused) {
  const auto result = run_process({TRAILGUARD_BINARY, "scan", "--evidence", std::string(TRAILGUARD_SOURCE_DIR) + "/examples/evidence/mixed", "-o", "xml"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("xml"));
  EXPECT_TRUE(result.out.empty());
}

TEST(Usage, MissingEvidenceDirectoryIsNamed) {
  const auto result = run_process({TRAILGUARD_BINARY, "scan", "--evidence", "/nonexistent/trailguard-evidence"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("/nonexistent/trailguard-evidence"));
  EXPECT_THAT(result.err, HasSubstr("does not exist"));
  EXPECT_TRUE(result.out.empty());
}

TEST(Usage, LiveOptionsDoNotApplyToEvidence) {
  const auto result = run_process({TRAILGUARD_BINARY, "scan", "--evidence", std::string(TRAILGUARD_SOURCE_DIR) + "/examples/evidence/mixed",
                                   "--region", "eu-west-1"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("--region"));
}

TEST(Usage, CollectNeedsAnOutputDirectory) {
  const auto result = run_process({TRAILGUARD_BINARY, "collect"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("--out"));
}

TEST(Usage, UnwritableReportFileIsAnError) {
  const auto result = run_process({TRAILGUARD_BINARY, "scan", "--evidence", std::string(TRAILGUARD_SOURCE_DIR) + "/examples/evidence/mixed",
                                   "--out", "/nonexistent/dir/report.json"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("/nonexistent/dir/report.json"));
}

TEST(Usage, MaxRateMustBeAPositiveNumberOfRequestsPerSecond) {
  for (const char* bad : {"0", "-1", "-0.5", "abc", "2x", "nan", "inf", "1e9", ""}) {
    for (const char* command : {"scan", "collect"}) {
      std::vector<std::string> args{TRAILGUARD_BINARY, command, "--max-rate", bad, "--endpoint-url", "http://127.0.0.1:9"};
      if (std::string(command) == "collect") args.insert(args.end(), {"--out", "/nonexistent/trailguard-evidence"});
      const auto result = run_process(args);
      EXPECT_EQ(result.exit_code, 2) << command << " --max-rate '" << bad << "': " << result.err;
      EXPECT_THAT(result.err, HasSubstr("--max-rate")) << bad;
      EXPECT_THAT(result.err, HasSubstr("requests per second, a number above 0")) << bad;
      EXPECT_THAT(result.err, HasSubstr("is '" + std::string(bad) + "'"));
      EXPECT_TRUE(result.out.empty()) << bad;
    }
  }
}

TEST(Usage, MaxThrottledAttemptsMustBeInRange) {
  for (const char* bad : {"0", "-3", "101", "many"}) {
    const auto result = run_process({TRAILGUARD_BINARY, "scan", "--max-throttled-attempts", bad, "--endpoint-url", "http://127.0.0.1:9"});
    EXPECT_EQ(result.exit_code, 2) << bad << ": " << result.err;
    EXPECT_THAT(result.err, HasSubstr("--max-throttled-attempts")) << bad;
    EXPECT_TRUE(result.out.empty()) << bad;
  }
}

// fix checks its options, and refuses an unconfirmable --apply, before it makes any AWS call (the endpoint
// here refuses connections, so reaching it would be a different error).
TEST(Usage, FixRefusesNamesAwsWouldRefuse) {
  const auto trail = run_process({TRAILGUARD_BINARY, "fix", "--endpoint-url", "http://127.0.0.1:9", "--trail-name", "a--b"});
  EXPECT_EQ(trail.exit_code, 2);
  EXPECT_THAT(trail.err, HasSubstr("--trail-name a--b"));
  const auto bucket = run_process({TRAILGUARD_BINARY, "fix", "--endpoint-url", "http://127.0.0.1:9", "--bucket", "Logs"});
  EXPECT_EQ(bucket.exit_code, 2);
  EXPECT_THAT(bucket.err, HasSubstr("--bucket Logs"));
  const auto keys = run_process({TRAILGUARD_BINARY, "fix", "--endpoint-url", "http://127.0.0.1:9", "--kms-key-id", "alias/x",
                                 "--create-kms-key"});
  EXPECT_EQ(keys.exit_code, 2);
  EXPECT_THAT(keys.err, HasSubstr("not both"));
}

TEST(Usage, FixApplyOffATerminalNeedsYes) {
  const auto result = run_process({TRAILGUARD_BINARY, "fix", "--endpoint-url", "http://127.0.0.1:9", "--apply"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("not a terminal"));
  EXPECT_THAT(result.err, HasSubstr("--yes"));
  EXPECT_TRUE(result.out.empty());
}

TEST(Usage, EvidenceScriptIsValidBash) {
  const auto script = run_process({TRAILGUARD_BINARY, "evidence-script"});
  ASSERT_EQ(script.exit_code, 0);
  const auto check = run_process({"bash", "-n"}, {}, script.out);
  EXPECT_EQ(check.exit_code, 0) << check.err;
}

TEST(Usage, FixEmitRefusesAnUnknownLanguage) {
  const auto result = run_process({TRAILGUARD_BINARY, "fix", "--emit", "pulumi"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("pulumi"));
  EXPECT_THAT(result.err, HasSubstr("terraform"));
  EXPECT_TRUE(result.out.empty());
}

TEST(Usage, FixEmitRefusesBadCombinationsBeforeAnyAwsCall) {
  // No endpoint and no credentials are set: any of these reaching AWS would fail differently (and slowly).
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"fix", "--out", "fix.tf"}, "give --emit too"},
      {{"fix", "--emit", "terraform", "--apply", "--yes"}, "leave out --apply"},
      {{"fix", "--emit", "cloudformation", "-o", "json"}, "give --out FILE"},
      {{"fix", "--emit", "terraform", "--out", "/nonexistent/trailguard-dir/fix.tf"}, "/nonexistent/trailguard-dir"},
      {{"fix", "--emit", "terraform", "--out", "/"}, "is a directory"},
  };
  for (const auto& [args, message] : cases) {
    std::vector<std::string> command = {TRAILGUARD_BINARY};
    command.insert(command.end(), args.begin(), args.end());
    const auto result = run_process(command);
    EXPECT_EQ(result.exit_code, 2) << args.back();
    EXPECT_THAT(result.err, HasSubstr(message)) << args.back();
    EXPECT_TRUE(result.out.empty()) << args.back();
  }
}

TEST(Usage, IamPolicyNeedsExactlyOneMode) {
  for (const std::vector<std::string>& args : {std::vector<std::string>{"iam-policy"}, {"iam-policy", "--audit", "--fix"},
                                               {"iam-policy", "--org"}, {"iam-policy", "--audit", "--bucket", "x"},
                                               {"iam-policy", "--fix", "--prove-delivery"},
                                               {"iam-policy", "--audit", "--log-bucket", "x"}}) {
    std::vector<std::string> command = {TRAILGUARD_BINARY};
    command.insert(command.end(), args.begin(), args.end());
    const auto result = run_process(command);
    EXPECT_EQ(result.exit_code, 2) << args.back();
    EXPECT_FALSE(result.err.empty()) << args.back();
    EXPECT_TRUE(result.out.empty()) << args.back();
  }
  const auto audit = run_process({TRAILGUARD_BINARY, "iam-policy", "--audit"});
  EXPECT_EQ(audit.exit_code, 0);
  EXPECT_THAT(audit.out, HasSubstr("\"cloudtrail:GetEventSelectors\""));
  EXPECT_THAT(audit.out, Not(HasSubstr("cloudtrail:StartLogging")));
  const auto fix_org = run_process({TRAILGUARD_BINARY, "iam-policy", "--fix", "--org"});
  EXPECT_EQ(fix_org.exit_code, 0) << fix_org.err;
  EXPECT_THAT(fix_org.out, HasSubstr("\"cloudtrail:StartLogging\""));
  EXPECT_THAT(fix_org.out, HasSubstr("\"sts:AssumeRole\""));
  EXPECT_THAT(fix_org.out, HasSubstr("\"iam:CreateServiceLinkedRole\""));
  const auto proving = run_process({TRAILGUARD_BINARY, "iam-policy", "--audit", "--prove-delivery", "--log-bucket", "archive"});
  EXPECT_EQ(proving.exit_code, 0) << proving.err;
  EXPECT_THAT(proving.out, HasSubstr("\"s3:ListBucket\""));
  EXPECT_THAT(proving.out, HasSubstr("\"arn:aws:s3:::archive\""));
  EXPECT_THAT(proving.out, HasSubstr("\"cloudtrail:GetEventSelectors\""));
  EXPECT_THAT(proving.out, Not(HasSubstr("s3:GetObject")));
  const auto archive = run_process({TRAILGUARD_BINARY, "iam-policy", "--prove-delivery"});
  EXPECT_EQ(archive.exit_code, 0) << archive.err;
  EXPECT_THAT(archive.out, HasSubstr("\"s3:ListBucket\""));
  EXPECT_THAT(archive.out, Not(HasSubstr("cloudtrail:")));
  const auto help = run_process({TRAILGUARD_BINARY, "iam-policy", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, HasSubstr("--audit"));
}

}  // namespace
