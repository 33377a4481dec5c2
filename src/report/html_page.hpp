// The fixed parts of the HTML report (report/html_writer): its Content-Security-Policy, style sheet and script,
// inlined in every page so that the file is self-contained and fetches nothing.
#pragma once

#include <string_view>

namespace trailguard::report::html {

// No fetch of any kind (default-src 'none'); only the page's own inline style and script; images only as data: URLs.
inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'";

// The <style> element's text. Cells: PASS #1a7f37 green, FAIL #cf222e red, ERROR #d4a017 amber, SKIPPED #8c959f grey
// (the browser test reads them back from computed styles), each also lettered P, F, E, S.
std::string_view style();
// The <script> element's text: reads #tg-findings and #tg-meta, then filters, search, sorting and the details
// panel. The page reads completely without it.
std::string_view script();

}  // namespace trailguard::report::html
