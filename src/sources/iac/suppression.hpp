// The inline suppression every infrastructure-code reader honours:
// `# trailguard:ignore cloudtrail-multi-region-enabled <reason>` in a comment on the resource's first line
// or on the comment lines right above it. One reading, so Terraform and CloudFormation cannot disagree on
// what counts as a suppression or on the usage error of one without a reason.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/declared_trail.hpp"

namespace trailguard::sources::iac {

inline constexpr std::string_view kSuppressionMarker = "trailguard:ignore cloudtrail-multi-region-enabled";

// Which line comments the format has: YAML only `#`, HCL `#` and `//`.
enum class CommentStyle { hash, hash_or_slashes };

struct SuppressionComment {
  int line = 0;    // 1-based line of the marker
  int column = 0;  // 1-based column where the marker starts
  std::string reason;  // trimmed; empty when the comment gives none
};

// The suppression comment for a resource whose first line is `resource_line` (1-based), if any.
std::optional<SuppressionComment> find_suppression(std::string_view content, int resource_line, CommentStyle style);

// find_suppression applied: sets trail.suppression_reason, or adds a usage problem (at the comment) for a
// suppression without a reason.
void apply_suppression(std::string_view content, const std::string& path, int resource_line, CommentStyle style,
                       model::DeclaredTrail& trail, std::vector<model::IacProblem>& problems);

}  // namespace trailguard::sources::iac
