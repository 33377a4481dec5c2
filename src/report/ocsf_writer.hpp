// OCSF 1.6.0 Compliance Finding events (class_uid 2003), one per (account, region), for security data lakes
// and SIEMs (Amazon Security Lake, Splunk, ...): -o ocsf writes them as one JSON array, -o ocsf-ndjson one
// per line. The check's result is in compliance.status_id (Pass 1, Fail 3, Warning 2 for ERROR, Other 99
// "Skipped" for SKIPPED) with the reason codes in compliance.status_details; the workflow status_id of the
// finding stays 1 New. Standards and requirements come from the control's metadata. Events are written one at
// a time, never the whole report as one JSON value.
#pragma once

#include <ostream>

#include <nlohmann/json_fwd.hpp>

#include "report/report.hpp"

namespace trailguard::report {

void write_ocsf(const Report& report, std::ostream& out);
void write_ocsf_ndjson(const Report& report, std::ostream& out);

// The event of one finding (its account's verdict names the account).
nlohmann::json ocsf_event(const Report& report, const control::AccountVerdict& account, const control::Finding& finding);

}  // namespace trailguard::report
