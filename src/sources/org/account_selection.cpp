#include "sources/org/account_selection.hpp"

#include <algorithm>
#include <cctype>

#include "sources/org/unread_accounts.hpp"

namespace trailguard::sources::org {
namespace {

bool contains(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace

AccountPlan plan_accounts(const std::vector<aws::OrganizationAccount>& listed, const std::string& caller_account,
                          const AccountSelection& selection) {
  AccountPlan plan;
  for (const auto& id : selection.only) {
    const bool known = std::any_of(listed.begin(), listed.end(), [&](const auto& a) { return a.id == id; });
    if (!known) plan.problems.push_back("account " + id + " (--accounts) is not in the organization: not scanned");
  }
  for (const auto& account : listed) {
    const bool chosen = (selection.only.empty() || contains(selection.only, account.id)) && !contains(selection.exclude, account.id);
    if (!chosen) {
      ++plan.excluded;
      continue;
    }
    PlannedAccount planned{account, AccountAction::assume_role};
    if (account.id == caller_account) {
      planned.action = AccountAction::scan_as_caller;
    } else if (is_closed_status(account.status)) {  // an unknown status is tried: AWS will say
      planned.action = AccountAction::skip_suspended;
    }
    plan.accounts.push_back(std::move(planned));
  }
  std::stable_sort(plan.accounts.begin(), plan.accounts.end(), [](const PlannedAccount& a, const PlannedAccount& b) {
    const bool a_caller = a.action == AccountAction::scan_as_caller, b_caller = b.action == AccountAction::scan_as_caller;
    if (a_caller != b_caller) return a_caller;
    return a.account.id < b.account.id;
  });
  return plan;
}

Result<std::vector<std::string>> parse_account_ids(std::string_view text, const std::string& where) {
  std::vector<std::string> ids;
  std::string current;
  bool comment = false;
  auto finish = [&]() -> Status {
    if (current.empty()) return ok_status();
    const bool valid = current.size() == 12 && std::all_of(current.begin(), current.end(), [](unsigned char c) { return std::isdigit(c); });
    if (!valid) return make_error(ErrorKind::invalid_argument, where, "'" + current + "' is not a 12-digit AWS account id");
    if (!contains(ids, current)) ids.push_back(current);
    current.clear();
    return ok_status();
  };
  for (const char c : text) {
    if (c == '\n') comment = false;
    if (comment) continue;
    if (c == '#') comment = true;
    if (c == '#' || c == ',' || std::isspace(static_cast<unsigned char>(c))) {
      if (auto done = finish(); !done) return done.error();
      continue;
    }
    current += c;
  }
  if (auto done = finish(); !done) return done.error();
  return ids;
}

}  // namespace trailguard::sources::org
