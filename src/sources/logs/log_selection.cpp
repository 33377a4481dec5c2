#include <algorithm>
#include <charconv>

#include "base/utc_time.hpp"
#include "sources/logs/log_store.hpp"

namespace trailguard::sources::logs {
namespace {

bool all_digits(std::string_view text, std::size_t count) {
  return text.size() == count && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int number(std::string_view digits) {
  int value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

}  // namespace

bool folder_pruned(std::string_view grandparent, std::string_view parent, std::string_view name, const LogSelection& selection) {
  if (all_digits(name, 2) && all_digits(parent, 2)) {
    if (!all_digits(grandparent, 4)) return false;
    return !selection.wants_day(days_from_civil(number(grandparent), number(parent), number(name)));
  }
  if (all_digits(name, 12) && (parent == "AWSLogs" || parent.rfind("o-", 0) == 0)) return !selection.wants_account(std::string(name));
  if (parent == "CloudTrail" || parent == "CloudTrail-Digest" || parent == "CloudTrail-Insight")
    return !selection.wants_region(std::string(name));
  return false;
}

}  // namespace trailguard::sources::logs
