// Escaping for the HTML report (report/html_writer): text and attribute values, JSON inside a <script> element,
// and the compact message templates of its finding data.
#pragma once

#include <string>
#include <string_view>

namespace trailguard::report {

// `text` safe as HTML text and as a double- or single-quoted attribute value (report/markup_escape): & < > " '
// as character references; C0 controls other than tab, LF and CR (which HTML cannot carry) as U+FFFD.
std::string html_escaped(std::string_view text);

// A JSON text made safe inside <script type="application/json">: '<', '>' and '&' (which occur only inside JSON
// strings) as \u003c, \u003e, \u0026, so that no "</script>" or "<!--" can end or change the element; U+2028 and
// U+2029 as \u2028, \u2029. JSON.parse reads the same value back.
std::string script_safe_json(std::string_view json);

// `text` as a template of the finding data: '{' doubled, the finding's account id as "{a}" and its region as
// "{r}", so that the messages of one kind in every region and account are one string. expand_template undoes it.
std::string message_template(std::string_view text, std::string_view account_id, std::string_view region);
std::string expand_template(std::string_view text, std::string_view account_id, std::string_view region);

}  // namespace trailguard::report
