// The HTML report (-o html): one self-contained page (inline style and script, a Content-Security-Policy that
// forbids every fetch) with the run's header (source, time, version, the control's framework ids), the summary
// counts and an account x region grid, a <td data-account data-region data-status> per finding, coloured by
// status and lettered P/F/E/S. The grid is a server-written <table>, complete without JavaScript; the script
// adds filters, search, sorting and a details panel fed by compact JSON data (#tg-findings, #tg-meta).
// Written element by element: the page is never one string. Only the region list (the grid's columns, gathered
// first) and the table of distinct strings (message templates, reason codes, trail ARNs; few, however many
// accounts) are held, the latter written last.
#pragma once

#include <ostream>

#include "report/report.hpp"

namespace trailguard::report {

void write_html(const Report& report, std::ostream& out);

}  // namespace trailguard::report
