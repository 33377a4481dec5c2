// `trailguard fix --org [--accounts ...]`: the organization read as scan --org reads it, one plan for every
// selected account (organization trails repaired once, in their owner), shown; and with --apply (confirmed
// once for all accounts, or --yes) applied account by account, the owners of organization trails first, then
// the rest at most --max-concurrency at a time. The first failure starts no new account: what was done, what
// failed and what was not started are reported, and a re-run continues. Then the changed accounts are read
// again to prove they pass. Ctrl-C starts no new account; accounts already started finish their steps.
// With --emit terraform the plan is written as one Terraform configuration instead (a provider per account and
// region, assuming the account's role as trailguard does), and nothing is changed.
#pragma once

#include "cli/exit_codes.hpp"
#include "cli/fix_options.hpp"

namespace trailguard::cli {

ExitCode fix_organization(FixCommandOptions& options);

}  // namespace trailguard::cli
