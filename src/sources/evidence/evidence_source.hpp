// The evidence source: saved AWS CLI output (see docs/evidence.md) into model Accounts.
// A directory is one account, or holds one sub-directory per account. Not thread-safe (uses the
// calling thread's JSON parser); call it from one thread.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "model/account.hpp"

namespace trailguard::sources::evidence {

struct EvidenceSet {
  std::vector<model::Account> accounts;
  // Problems with individual files (malformed, wrong shape). Each also became a ReadError in the model,
  // so the affected regions report ERROR; these lines let the CLI tell the user which file to look at.
  std::vector<std::string> problems;
};

// Fails (ErrorKind::not_found / malformed_input / invalid_argument) only when the input as a whole is
// unusable: no such directory, no DescribeTrails evidence at all, an unreadable region list or identity.
Result<EvidenceSet> load_evidence(const std::filesystem::path& directory);

// True when the directory holds DescribeTrails evidence itself (an account directory).
bool is_account_directory(const std::filesystem::path& directory);

}  // namespace trailguard::sources::evidence
