// `trailguard fix --emit terraform|cloudformation [--out FILE]`: the plan written as infrastructure code instead
// of applied. The account is read (the plan needs it; whether a bucket exists is one more read) but never changed.
#pragma once

#include <ostream>
#include <string>

#include <CLI/CLI.hpp>

#include "aws/aws_client.hpp"
#include "base/result.hpp"
#include "cli/exit_codes.hpp"
#include "model/account.hpp"
#include "remediate/emit_context.hpp"
#include "remediate/plan.hpp"

namespace trailguard::cli {

struct EmitOptions {
  std::string language;  // "", "terraform" or "cloudformation"
  std::string out_file;  // "": standard output

  bool requested() const { return !language.empty(); }
};

// --emit and --out on `fix`.
void add_emit_options(CLI::App& command, EmitOptions& options);

// Before any AWS call: --out without --emit, --emit with --apply, -o json and the code both on standard output,
// and an --out FILE that cannot be written (its directory missing or not writable) are usage errors.
Status check_emit_options(const EmitOptions& options, bool apply, const std::string& plan_format);

// Writes `plan` (which has steps) as code to --out or standard output, and says on `progress` what was written.
// Exit codes: 1 written (nothing changed in AWS: the account fails until the code is applied), 2 the language
// cannot express the plan (CloudFormation and an existing trail) or --out cannot be written, 3 a bucket's state
// could not be read.
ExitCode emit_plan(const remediate::Plan& plan, const model::Account& account, aws::AwsClient& client,
                   const EmitOptions& options, std::ostream& progress);

// The same, with the context already read (fix --org reads it account by account).
ExitCode write_emitted(const remediate::Plan& plan, const remediate::EmitContext& context, const EmitOptions& options,
                       std::ostream& progress);

}  // namespace trailguard::cli
