// `trailguard fix`: read the account, plan the smallest change that makes every region pass, show it, and
// apply it only with --apply (after a confirmation on a terminal, or --yes). Then read the account again to
// prove it passes. docs/remediation.md.
#include <chrono>
#include <iostream>
#include <string>

#include <fmt/format.h>

#include "base/log.hpp"
#include "cli/aws_options.hpp"
#include "cli/command.hpp"
#include "cli/fix_emit.hpp"
#include "cli/fix_options.hpp"
#include "cli/fix_org.hpp"
#include "cli/fix_report.hpp"
#include "control/evaluator.hpp"
#include "remediate/applier.hpp"
#include "remediate/planner.hpp"
#include "sources/live/live_scan.hpp"

namespace trailguard::cli {
namespace {

model::Account read_account(AwsSession& session, const AwsOptions& aws, bool for_planning) {
  auto live = live_scan_options(session, aws, for_planning);  // inventory: single-region trails everywhere
  live.single_region_details = for_planning;
  auto account = sources::live::scan_account(*session.client, live);
  for (const auto& error : account.read_errors)
    log_warning(error.api + (error.region.empty() ? "" : " in " + error.region) + " failed (" + error.code + "): " + error.message);
  return account;
}

// After a successful apply: the account is read again and judged as `scan` would.
ExitCode verify(AwsSession& session, const FixCommandOptions& options, std::ostream& out) {
  const auto account = read_account(session, options.aws, false);
  const auto evaluation = control::evaluate(account, options.fix.evaluation);
  if (evaluation.verdict.status == control::Status::pass) {
    out << fmt::format("Verified: every region of account {} passes now ({} region(s)).\n", account.account_id,
                       evaluation.verdict.passed);
    return ExitCode::pass;
  }
  out << fmt::format("Applied, but a new scan of account {} does not pass yet:\n", account.account_id);
  for (const auto& finding : evaluation.findings)
    if (finding.status == control::Status::fail || finding.status == control::Status::error)
      out << fmt::format("  {} {}: {}\n", to_string(finding.status), finding.region, finding.message);
  return ExitCode::incomplete;
}

ExitCode run_fix(FixCommandOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  if (!fix_options_usable(options)) return ExitCode::usage;
  if (options.org.enabled) return fix_organization(options);
  auto session = open_aws_session(options.aws);
  if (!session) {
    log_error(session.error().describe());
    return ExitCode::usage;
  }
  log_info("credentials: " + session->credentials_description + "; home region " + session->home_region);
  options.fix.home_region = session->home_region;

  const auto account = read_account(*session, options.aws, true);
  const auto evaluation = control::evaluate(account, options.fix.evaluation);
  const remediate::Plan plan{{remediate::plan_account(account, evaluation, options.fix)}};
  const auto& account_plan = plan.accounts.front();

  std::ostream& progress = show_plan(plan, options);
  const std::string nothing_emitted = options.emit.requested() ? " Nothing was emitted." : "";

  const auto finish = [&](ExitCode code) {
    if (options.aws.stats)
      print_stats(*session->stats, std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    return code;
  };
  if (account_plan.approach == remediate::Approach::blocked) {
    progress << "\nNothing can be changed safely until the blockers above are resolved." << nothing_emitted << "\n";
    return finish(ExitCode::incomplete);
  }
  if (account_plan.steps.empty()) {
    if (options.emit.requested()) progress << "\nNothing to change, so nothing was emitted.\n";
    // Nothing to change, but regions that could not be read keep the audit incomplete.
    return finish(evaluation.verdict.errors > 0 ? ExitCode::incomplete : ExitCode::pass);
  }
  if (options.emit.requested()) return finish(emit_plan(plan, account, *session->client, options.emit, progress));
  if (!options.apply) {
    progress << fmt::format("\nDry run: nothing was changed. Run again with --apply to make these {} change(s).\n",
                            account_plan.steps.size());
    return finish(ExitCode::fail);
  }
  if (!options.yes && !confirmed(fmt::format("Apply these {} change(s) to account {}?", account_plan.steps.size(),
                                             account_plan.account_id))) {
    progress << "Not confirmed: nothing was changed.\n";
    return finish(ExitCode::fail);
  }

  progress << fmt::format("\nApplying {} step(s) to account {}:\n", account_plan.steps.size(), account_plan.account_id);
  const auto result = remediate::apply_plan(account_plan, *session->client,
                                            [&](std::size_t i, const remediate::Step& step, const remediate::StepResult& r) {
                                              write_step_progress(progress, i, account_plan.steps.size(), step, r);
                                            });
  if (!result.succeeded()) {
    write_apply_failure(progress, account_plan, result);
    return finish(ExitCode::incomplete);
  }
  return finish(verify(*session, options, progress));
}

}  // namespace

Command fix_command() {
  return {"fix", "Plan (and with --apply make) the smallest change that makes CloudTrail cover every region",
          [](CLI::App& sub) -> Runner {
            auto options = std::make_shared<FixCommandOptions>();
            sub.footer("Exit codes of fix: 0 nothing to change, or applied and verified; 1 dry run with changes to "
                       "make (or not confirmed, or written as code with --emit); 2 usage error (also --apply without --yes "
                       "off a terminal, or --emit cloudformation for a plan that changes an existing trail); 3 blocked, "
                       "a step failed, or not verified; 4 internal error.");
            add_aws_options(sub, options->aws);
            sub.add_flag("--apply", options->apply, "Make the changes (default: a dry run that changes nothing)");
            sub.add_flag("-y,--yes", options->yes, "With --apply: do not ask for confirmation");
            sub.add_flag("--create", options->fix.create_trail,
                         "Create a new multi-region trail rather than change an existing one");
            sub.add_option("--trail-name", options->fix.trail_name, "Name of a trail fix creates")->capture_default_str();
            sub.add_option("--bucket", options->fix.bucket,
                           "S3 bucket for a new trail (default: trailguard-cloudtrail-<account>-<region>)")
                ->type_name("NAME");
            sub.add_option("--kms-key-id", options->fix.kms_key_id,
                           "Encrypt a new trail's logs with this existing KMS key (id, ARN or alias)")
                ->type_name("KEY");
            sub.add_flag("--create-kms-key", options->fix.create_kms_key,
                         "Create a KMS key (alias/<trail name>) for a new trail's logs");
            sub.add_flag("--allow-excluded-event-sources", options->allow_excluded,
                         "Accept trails that exclude some management event sources (as scan does with this flag)");
            sub.add_flag("--organization-trail", options->organization_trail,
                         "With --org: one organization trail in the management account covers every account, "
                         "instead of a trail per account");
            add_emit_options(sub, options->emit);
            add_org_options(sub, options->org);
            sub.add_option("-o,--output", options->format, "Plan format")
                ->check(CLI::IsMember({"text", "json"}))
                ->capture_default_str();
            return [options] { return run_fix(*options); };
          }};
}

}  // namespace trailguard::cli
