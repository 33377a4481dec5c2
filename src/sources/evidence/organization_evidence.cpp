#include "sources/evidence/organization_evidence.hpp"

#include <algorithm>

#include "aws/services/organizations_api.hpp"
#include "base/file.hpp"
#include "sources/evidence/aws_cli_error.hpp"
#include "sources/evidence/evidence_files.hpp"
#include "sources/evidence/manifest.hpp"
#include "sources/org/org_trails.hpp"
#include "sources/org/unread_accounts.hpp"

namespace trailguard::sources::evidence {
namespace fs = std::filesystem;
namespace {

fs::path answer_file(const fs::path& directory, std::string_view kind) {
  return directory / (std::string(kind) + std::string(kAnswerSuffix));
}

model::Account* find_account(EvidenceSet& set, const std::string& id) {
  const auto it = std::find_if(set.accounts.begin(), set.accounts.end(), [&](const model::Account& a) { return a.account_id == id; });
  return it == set.accounts.end() ? nullptr : &*it;
}

// Whose organization trails these are: describe-organization.json says; without it, the account whose
// own organization trails the set holds.
Result<std::string> management_account_id(const fs::path& directory, const EvidenceSet& set) {
  const auto file = answer_file(directory, kDescribeOrganization);
  std::error_code ec;
  if (fs::is_regular_file(file, ec)) {
    auto text = read_file(file);
    if (!text) return text.error();
    auto info = aws::parse_describe_organization_json(*text);
    if (!info) return make_error(ErrorKind::malformed_input, file.string(), info.error().message);
    return info->management_account_id;
  }
  for (const auto& account : set.accounts)
    for (const auto& trail : account.trails)
      if (trail.is_organization_trail.is(true) && trail.owner_account_id == account.account_id) return account.account_id;
  return std::string();
}

model::Account unread_member(const fs::path& directory, const aws::OrganizationAccount& listed, const model::Account& regions_from) {
  if (org::is_closed_status(listed.status)) return org::suspended_account(listed.id, listed.status, regions_from);
  const auto refusal = directory / listed.id / (std::string(kAssumeRole) + std::string(kFailureSuffix));
  std::error_code ec;
  if (fs::is_regular_file(refusal, ec))
    if (auto text = read_file(refusal)) return org::unreadable_account(listed.id, regions_from, parse_aws_cli_error(*text, "AssumeRole", ""));
  return org::unreadable_account(listed.id, regions_from,
                                 {"evidence", "", "MissingEvidence",
                                  "the organization lists account " + listed.id + " but " + (directory / listed.id).string() +
                                      " holds no evidence of it"});
}

}  // namespace

bool has_organization_listing(const fs::path& directory) {
  std::error_code ec;
  return fs::is_regular_file(answer_file(directory, kListAccounts), ec);
}

// The organization's own files decide which accounts are judged: one the manifest does not vouch for
// stops the run rather than leave accounts out.
Status check_organization_manifest(const fs::path& directory) {
  auto manifest = Manifest::load(directory);
  if (!manifest) return manifest.error();
  if (!*manifest) return ok_status();
  for (auto kind : {kListAccounts, kDescribeOrganization}) {
    const auto file = answer_file(directory, kind);
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) continue;
    auto text = read_file(file);
    if (!text) return text.error();
    if (auto why = (*manifest)->disagreement(file, *text, "", ""))
      return make_error(ErrorKind::malformed_input, file.string(), *why);
  }
  return ok_status();
}

Status apply_organization_listing(const fs::path& directory, EvidenceSet& set) {
  if (auto status = check_organization_manifest(directory); !status) return status;
  const auto file = answer_file(directory, kListAccounts);
  auto text = read_file(file);
  if (!text) return text.error();
  auto listed = aws::parse_list_accounts_json(*text);
  if (!listed) return make_error(ErrorKind::malformed_input, file.string(), listed.error().message);
  auto management_id = management_account_id(directory, set);
  if (!management_id) return management_id.error();

  std::vector<model::Trail> organization_trails;
  const model::Account* management = find_account(set, *management_id);
  if (management != nullptr) organization_trails = org::organization_trails_of(*management, *management_id);
  const model::Account regions_from = management != nullptr ? *management : set.accounts.front();

  for (const auto& member : listed->accounts) {
    model::Account* account = find_account(set, member.id);
    if (account == nullptr) {
      set.accounts.push_back(unread_member(directory, member, regions_from));
      account = &set.accounts.back();
    } else if (account->account_id != *management_id) {
      org::credit_organization_trails(*account, organization_trails);
    }
    account->account_name = member.name;
  }
  std::sort(set.accounts.begin(), set.accounts.end(),
            [](const model::Account& a, const model::Account& b) { return a.account_id < b.account_id; });
  return ok_status();
}

}  // namespace trailguard::sources::evidence
