#include "sources/athena/athena_inputs.hpp"

#include <vector>

#include "base/utc_time.hpp"
#include "sources/logs/s3_log_store.hpp"

namespace trailguard::sources::athena {
namespace {

Error usage(std::string message) { return Error{ErrorKind::invalid_argument, std::move(message), "", "usage"}; }

bool all_of(std::string_view text, std::string_view allowed) {
  return text.find_first_not_of(allowed) == std::string_view::npos;
}

constexpr std::string_view digits = "0123456789";
constexpr std::string_view lower_alnum = "abcdefghijklmnopqrstuvwxyz0123456789";
constexpr std::string_view identifier_chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
// S3's "safe characters" for keys, without the single quote: a prefix goes into SQL string literals.
constexpr std::string_view prefix_chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!-_.*()";

// "a/b/" -> {"a", "b"}; "a//b" -> {"a", "", "b"}: an empty piece is kept, except after a final separator.
std::vector<std::string_view> split_on(std::string_view text, char separator) {
  std::vector<std::string_view> pieces;
  while (!text.empty()) {
    const auto at = text.find(separator);
    pieces.push_back(text.substr(0, at));
    if (at == std::string_view::npos) break;
    text.remove_prefix(at + 1);
  }
  return pieces;
}

bool is_ipv4(std::string_view text) {
  int dots = 0;
  for (char c : text) {
    if (c == '.') ++dots;
    else if (c < '0' || c > '9') return false;
  }
  return dots == 3;
}

}  // namespace

std::string CloudTrailLogLocation::accounts_folder() const {
  return "s3://" + bucket + "/" + prefix + "AWSLogs/" + (org_id.empty() ? "" : org_id + "/");
}

bool is_account_id(std::string_view text) { return text.size() == 12 && all_of(text, digits); }

bool is_org_id(std::string_view text) {
  return text.size() >= 12 && text.size() <= 34 && text.substr(0, 2) == "o-" && all_of(text.substr(2), lower_alnum);
}

bool is_region_name(std::string_view text) {
  // Partition prefix, one or more words, then a number: "us-east-1", "us-gov-west-1", "eu-isoe-west-1".
  if (text.empty() || text.back() == '-') return false;
  const auto words = split_on(text, '-');
  if (words.size() < 3 || words.front().size() != 2 || !all_of(words.back(), digits) || words.back().empty()) return false;
  for (std::size_t i = 0; i + 1 < words.size(); ++i)
    if (words[i].empty() || !all_of(words[i], "abcdefghijklmnopqrstuvwxyz")) return false;
  return true;
}

bool is_bucket_name(std::string_view text) {
  if (text.size() < 3 || text.size() > 63 || !all_of(text, "abcdefghijklmnopqrstuvwxyz0123456789.-")) return false;
  const auto alnum_at = [&](std::size_t i) { return lower_alnum.find(text[i]) != std::string_view::npos; };
  if (!alnum_at(0) || !alnum_at(text.size() - 1)) return false;
  if (text.find("..") != std::string_view::npos || is_ipv4(text)) return false;
  for (std::string_view reserved : {"xn--", "sthree-", "amzn-s3-demo-"})
    if (text.substr(0, reserved.size()) == reserved) return false;
  for (std::string_view reserved : {"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"})
    if (text.size() >= reserved.size() && text.substr(text.size() - reserved.size()) == reserved) return false;
  return true;
}

std::optional<std::int64_t> parse_calendar_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  const auto number = [&](std::size_t at, std::size_t length) {
    int value = 0;
    for (std::size_t i = at; i < at + length; ++i) value = value * 10 + (text[i] - '0');
    return value;
  };
  const int year = number(0, 4), month = number(5, 2), day = number(8, 2);
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  const auto days = days_from_civil(year, month, day);
  // A day past the month's end (2026-02-30) lands in the next month: the round trip catches it.
  if (format_utc_date(days * 86400) != text) return std::nullopt;
  return days;
}

Result<CloudTrailLogLocation> parse_cloudtrail_location(std::string_view uri) {
  auto s3 = logs::parse_s3_url(uri);
  if (!s3) return s3.error();
  const std::string quoted = "\"" + std::string(uri) + "\"";
  if (!is_bucket_name(s3->bucket))
    return usage(quoted + ": \"" + s3->bucket + "\" is not an S3 bucket name (3-63 of a-z 0-9 . -, see S3's naming rules)");

  const auto folders = split_on(s3->prefix, '/');
  // The last "AWSLogs" that only [o-id/][account/] follow: a trail's own prefix may contain that word too.
  std::size_t logs_at = folders.size();
  for (std::size_t i = folders.size(); i-- > 0 && folders.size() - i <= 3;)
    if (folders[i] == "AWSLogs") {
      logs_at = i;
      break;
    }
  if (logs_at == folders.size())
    return usage(quoted + " is not CloudTrail's folder: give s3://bucket/[prefix/]AWSLogs/ or "
                 "s3://bucket/[prefix/]AWSLogs/o-ORGID/ (an account's folder below them also works)");

  CloudTrailLogLocation location;
  location.bucket = s3->bucket;
  for (std::size_t i = 0; i < logs_at; ++i) {
    if (folders[i].empty() || folders[i] == "." || folders[i] == ".." || !all_of(folders[i], prefix_chars))
      return usage(quoted + ": the prefix folder \"" + std::string(folders[i]) +
                   "\" is empty or uses characters other than letters, digits and !-_.*()");
    location.prefix += std::string(folders[i]) + "/";
  }
  std::size_t next = logs_at + 1;
  if (next < folders.size() && folders[next].substr(0, 2) == "o-") {
    if (!is_org_id(folders[next]))
      return usage(quoted + ": \"" + std::string(folders[next]) + "\" is not an organization id (o- and 10-32 of a-z 0-9)");
    location.org_id = std::string(folders[next++]);
  }
  if (next < folders.size()) {
    if (!is_account_id(folders[next]))
      return usage(quoted + ": \"" + std::string(folders[next]) + "\" is not a 12-digit account id");
    location.account = std::string(folders[next++]);
  }
  if (next < folders.size())
    return usage(quoted + ": nothing may follow the account's folder (the table reads every region and day)");
  return location;
}

std::string TableName::quoted() const {
  return (database.empty() ? "" : "`" + database + "`.") + "`" + table + "`";
}

Result<TableName> parse_table_name(std::string_view text) {
  const auto dot = text.find('.');
  TableName name;
  if (dot != std::string_view::npos) {
    name.database = std::string(text.substr(0, dot));
    name.table = std::string(text.substr(dot + 1));
  } else {
    name.table = std::string(text);
  }
  const auto valid = [](const std::string& part) {
    return !part.empty() && part.size() <= 255 && all_of(part, identifier_chars);
  };
  if (!valid(name.table) || (dot != std::string_view::npos && !valid(name.database)))
    return usage("--table \"" + std::string(text) + "\" is not TABLE or DATABASE.TABLE of letters, digits and _");
  return name;
}

}  // namespace trailguard::sources::athena
