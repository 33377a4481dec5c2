// Models for organization accounts that were not read: one whose role could not be assumed (every region
// ERROR) and one SUSPENDED (every region SKIPPED). Both take the regions of an account that was read (the
// management account's), every one enabled, so that each region is judged rather than guessed away.
// Shared by the live org scan and the evidence of one (collect --org). Pure; thread-safe.
#pragma once

#include <string>

#include "model/account.hpp"

namespace trailguard::sources::org {

// `failure` names what could not be read and why, e.g. AssumeRole's AccessDenied.
model::Account unreadable_account(const std::string& account_id, const model::Account& regions_from, model::ReadError failure);

// `status` as Organizations states it: SUSPENDED, PENDING_CLOSURE.
model::Account suspended_account(const std::string& account_id, const std::string& status, const model::Account& regions_from);

// SUSPENDED and PENDING_CLOSURE accounts: no role can be assumed in them.
bool is_closed_status(const std::string& status);

}  // namespace trailguard::sources::org
