#include "model/trail.hpp"

#include <array>

namespace trailguard::model {
namespace {
// Field `index` (0-based) of a colon-separated ARN, or "" when the ARN has fewer fields.
std::string arn_field(std::string_view arn, std::size_t index) {
  if (!arn.starts_with("arn:")) return {};
  std::size_t start = 0;
  for (std::size_t i = 0; i < index; ++i) {
    const auto colon = arn.find(':', start);
    if (colon == std::string_view::npos) return {};
    start = colon + 1;
  }
  const auto end = arn.find(':', start);
  if (end == std::string_view::npos) return {};
  return std::string(arn.substr(start, end - start));
}
}  // namespace

std::string account_of_arn(std::string_view arn) { return arn_field(arn, 4); }
std::string partition_of_arn(std::string_view arn) { return arn_field(arn, 1); }
std::string region_of_arn(std::string_view arn) { return arn_field(arn, 3); }

}  // namespace trailguard::model
