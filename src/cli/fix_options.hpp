// What `trailguard fix` is given, and the checks and the question shared by its one-account and --org runs.
#pragma once

#include <ostream>
#include <string>

#include "cli/aws_options.hpp"
#include "cli/fix_emit.hpp"
#include "cli/org_scan.hpp"
#include "remediate/plan.hpp"
#include "remediate/planner.hpp"

namespace trailguard::cli {

struct FixCommandOptions {
  AwsOptions aws;
  OrgOptions org;
  remediate::FixOptions fix;
  bool apply = false;
  bool yes = false;
  bool allow_excluded = false;
  bool organization_trail = false;  // --organization-trail (with --org)
  std::string format = "text";
  EmitOptions emit;
};

// Before any AWS call: names AWS would refuse, option combinations that make no sense (--emit with --apply,
// --emit cloudformation with --org, --bucket with --org, --organization-trail without --org or with --create), and --apply off a terminal
// without --yes. Logs the problem and returns false.
bool fix_options_usable(FixCommandOptions& options);

// Writes the plan (text, or JSON with -o json) and returns the stream for everything said after it. The plan
// goes to stdout, so that with -o json stdout holds one JSON document; with --emit and no --out the code owns
// stdout, so the plan goes to stderr. Progress goes wherever it cannot mix into either.
std::ostream& show_plan(const remediate::Plan& plan, const FixCommandOptions& options);

// Asks `question` on stderr and reads the answer from stdin: true only for "yes" or "y".
bool confirmed(const std::string& question);

}  // namespace trailguard::cli
