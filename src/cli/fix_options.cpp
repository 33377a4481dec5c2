#include "cli/fix_options.hpp"

#include <unistd.h>

#include <iostream>

#include "base/log.hpp"
#include "remediate/plan_json.hpp"
#include "remediate/plan_text.hpp"

namespace trailguard::cli {

bool fix_options_usable(FixCommandOptions& options) {
  if (options.allow_excluded) options.fix.evaluation.excluded_sources = control::ExcludedSources::allow;
  if (auto problem = org_options_problem(options.org); !problem.empty()) {
    log_error(problem);
    return false;
  }
  if (auto valid = remediate::validate(options.fix); !valid) {
    log_error(valid.error().describe());
    return false;
  }
  if (auto emit = check_emit_options(options.emit, options.apply, options.format); !emit) {
    log_error(emit.error().describe());
    return false;
  }
  if (options.org.enabled && options.emit.language == "cloudformation") {
    log_error("--emit cloudformation with --org: a stack lives in one account; use --emit terraform (a provider "
              "per account, assuming its role), or run fix --emit cloudformation with each account's credentials");
    return false;
  }
  if (options.org.enabled && !options.fix.bucket.empty()) {
    log_error("--bucket with --org: bucket names are global, so one name cannot serve every account; without "
              "--bucket each account gets its own (trailguard-cloudtrail-<account>-<region>)");
    return false;
  }
  if (options.organization_trail && !options.org.enabled) {
    log_error("--organization-trail needs --org: the trail is made in the management account for every member");
    return false;
  }
  if (options.organization_trail && options.fix.create_trail) {
    log_error("give either --organization-trail (one trail for the organization) or --create (a new trail in each "
              "account), not both");
    return false;
  }
  if (options.apply && !options.yes && isatty(STDIN_FILENO) != 1) {
    log_error("fix --apply: standard input is not a terminal, so nobody can confirm the changes; review the plan "
              "(trailguard fix) and pass --yes to apply it without a question");
    return false;
  }
  return true;
}

std::ostream& show_plan(const remediate::Plan& plan, const FixCommandOptions& options) {
  const bool json = options.format == "json";
  std::ostream& plan_out = options.emit.requested() && options.emit.out_file.empty() ? std::cerr : std::cout;
  if (json)
    plan_out << remediate::plan_json(plan) << std::flush;
  else
    remediate::write_plan_text(plan_out, plan);
  return json || &plan_out == &std::cerr ? std::cerr : std::cout;
}

bool confirmed(const std::string& question) {
  std::cerr << question << " Type 'yes' to continue: " << std::flush;
  std::string answer;
  if (!std::getline(std::cin, answer)) return false;
  return answer == "yes" || answer == "y";
}

}  // namespace trailguard::cli
