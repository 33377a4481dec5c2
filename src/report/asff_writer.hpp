// AWS Security Finding Format (ASFF 2018-10-08) findings, one per judged (account, region): the Findings list
// that Security Hub's BatchImportFindings takes. -o asff writes them as one JSON array (finding by finding);
// --send-to-security-hub imports the same findings (cli/security_hub_import). A SKIPPED region (not enabled,
// a suspended account) has no finding: there is nothing to judge there, and a finding that went stale this
// way is archived only on request (--archive-stale). The result is Compliance.Status: PASSED, FAILED, or
// NOT_AVAILABLE for ERROR, with the reason codes as StatusReasons.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "report/report.hpp"

namespace trailguard::report {

// Security Hub's own limits on a finding's strings (the ASFF syntax reference): longer text is cut, with "...".
inline constexpr std::size_t kAsffTitleMax = 256;
inline constexpr std::size_t kAsffDescriptionMax = 1024;
inline constexpr std::size_t kAsffRecommendationMax = 512;
inline constexpr std::size_t kAsffReasonDescriptionMax = 2048;

// Whether the finding becomes an ASFF finding (every status but SKIPPED).
bool has_asff_finding(const control::Finding& finding);

// Stable across runs, so that a new import updates the finding: "trailguard/<control>/<account>/<region>".
std::string asff_id(const std::string& account_id, const std::string& region);

// The default product of the finding's account and region, which BatchImportFindings accepts only from that account.
std::string asff_product_arn(const std::string& account_id, const std::string& region);

// The generator of every trailguard finding (the control), to find them again (GetFindings) for archiving.
std::string asff_generator_id();

// An ASFF timestamp (ISO 8601, UTC, milliseconds) of `epoch_ms`.
std::string asff_time(std::int64_t epoch_ms);

nlohmann::json asff_finding(const Report& report, const control::AccountVerdict& account, const control::Finding& finding);

void write_asff(const Report& report, std::ostream& out);

}  // namespace trailguard::report
