#include "cli/fix_org.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <iostream>
#include <mutex>

#include <fmt/format.h>

#include "base/log.hpp"
#include "base/parallel.hpp"
#include "cli/fix_emit.hpp"
#include "cli/fix_report.hpp"
#include "cli/stop_signals.hpp"
#include "control/evaluator.hpp"
#include "remediate/applier.hpp"
#include "remediate/emit_context.hpp"
#include "remediate/org_planner.hpp"

namespace trailguard::cli {
namespace {

namespace org = sources::org;
using Clock = std::chrono::steady_clock;

struct ReadOrganization {
  std::vector<model::Account> accounts;  // sorted by id, so that the plan reads the same on every run
  org::OrgScanResult result;
};

// nullopt (after logging why) when the organization cannot be listed or the read was interrupted: a plan made
// from part of the organization would be mistaken for the whole.
std::optional<ReadOrganization> read_organization(const PreparedOrgScan& prepared) {
  ReadOrganization read;
  // scan_organization hands accounts over one at a time (never concurrently): no lock needed.
  auto result = run_org_scan(prepared, [&](model::Account account, const org::OrgProgress&) {
    read.accounts.push_back(std::move(account));
  });
  if (!result) {
    log_error("the organization could not be read: " + result.error().describe());
    return std::nullopt;
  }
  for (const auto& problem : result->problems) log_warning(problem);
  if (result->stopped || read.accounts.size() < result->planned) {
    log_error(fmt::format("interrupted: {} of {} account(s) were not read; nothing was planned or changed",
                          result->planned - read.accounts.size(), result->planned));
    return std::nullopt;
  }
  std::sort(read.accounts.begin(), read.accounts.end(),
            [](const model::Account& a, const model::Account& b) { return a.account_id < b.account_id; });
  read.result = std::move(*result);
  return read;
}

struct PlanCounts {
  std::size_t nothing = 0, to_change = 0, steps = 0, blocked = 0;
};

PlanCounts count(const remediate::Plan& plan) {
  PlanCounts c;
  for (const auto& account : plan.accounts) {
    if (account.approach == remediate::Approach::blocked)
      ++c.blocked;
    else if (account.steps.empty())
      ++c.nothing;
    else
      ++c.to_change, c.steps += account.steps.size();
  }
  return c;
}

std::shared_ptr<aws::AwsClient> client_for(const PreparedOrgScan& prepared, const std::string& caller_account,
                                           const remediate::AccountPlan& plan) {
  return account_client(prepared, caller_account, plan.account_id, plan.partition);
}

struct OrgApply {
  std::vector<std::optional<remediate::ApplyResult>> results;  // per plan account; nullopt: not started
  bool failed = false;
  bool interrupted = false;
};

OrgApply apply_organization(const PreparedOrgScan& prepared, const std::string& caller_account, const remediate::Plan& plan,
                            std::size_t max_concurrency, std::ostream& progress) {
  OrgApply outcome;
  outcome.results.resize(plan.accounts.size());
  std::mutex output_lock;
  std::atomic<bool> failed{false};
  StopSignals signals;

  const auto apply_one = [&](std::size_t index) {
    const auto& account_plan = plan.accounts[index];
    if (failed.load() || stop_requested().load()) return;  // the first failure, or Ctrl-C, starts no new account
    auto client = client_for(prepared, caller_account, account_plan);
    auto result = remediate::apply_plan(account_plan, *client,
                                        [&](std::size_t i, const remediate::Step& step, const remediate::StepResult& r) {
                                          std::lock_guard lock(output_lock);
                                          progress << "account " << account_plan.account_id << " ";
                                          write_step_progress(progress, i, account_plan.steps.size(), step, r);
                                        });
    if (!result.succeeded()) failed = true;
    outcome.results[index] = std::move(result);
  };

  // Owners of organization trails that other plans count on go first: those plans assume the trail repaired.
  const auto first = remediate::accounts_to_apply_first(plan);
  std::vector<std::size_t> rest;
  for (std::size_t i = 0; i < plan.accounts.size(); ++i)
    if (!plan.accounts[i].steps.empty() && std::find(first.begin(), first.end(), i) == first.end()) rest.push_back(i);
  parallel_for(first.size(), max_concurrency, [&](std::size_t i) { apply_one(first[i]); });
  parallel_for(rest.size(), max_concurrency, [&](std::size_t i) { apply_one(rest[i]); });
  outcome.failed = failed.load();
  outcome.interrupted = stop_requested().load();
  return outcome;
}

void write_apply_report(std::ostream& out, const remediate::Plan& plan, const OrgApply& outcome) {
  std::size_t done = 0;
  std::vector<std::string> not_started;
  for (std::size_t i = 0; i < plan.accounts.size(); ++i) {
    const auto& account_plan = plan.accounts[i];
    if (account_plan.steps.empty()) continue;
    const auto& result = outcome.results[i];
    if (!result)
      not_started.push_back(account_plan.account_id);
    else if (result->succeeded())
      ++done;
    else
      write_apply_failure(out, account_plan, *result);
  }
  out << fmt::format("\n{} account(s) changed as planned", done);
  if (!not_started.empty()) {
    out << fmt::format("; {} not started ({}), nothing was changed there:", not_started.size(),
                       outcome.interrupted ? "interrupted" : "stopped after the failure above");
    for (const auto& id : not_started) out << " " << id;
  }
  out << ".\n";
}

// The accounts the plan changes, and those counting on an organization trail it repairs, read again and judged.
ExitCode verify(PreparedOrgScan& prepared, const remediate::Plan& plan, const FixCommandOptions& options, std::ostream& out) {
  prepared.scan.selection.only.clear();
  for (const auto& account : plan.accounts)
    if (!account.steps.empty() || !account.covered_by_trail_arn.empty()) prepared.scan.selection.only.push_back(account.account_id);
  prepared.scan.live.single_region_details = false;
  const auto read = read_organization(prepared);
  if (!read) return ExitCode::incomplete;
  std::size_t passing = 0;
  std::vector<std::string> not_passing;
  for (const auto& account : read->accounts) {
    const auto evaluation = control::evaluate(account, options.fix.evaluation);
    if (evaluation.verdict.status == control::Status::pass)
      ++passing;
    else
      not_passing.push_back(fmt::format("  {} {}: {} region(s) fail, {} could not be read", to_string(evaluation.verdict.status),
                                        account.account_id, evaluation.verdict.failed, evaluation.verdict.errors));
  }
  if (not_passing.empty()) {
    out << fmt::format("Verified: every region of the {} changed or covered account(s) passes now.\n", passing);
    return ExitCode::pass;
  }
  out << fmt::format("Applied, but {} of {} account(s) do not pass a new scan yet:\n", not_passing.size(), read->accounts.size());
  for (const auto& line : not_passing) out << line << "\n";
  return ExitCode::incomplete;
}

// --emit terraform: what each changed account holds (the trails read; whether a bucket to create exists, asked
// through the account's own client), and the role a provider assumes for every account but the caller's.
ExitCode emit_organization(const PreparedOrgScan& prepared, const ReadOrganization& read, const remediate::Plan& plan,
                           const EmitOptions& emit, std::ostream& progress) {
  remediate::EmitContext context;
  for (std::size_t i = 0; i < plan.accounts.size(); ++i) {
    const auto& account_plan = plan.accounts[i];
    if (account_plan.steps.empty()) continue;
    auto client = client_for(prepared, read.result.caller_account_id, account_plan);
    auto part = remediate::read_emit_context(remediate::Plan{{account_plan}}, read.accounts[i], *client);
    if (!part) {
      log_error("account " + account_plan.account_id + ": " + part.error().describe());
      return ExitCode::incomplete;
    }
    if (account_plan.account_id != read.result.caller_account_id)
      part->assume_roles[account_plan.account_id] =
          org::member_role_arn(account_plan.partition, account_plan.account_id, prepared.scan.role.role_name);
    remediate::merge_into(context, std::move(*part));
  }
  return write_emitted(plan, context, emit, progress);
}

}  // namespace

ExitCode fix_organization(FixCommandOptions& options) {
  const auto started = Clock::now();
  auto prepared = prepare_org_scan(options.org, options.aws, true);  // inventory: every trail, as the planner needs
  if (!prepared) return ExitCode::usage;
  prepared->scan.live.single_region_details = true;
  options.fix.home_region = prepared->session.home_region;
  const auto finish = [&](ExitCode code) {
    if (options.aws.stats) print_stats(*prepared->session.stats, std::chrono::duration<double>(Clock::now() - started).count());
    return code;
  };

  const auto read = read_organization(*prepared);
  if (!read) return finish(ExitCode::incomplete);
  std::vector<control::Evaluation> evaluations;
  evaluations.reserve(read->accounts.size());
  for (const auto& account : read->accounts) evaluations.push_back(control::evaluate(account, options.fix.evaluation));
  std::vector<remediate::AccountToPlan> inputs;
  for (std::size_t i = 0; i < read->accounts.size(); ++i) inputs.push_back({&read->accounts[i], &evaluations[i]});
  std::optional<remediate::OrganizationTrailWanted> organization_trail;
  if (options.organization_trail) {
    if (read->result.organization_id.empty()) {
      log_error("--organization-trail: the organization's id is unknown (organizations DescribeOrganization was refused); "
                "it names where the members' logs go in the bucket");
      return finish(ExitCode::usage);
    }
    organization_trail = remediate::OrganizationTrailWanted{read->result.organization_id, read->result.management_account_id};
  }
  const auto plan = remediate::plan_accounts(inputs, options.fix, organization_trail);
  const auto counts = count(plan);

  std::ostream& progress = show_plan(plan, options);
  progress << fmt::format("\nOrganization (management account {}): {} account(s): {} with nothing to do, {} to change "
                          "({} step(s)), {} blocked.\n",
                          read->result.management_account_id, plan.accounts.size(), counts.nothing, counts.to_change,
                          counts.steps, counts.blocked);
  const ExitCode settled = counts.blocked > 0 ? ExitCode::incomplete : ExitCode::pass;
  if (counts.to_change == 0) {
    if (options.emit.requested()) progress << "Nothing to change, so nothing was emitted.\n";
    return finish(settled);
  }
  if (options.emit.requested()) return finish(emit_organization(*prepared, *read, plan, options.emit, progress));
  if (!options.apply) {
    progress << fmt::format("Dry run: nothing was changed. Run again with --apply to make these {} change(s) in {} "
                            "account(s).\n",
                            counts.steps, counts.to_change);
    return finish(ExitCode::fail);
  }
  if (!options.yes && !confirmed(fmt::format("Apply these {} change(s) to {} account(s)?", counts.steps, counts.to_change))) {
    progress << "Not confirmed: nothing was changed.\n";
    return finish(ExitCode::fail);
  }

  progress << fmt::format("\nApplying {} step(s) to {} account(s):\n", counts.steps, counts.to_change);
  const auto outcome = apply_organization(*prepared, read->result.caller_account_id, plan,
                                          static_cast<std::size_t>(options.org.max_concurrency), progress);
  write_apply_report(progress, plan, outcome);
  if (outcome.failed || outcome.interrupted) return finish(ExitCode::incomplete);
  const auto verified = verify(*prepared, plan, options, progress);
  return finish(verified == ExitCode::pass ? settled : verified);
}

}  // namespace trailguard::cli
