// `trailguard iam-policy --audit|--fix`: the least-privilege IAM policy that scan (--org) or fix needs, printed
// from the one table of the calls trailguard makes (aws/iam_permissions). No AWS call.
#include <iostream>

#include "aws/iam_permissions.hpp"
#include "aws/iam_policy.hpp"
#include "base/log.hpp"
#include "cli/command.hpp"
#include "cli/org_scan.hpp"
#include "remediate/planner.hpp"

namespace trailguard::cli {
namespace {

struct IamPolicyOptions {
  bool audit = false;
  bool fix = false;
  bool org = false;
  bool security_hub = false;
  bool logs = false;
  bool prove_delivery = false;
  aws::PolicyNames names{"aws", OrgOptions{}.role_name, remediate::kDefaultTrailName,
                         remediate::default_bucket_name("*", "*")};
};

ExitCode print_policy(const IamPolicyOptions& options) {
  if (options.names.log_bucket != aws::PolicyNames{}.log_bucket && !options.logs && !options.prove_delivery) {
    log_error("iam-policy: --log-bucket needs --logs or --prove-delivery");
    return ExitCode::usage;
  }
  if (options.prove_delivery && (options.fix || options.logs)) {
    log_error("iam-policy: --prove-delivery goes with --audit (scan --prove-delivery), or alone (the profile of --logs-profile)");
    return ExitCode::usage;
  }
  if (options.prove_delivery && !options.audit) {
    std::cout << aws::iam_policy_json(aws::prove_delivery, options.names);
    return ExitCode::pass;
  }
  if (int{options.audit} + int{options.fix} + int{options.logs} != 1) {
    log_error("iam-policy: give exactly one of --audit (what scan and collect read), --fix (what fix reads and changes) "
              "and --logs (what logs s3:// reads)");
    return ExitCode::usage;
  }
  if (options.logs) {
    std::cout << aws::iam_policy_json(aws::logs, options.names);
    return ExitCode::pass;
  }
  // The caller of an --org run also lists the accounts and assumes the member roles; each member role needs
  // the policy without --org.
  unsigned activities = aws::audit | (options.fix ? aws::fix : 0u) | (options.org ? aws::organization : 0u);
  if (options.fix && options.org) activities |= aws::organization_trail;  // fix --org may make an organization trail
  if (options.security_hub) activities |= aws::security_hub;
  if (options.prove_delivery) activities |= aws::prove_delivery;
  std::cout << aws::iam_policy_json(activities, options.names);
  return ExitCode::pass;
}

}  // namespace

Command iam_policy_command() {
  return {"iam-policy", "Print the least-privilege IAM policy that scan (--audit), fix (--fix) or logs s3:// (--logs) needs",
          [](CLI::App& sub) -> Runner {
            auto options = std::make_shared<IamPolicyOptions>();
            sub.footer("--audit: every read of scan and collect (also what each member role of scan --org needs). "
                       "--audit --org: the caller of scan --org, which also lists the organization's accounts and "
                       "assumes --role-name in each. --fix: fix's own read plus every change it can make, and the "
                       "read of fix --emit (also what each member role of fix --org needs). --fix --org: the caller "
                       "of fix --org, with what --organization-trail's CreateTrail needs. sts:GetCallerIdentity needs no permission and is not listed.");
            sub.add_flag("--audit", options->audit, "The policy of scan and collect (read-only)");
            auto* fix = sub.add_flag("--fix", options->fix, "The policy of fix: its read, and every change it can make");
            sub.add_flag("--logs", options->logs, "The policy of logs s3://: list and read the log bucket");
            sub.add_flag("--prove-delivery", options->prove_delivery,
                                       "With --audit: also list the trails' buckets (scan --prove-delivery); alone: only "
                                       "that, for the profile of --logs-profile");
            sub.add_option("--log-bucket", options->names.log_bucket,
                           "With --logs or --prove-delivery: the bucket it reads (a name or a pattern)")
                ->capture_default_str();

            sub.add_flag("--send-to-security-hub", options->security_hub,
                         "With --audit: also import the findings into Security Hub (scan --send-to-security-hub, "
                         "--archive-stale; every account whose findings are imported needs it)");
            auto* org = sub.add_flag("--org", options->org, "The caller of scan --org or fix --org (adds ListAccounts, DescribeOrganization, AssumeRole)");
            sub.add_option("--role-name", options->names.role_name, "With --org: the member role assumed in each account")
                ->capture_default_str()
                ->needs(org);
            sub.add_option("--trail-name", options->names.trail_name, "With --fix: the trail fix may create (and its KMS alias)")
                ->capture_default_str()
                ->needs(fix);
            sub.add_option("--bucket", options->names.bucket, "With --fix: the log bucket fix may create (a name or a pattern)")
                ->capture_default_str()
                ->needs(fix);
            sub.add_option("--partition", options->names.partition, "AWS partition of the ARNs")
                ->check(CLI::IsMember({"aws", "aws-cn", "aws-us-gov"}))
                ->capture_default_str();
            return [options] { return print_policy(*options); };
          }};
}

}  // namespace trailguard::cli
