#include "report/markup_escape.hpp"

namespace trailguard::report {

std::string markup_escaped(std::string_view text, Apostrophe apostrophe, Whitespace whitespace) {
  const bool references = whitespace == Whitespace::as_references;
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += apostrophe == Apostrophe::escaped ? "&#39;" : "'"; break;
      case '\n': out += references ? "&#10;" : "\n"; break;
      case '\r': out += references ? "&#13;" : "\r"; break;
      case '\t': out += references ? "&#9;" : "\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += "\xEF\xBF\xBD";  // U+FFFD: XML 1.0 cannot write other C0 controls, not even escaped; HTML refuses them too
        } else {
          out += c;
        }
    }
  }
  return out;
}

}  // namespace trailguard::report
