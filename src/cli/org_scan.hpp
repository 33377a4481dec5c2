// `trailguard scan --org`: every account of the organization (see sources/org/org_scan.hpp), reported
// as accounts finish (-o ndjson streams; text and json are written at the end), a progress line on a
// terminal's stderr, and Ctrl-C (SIGINT, also SIGTERM) stopping new accounts while keeping what was read.
// Not thread-safe: one org scan per process (it owns the signal handlers while it runs).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/aws_options.hpp"
#include "cli/delivery_options.hpp"
#include "cli/exit_codes.hpp"
#include "cli/report_output.hpp"
#include "cli/security_hub_import.hpp"
#include "sources/org/org_scan.hpp"

namespace trailguard::cli {

struct OrgOptions {
  bool enabled = false;                  // --org
  std::string accounts;                  // --accounts FILE|ID,...
  std::vector<std::string> exclude;      // --exclude-accounts ID,...
  std::string role_name = "OrganizationAccountAccessRole";
  std::string external_id;
  int max_concurrency = 16;
};

void add_org_options(CLI::App& command, OrgOptions& options);

// Usage problems of the org flags alone (org flags without --org), or "" when fine.
std::string org_options_problem(const OrgOptions& options);

// `delivery` (scan --prove-delivery, else null) proves each account's delivery in the worker that read it.
ExitCode scan_organization(const OrgOptions& org, const AwsOptions& aws, const ReportOptions& report, ReportOutputs& outputs,
                           bool inventory, const SecurityHubOptions& security_hub, DeliveryProver* delivery = nullptr);

// What every org run needs: the caller's session, member clients, and the scan's options from the flags.
struct PreparedOrgScan {
  AwsSession session;
  sources::org::MemberClientFactory member_clients;
  sources::org::OrgScanOptions scan;
};

// Parses the org flags and opens the caller's session; on a usage error logs it and returns nothing.
std::optional<PreparedOrgScan> prepare_org_scan(const OrgOptions& org, const AwsOptions& aws, bool inventory);

// The client that speaks for one account of the organization: the caller's own account with the caller's
// credentials, every other through its member role (the management account too, when the caller is a
// delegated administrator), as scan --org reads them.
std::shared_ptr<aws::AwsClient> account_client(const PreparedOrgScan& prepared, const std::string& caller_account,
                                               const std::string& account_id, const std::string& partition);

// Runs it with Ctrl-C handling (SIGINT/SIGTERM stop new accounts), the progress line and a warning per
// failed read; `ready` gets each account as in sources/org.
Result<sources::org::OrgScanResult> run_org_scan(const PreparedOrgScan& prepared, const sources::org::AccountReady& ready);

}  // namespace trailguard::cli
