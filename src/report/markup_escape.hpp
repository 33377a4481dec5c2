// The escaping that HTML (report/html_escape) and XML (the JUnit writer) share: & < > " as references, C0
// controls that neither can carry as U+FFFD; what differs between them is a parameter.
#pragma once

#include <string>
#include <string_view>

namespace trailguard::report {

enum class Apostrophe { kept, escaped };         // escaped for single-quoted attributes (HTML)
enum class Whitespace { kept, as_references };  // tab, LF and CR; XML attributes would normalise them to spaces

std::string markup_escaped(std::string_view text, Apostrophe apostrophe, Whitespace whitespace);

}  // namespace trailguard::report
