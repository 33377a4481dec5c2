// The CSV report (-o csv): one row per finding (account, region), for spreadsheets and SQL loaders.
//   account_id,account_name,region,status,reasons,trails,message
// RFC 4180: CRLF line ends, a field quoted when it holds a comma, a quote, CR or LF, quotes doubled;
// reasons and trails joined with ';' (neither reason codes nor ARNs contain one). Fields are written as
// they are, never altered for spreadsheets (docs/output.md says how to import them safely).
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "report/report.hpp"

namespace trailguard::report {

void write_csv(const Report& report, std::ostream& out);

// `field` as one RFC 4180 field: quoted only when it must be.
std::string csv_field(std::string_view field);

}  // namespace trailguard::report
