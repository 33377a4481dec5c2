// The names of the files in an evidence directory: one definition, used by the loader and by the
// collection script, so the two can never disagree.
#pragma once

#include <string>
#include <string_view>

namespace trailguard::sources::evidence {

inline constexpr std::string_view kCallerIdentity = "get-caller-identity";
inline constexpr std::string_view kDescribeRegions = "describe-regions";
inline constexpr std::string_view kDescribeTrails = "describe-trails";
inline constexpr std::string_view kTrailStatus = "get-trail-status";
inline constexpr std::string_view kEventSelectors = "get-event-selectors";
// An organization's evidence (collect --org): at the top of the directory, beside one directory per account.
inline constexpr std::string_view kListAccounts = "list-accounts";
inline constexpr std::string_view kDescribeOrganization = "describe-organization";
// In a member's directory when its role could not be assumed (the only file there).
inline constexpr std::string_view kAssumeRole = "assume-role";

// A successful call is saved as "<base>.json"; a failed one as "<base>.error" holding the CLI's stderr.
inline constexpr std::string_view kAnswerSuffix = ".json";
inline constexpr std::string_view kFailureSuffix = ".error";

// "describe-trails.eu-west-1", "get-trail-status.main-trail"; qualifier may be empty.
inline std::string evidence_base(std::string_view kind, std::string_view qualifier) {
  std::string base(kind);
  if (!qualifier.empty()) base += "." + std::string(qualifier);
  return base;
}

// A trail's status or selectors: "get-trail-status.111111111111.eu-west-1.audit". Trail names are unique
// only per account and region, so the file name carries both; the loader also accepts the short
// "get-trail-status.audit" when no other trail of the account has that name.
inline std::string trail_evidence_base(std::string_view kind, std::string_view account, std::string_view home_region,
                                       std::string_view name) {
  return std::string(kind) + "." + std::string(account) + "." + std::string(home_region) + "." + std::string(name);
}

}  // namespace trailguard::sources::evidence
