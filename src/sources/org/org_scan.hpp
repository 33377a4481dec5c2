// The whole-organization scan: Organizations ListAccounts (paged), the caller's account (the management
// account or a delegated administrator) read first with the caller's credentials — the organization
// trails it sees, status and selectors included, read there once — then every selected member (the
// management account too, when the caller is a delegated administrator) through its role, at most `max_concurrency` accounts at a time, each
// account's own calls concurrent as in a one-account scan. Each account is handed to `ready` as soon as
// its model is complete, so the caller can stream findings.
//   - A role that cannot be assumed makes that account's every region ERROR (a ReadError naming the role
//     and the AWS error); the run goes on.
//   - A SUSPENDED member is not read; its regions are SKIPPED (`model::Account::not_audited`).
//   - Setting *stop (e.g. on SIGINT) starts no new account; accounts already started are finished.
// Thread-safety: `ready` is called from worker threads, one call at a time (never concurrently), in the
// order accounts finish. The caller's client and the client factory must be thread-safe.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "aws/aws_client.hpp"
#include "aws/credentials_provider.hpp"
#include "base/result.hpp"
#include "model/account.hpp"
#include "sources/live/live_scan.hpp"
#include "sources/org/account_selection.hpp"
#include "sources/org/member_role.hpp"

namespace trailguard::sources::org {

// A client for a member account signing with `credentials` (the CLI: same endpoints, retries and transport
// as the caller's client; tests: one fake per account).
using MemberClientFactory =
    std::function<std::shared_ptr<aws::AwsClient>(const std::string& account_id, std::shared_ptr<aws::CredentialsProvider> credentials)>;

struct OrgScanOptions {
  live::LiveScanOptions live;  // per account: home region, --region, --inventory, concurrency within the account
  // collect --org: where each account's answers are saved (its own directory; called from worker threads),
  // and the organization's (ListAccounts, DescribeOrganization). Empty / null: nothing is saved.
  std::function<evidence::EvidenceSink*(const std::string& account_id)> account_sink;
  evidence::EvidenceSink* organization_sink = nullptr;
  AccountSelection selection;
  RoleOptions role;            // role_name, external_id; sts_region defaults to live.home_region
  std::size_t max_concurrency = 16;
  const std::atomic<bool>* stop = nullptr;
  // Called in the worker for each account that was read (not for a suspended one or a role refused), with the
  // client that read it and the organization's id ("" when DescribeOrganization was refused), before `ready`:
  // scan --prove-delivery lists the account's digest files there, concurrently with other accounts.
  std::function<void(model::Account& account, aws::AwsClient& client, const std::string& organization_id)> after_read;
};

struct OrgProgress {
  std::size_t done = 0;   // accounts handed to `ready` so far, this one included
  std::size_t total = 0;  // accounts planned
};

using AccountReady = std::function<void(model::Account account, const OrgProgress& progress)>;

struct OrgScanResult {
  std::string caller_account_id;      // the management account, or a delegated administrator
  std::string management_account_id;  // DescribeOrganization's; the caller's when that is refused
  std::string organization_id;        // o-..., DescribeOrganization's; "" when that is refused
  std::size_t planned = 0;            // accounts the run meant to report
  std::size_t reported = 0;           // accounts handed to `ready`
  bool stopped = false;               // *stop was set before every planned account was started
  std::size_t excluded = 0;           // left out by --accounts / --exclude-accounts
  std::vector<std::string> problems;  // e.g. --accounts ids not in the organization
};

// All pages of ListAccounts through the caller's client (global endpoint of home_region's partition).
Result<std::vector<aws::OrganizationAccount>> list_organization_accounts(aws::AwsClient& caller, const std::string& home_region);

// Errors only when the organization cannot be listed (or lists no account) or the caller's identity cannot
// be read: then no account can be named. Everything else is per account, in the models given to `ready`.
Result<OrgScanResult> scan_organization(const std::shared_ptr<aws::AwsClient>& caller, const MemberClientFactory& member_client,
                                        const OrgScanOptions& options, const AccountReady& ready);

}  // namespace trailguard::sources::org
