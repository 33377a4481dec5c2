// An organization's evidence (collect --org): list-accounts.json (and describe-organization.json) at the top
// of a directory of account directories. With it, the set is judged as a live `scan --org` judges the
// organization:
//   - every listed account is reported: a SUSPENDED / PENDING_CLOSURE one is SKIPPED; an ACTIVE one with
//     no evidence is ERROR (its assume-role.error says why, when the collection saved one);
//   - the management account's organization trails are credited to every listed account, whether or not
//     the member's own listing showed them;
//   - accounts carry their organization names.
// Without list-accounts.json nothing changes. Not thread-safe (as load_evidence).
#pragma once

#include <filesystem>

#include "base/result.hpp"
#include "sources/evidence/evidence_source.hpp"

namespace trailguard::sources::evidence {

bool has_organization_listing(const std::filesystem::path& directory);

// Fails only when list-accounts.json or describe-organization.json is unreadable or malformed.
Status apply_organization_listing(const std::filesystem::path& directory, EvidenceSet& set);

}  // namespace trailguard::sources::evidence
