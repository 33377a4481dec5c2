#include "sources/org/unread_accounts.hpp"

namespace trailguard::sources::org {
namespace {

model::Account stand_in(const std::string& account_id, const model::Account& regions_from) {
  model::Account account;
  account.account_id = account_id;
  account.partition = regions_from.partition;
  for (const auto& region : regions_from.regions) account.regions.push_back({region.name, model::RegionState::enabled, ""});
  account.region_listing = model::RegionListing::inferred;
  return account;
}

}  // namespace

model::Account unreadable_account(const std::string& account_id, const model::Account& regions_from, model::ReadError failure) {
  auto account = stand_in(account_id, regions_from);
  account.read_errors.push_back(std::move(failure));
  account.notes.push_back("regions are the management account's: this account could not be read");
  return account;
}

model::Account suspended_account(const std::string& account_id, const std::string& status, const model::Account& regions_from) {
  auto account = stand_in(account_id, regions_from);
  account.not_audited = "account " + account_id + " is " + status + " in the organization: not audited (no role can be assumed in it)";
  account.notes.push_back(account.not_audited);  // the text report shows notes, not the SKIPPED rows' sentences
  return account;
}

bool is_closed_status(const std::string& status) { return status == "SUSPENDED" || status == "PENDING_CLOSURE"; }

}  // namespace trailguard::sources::org
