// `scan --send-to-security-hub [--archive-stale]`: the run's ASFF findings (report/asff_writer) imported into
// AWS Security Hub with BatchImportFindings, through each account's own client (Security Hub accepts a
// default-product finding only from the account it names), in each finding's region, in batches of at most
// 100 findings and 6 MB. Every refused finding is reported by Id. With --archive-stale, trailguard's ACTIVE
// findings of an account that this run no longer reports (a region now SKIPPED) are imported again as
// ARCHIVED; nothing is archived unless asked.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "aws/aws_client.hpp"
#include "report/report.hpp"

namespace trailguard::cli {

struct SecurityHubOptions {
  bool send = false;           // --send-to-security-hub
  bool archive_stale = false;  // --archive-stale
  int max_concurrency = 16;    // accounts imported at once (scan --org's --max-concurrency)
};

void add_security_hub_options(CLI::App& command, SecurityHubOptions& options);

// Usage problems, or "": --archive-stale without --send-to-security-hub, sending saved evidence.
std::string security_hub_options_problem(const SecurityHubOptions& options, bool evidence);

// The client that speaks for an account (the caller's own, a member role's); nullptr when there is none.
using AccountClients = std::function<std::shared_ptr<aws::AwsClient>(const std::string& account_id)>;

struct ImportResult {
  int imported = 0;
  int failed = 0;  // refused by Security Hub, in a batch that failed, or too large to send
  int archived = 0;
};

// Imports every finding of `report` (and archives stale ones when asked), logging each failure by Id and a
// summary line on stderr.
ImportResult import_to_security_hub(const report::Report& report, const AccountClients& clients, const SecurityHubOptions& options);

}  // namespace trailguard::cli
