#include "sources/iac/suppression.hpp"

#include <algorithm>

namespace trailguard::sources::iac {
namespace {

std::vector<std::string_view> lines_of(std::string_view content) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < content.size()) {
    const auto end = content.find('\n', start);
    lines.push_back(content.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return lines;
}

std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return "";
  const auto last = text.find_last_not_of(" \t\r");
  return std::string(text.substr(first, last - first + 1));
}

// Where the line's comment starts, npos when it has none. A `#` or `//` inside a quoted string on the
// resource line is rare enough in a resource header that quotes are not tracked.
std::size_t comment_start(std::string_view line, CommentStyle style) {
  const auto hash = line.find('#');
  if (style == CommentStyle::hash) return hash;
  return std::min(hash, line.find("//"));
}

bool is_comment_line(std::string_view line, CommentStyle style) {
  const auto text = line.find_first_not_of(" \t");
  return text != std::string_view::npos && comment_start(line, style) == text;
}

}  // namespace

std::optional<SuppressionComment> find_suppression(std::string_view content, int resource_line, CommentStyle style) {
  const auto lines = lines_of(content);
  for (int at = resource_line; at >= 1 && at <= static_cast<int>(lines.size()); --at) {
    const auto line = lines[static_cast<std::size_t>(at - 1)];
    // Above the resource only an unbroken run of comment lines belongs to it.
    if (at != resource_line && !is_comment_line(line, style)) break;
    const auto comment = comment_start(line, style);
    if (comment == std::string_view::npos) continue;
    const auto marker = line.find(kSuppressionMarker, comment);
    if (marker == std::string_view::npos) continue;
    return SuppressionComment{at, static_cast<int>(marker + 1), trimmed(line.substr(marker + kSuppressionMarker.size()))};
  }
  return std::nullopt;
}

void apply_suppression(std::string_view content, const std::string& path, int resource_line, CommentStyle style,
                       model::DeclaredTrail& trail, std::vector<model::IacProblem>& problems) {
  auto found = find_suppression(content, resource_line, style);
  if (!found) return;
  if (found->reason.empty())
    problems.push_back({{path, found->line, found->column}, "a trailguard:ignore suppression needs a reason after the rule name", true});
  else
    trail.suppression_reason = std::move(found->reason);
}

}  // namespace trailguard::sources::iac
