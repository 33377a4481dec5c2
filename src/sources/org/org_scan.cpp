#include "sources/org/org_scan.hpp"

#include <mutex>

#include <nlohmann/json.hpp>

#include "aws/http/endpoints.hpp"
#include "base/parallel.hpp"
#include "sources/evidence/evidence_files.hpp"
#include "sources/evidence/evidence_sink.hpp"
#include "sources/org/org_trails.hpp"
#include "sources/org/unread_accounts.hpp"

namespace trailguard::sources::org {
namespace {

bool stopped(const OrgScanOptions& options) { return options.stop != nullptr && options.stop->load(); }

evidence::EvidenceSink* sink_for(const OrgScanOptions& options, const std::string& account_id) {
  return options.account_sink ? options.account_sink(account_id) : nullptr;
}

// The organization's answers, saved as the AWS CLI prints them (all pages of list-accounts in one), but
// holding only the accounts the run covers: an account left out by --exclude-accounts is not evidence
// missing, and `scan --evidence` must not report it so.
void save_organization(const OrgScanOptions& options, const std::vector<PlannedAccount>& accounts,
                       const std::string& organization_answer) {
  if (options.organization_sink == nullptr) return;
  nlohmann::json listed = {{"Accounts", nlohmann::json::array()}};
  for (const auto& planned : accounts) {
    const auto& a = planned.account;
    listed["Accounts"].push_back({{"Id", a.id}, {"Arn", a.arn}, {"Email", a.email}, {"Name", a.name}, {"Status", a.status}});
  }
  options.organization_sink->save(std::string(evidence::kListAccounts), listed.dump(4), false,
                                  evidence::call_record(evidence::kListAccounts));
  if (!organization_answer.empty())
    options.organization_sink->save(std::string(evidence::kDescribeOrganization), organization_answer, false,
                                    evidence::call_record(evidence::kDescribeOrganization));
}

model::Account read_member(const std::shared_ptr<aws::AwsClient>& caller, const MemberClientFactory& member_client,
                           const OrgScanOptions& options, const live::LiveScanOptions& live, const PlannedAccount& planned,
                           const model::Account& management, const std::vector<model::Trail>& org_trails,
                           const std::string& organization_id) {
  if (planned.action == AccountAction::skip_suspended) return suspended_account(planned.account.id, planned.account.status, management);
  RoleOptions role = options.role;
  if (role.sts_region.empty()) role.sts_region = live.home_region;
  const auto role_arn = member_role_arn(management.partition, planned.account.id, role.role_name);
  auto credentials = member_role_provider(caller, role_arn, role);
  // Assume the role up front: a refusal is one clear error for the account, not one per call.
  if (auto first = credentials->credentials(); !first) {
    const auto& error = first.error();
    const auto code = error.code.empty() ? std::string(to_string(error.kind)) : error.code;
    const auto message = "role " + role_arn + " could not be assumed: " + error.message;
    if (auto* sink = sink_for(options, planned.account.id))
      sink->save(std::string(evidence::kAssumeRole), evidence::aws_cli_error_text(code, "AssumeRole", message), true,
                 {"aws sts assume-role --role-arn " + role_arn + " --role-session-name trailguard", "", ""});
    return unreadable_account(planned.account.id, management, {"AssumeRole", "", code, message});
  }
  auto client = member_client(planned.account.id, credentials);
  live::LiveScanOptions member_live = live;
  member_live.account_id = planned.account.id;
  member_live.sink = sink_for(options, planned.account.id);
  auto account = live::scan_account(*client, member_live);
  credit_organization_trails(account, org_trails);
  if (options.after_read) options.after_read(account, *client, organization_id);
  return account;
}

model::Account scan_member(const std::shared_ptr<aws::AwsClient>& caller, const MemberClientFactory& member_client,
                           const OrgScanOptions& options, const live::LiveScanOptions& live, const PlannedAccount& planned,
                           const model::Account& management, const std::vector<model::Trail>& org_trails,
                           const std::string& organization_id) {
  auto account = read_member(caller, member_client, options, live, planned, management, org_trails, organization_id);
  account.account_name = planned.account.name;
  return account;
}

struct Management {
  std::string account_id;
  std::string organization_id;  // o-...; "" when DescribeOrganization was refused
  std::string answer;           // DescribeOrganization's, kept for collect --org
};

// The organization's management account. From a delegated administrator it is another account; when
// DescribeOrganization is refused, the caller is taken to be it (the report's source says which).
Management management_account_of(aws::AwsClient& caller, const std::string& home_region, const std::string& caller_account) {
  auto answer = caller.call(aws::describe_organization_call(aws::signing_region("organizations", home_region)));
  if (!answer) return {caller_account, "", ""};
  auto info = aws::parse_describe_organization_json(answer->body);
  if (!info) return {caller_account, "", ""};
  return {info->management_account_id, info->id, std::move(answer->body)};
}

}  // namespace

Result<std::vector<aws::OrganizationAccount>> list_organization_accounts(aws::AwsClient& caller, const std::string& home_region) {
  std::vector<aws::OrganizationAccount> accounts;
  std::string token;
  do {
    auto answer = caller.call(aws::list_accounts_call(aws::signing_region("organizations", home_region), token));
    if (!answer) return answer.error();
    auto page = aws::parse_list_accounts_json(answer->body);
    if (!page) return page.error();
    accounts.insert(accounts.end(), page->accounts.begin(), page->accounts.end());
    if (!page->next_token.empty() && page->next_token == token)
      return make_error(ErrorKind::malformed_input, "ListAccounts answer", "repeats its NextToken (would never end)");
    token = page->next_token;
  } while (!token.empty());
  return accounts;
}

Result<OrgScanResult> scan_organization(const std::shared_ptr<aws::AwsClient>& caller, const MemberClientFactory& member_client,
                                        const OrgScanOptions& options, const AccountReady& ready) {
  auto listed = list_organization_accounts(*caller, options.live.home_region);
  if (!listed) return listed.error();
  // AWS refuses ListAccounts outside an organization's management (or delegated administrator) account;
  // moto answers an empty list instead. Either way there is nothing to scan, and saying so beats an empty report.
  if (listed->empty())
    return make_error(ErrorKind::invalid_argument, "organizations ListAccounts",
                      "lists no account: the caller's account is not the management (or a delegated administrator) "
                      "account of an organization");

  // The caller's account (management or delegated administrator), with the caller's credentials: the
  // organization trails it sees are read here, status and selectors included, once for every member.
  // Its id is known only from its answers, so they are kept in memory until its directory can be named.
  evidence::MemorySink caller_answers;
  live::LiveScanOptions caller_live = options.live;
  if (options.account_sink) caller_live.sink = &caller_answers;
  auto management = live::scan_account(*caller, caller_live);
  if (management.account_id == "unknown") {
    const auto& e = management.read_errors.front();
    return make_error(ErrorKind::access_denied, e.api, "the caller's account could not be identified: " + e.message, e.code);
  }
  if (auto* sink = sink_for(options, management.account_id)) caller_answers.replay_into(*sink);
  const auto organization = management_account_of(*caller, options.live.home_region, management.account_id);
  const auto& management_id = organization.account_id;
  const auto org_trails = organization_trails_of(management, management_id);
  for (const auto& account : *listed)
    if (account.id == management.account_id) management.account_name = account.name;
  live::LiveScanOptions member_live = options.live;
  for (const auto& arn : arns_of(org_trails)) member_live.known_trails.push_back(arn);

  auto plan = plan_accounts(*listed, management.account_id, options.selection);
  save_organization(options, plan.accounts, organization.answer);
  OrgScanResult result;
  result.caller_account_id = management.account_id;
  result.management_account_id = management_id;
  result.organization_id = organization.organization_id;
  result.planned = plan.accounts.size();
  result.excluded = plan.excluded;
  result.problems = plan.problems;

  std::mutex ready_mutex;
  auto hand_over = [&](model::Account account) {
    std::lock_guard lock(ready_mutex);
    ++result.reported;
    ready(std::move(account), OrgProgress{result.reported, result.planned});
  };

  std::vector<const PlannedAccount*> members;
  for (const auto& planned : plan.accounts) {
    if (planned.action == AccountAction::scan_as_caller) {
      auto own = management;  // a copy: members still need its regions
      if (options.after_read) options.after_read(own, *caller, organization.organization_id);
      hand_over(std::move(own));
    } else {
      members.push_back(&planned);
    }
  }
  std::atomic<bool> cut_short{false};
  parallel_for(members.size(), options.max_concurrency, [&](std::size_t i) {
    if (stopped(options)) {
      cut_short = true;
      return;
    }
    hand_over(scan_member(caller, member_client, options, member_live, *members[i], management, org_trails,
                          organization.organization_id));
  });
  result.stopped = cut_short.load();
  return result;
}

}  // namespace trailguard::sources::org
