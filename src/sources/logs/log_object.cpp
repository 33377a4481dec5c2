#include "sources/logs/log_object.hpp"

#include "base/utc_time.hpp"

namespace trailguard::sources::logs {
namespace {

bool is_account_id(std::string_view text) {
  if (text.size() != 12) return false;
  for (const char c : text)
    if (c < '0' || c > '9') return false;
  return true;
}

// Region names as AWS spells them: lowercase letters, digits and dashes ("us-east-1", "us-gov-west-1").
bool is_region(std::string_view text) {
  if (text.size() < 4 || text.size() > 32 || text.find('-') == std::string_view::npos) return false;
  for (const char c : text)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

std::string_view take_until(std::string_view& rest, char separator) {
  const auto at = rest.find(separator);
  if (at == std::string_view::npos) {
    const auto all = rest;
    rest = {};
    return all;
  }
  const auto part = rest.substr(0, at);
  rest.remove_prefix(at + 1);
  return part;
}

}  // namespace

std::optional<LogObjectName> parse_log_object_name(std::string_view file_name) {
  LogObjectName name;
  if (file_name.size() > 8 && file_name.substr(file_name.size() - 8) == ".json.gz") {
    file_name.remove_suffix(8);
  } else if (file_name.size() > 5 && file_name.substr(file_name.size() - 5) == ".json") {
    name.gzip = false;
    file_name.remove_suffix(5);
  } else {
    return std::nullopt;
  }
  std::string_view rest = file_name;
  const auto account = take_until(rest, '_');
  const auto kind = take_until(rest, '_');
  const auto region = take_until(rest, '_');
  if (!is_account_id(account) || !is_region(region) || rest.empty()) return std::nullopt;
  name.account_id = std::string(account);
  name.region = std::string(region);

  if (kind == "CloudTrail" || kind == "CloudTrail-Insight") {
    name.kind = kind == "CloudTrail" ? LogObjectKind::log : LogObjectKind::insight;
    const auto time = take_until(rest, '_');
    const auto unique = rest;
    const auto seconds = parse_compact_utc_time(time);
    if (!seconds || unique.empty() || unique.find('_') != std::string_view::npos) return std::nullopt;
    name.time = *seconds;
    return name;
  }
  if (kind != "CloudTrail-Digest") return std::nullopt;
  // <trail name>_<home region>_<time>: the name may hold underscores, so the last two parts come off the end.
  const auto time_at = rest.rfind('_');
  if (time_at == std::string_view::npos) return std::nullopt;
  const auto seconds = parse_compact_utc_time(rest.substr(time_at + 1));
  rest = rest.substr(0, time_at);
  const auto home_at = rest.rfind('_');
  if (!seconds || home_at == std::string_view::npos || home_at == 0) return std::nullopt;
  const auto home = rest.substr(home_at + 1);
  if (!is_region(home)) return std::nullopt;
  name.kind = LogObjectKind::digest;
  name.time = *seconds;
  name.trail_name = std::string(rest.substr(0, home_at));
  name.trail_home_region = std::string(home);
  return name;
}

}  // namespace trailguard::sources::logs
