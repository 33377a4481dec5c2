// What `trailguard logs athena-ddl` puts into SQL, each value checked against the rule of its kind (S3's
// bucket names, CloudTrail's folder layout, 12-digit accounts, Athena's table names) before it is written.
// A value that fails is refused with its name in the message; nothing is quoted around a bad value, so
// no input can end a string literal or an identifier in the DDL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace trailguard::sources::athena {

// Where CloudTrail delivers: s3://bucket/[prefix/]AWSLogs/[o-orgid/][account/].
struct CloudTrailLogLocation {
  std::string bucket;
  std::string prefix;   // the trail's S3 key prefix: "" or ending in '/', before "AWSLogs/"
  std::string org_id;   // "o-..." for an organization trail's layout, else ""
  std::string account;  // set when the URI names one account's folder

  // "s3://bucket/prefix/AWSLogs/[o-id/]": the folder that holds the account folders.
  std::string accounts_folder() const;
};

// Errors (invalid_argument, code "usage") name the URI and the part that is wrong.
Result<CloudTrailLogLocation> parse_cloudtrail_location(std::string_view uri);

// "table" or "database.table"; each part [A-Za-z0-9_]{1,255}.
struct TableName {
  std::string database;  // "" for the query's current database
  std::string table;

  // `database`.`table` (or `table`), as Hive DDL quotes identifiers.
  std::string quoted() const;
};
Result<TableName> parse_table_name(std::string_view text);

bool is_account_id(std::string_view text);  // 12 digits
bool is_org_id(std::string_view text);      // o-[a-z0-9]{10,32}
bool is_region_name(std::string_view text);  // us-east-1, us-gov-west-1, cn-north-1, eu-isoe-west-1
// S3's rules for general purpose buckets: 3-63 of [a-z0-9.-], a letter or digit at both ends, no "..",
// not an IPv4 address, none of the reserved prefixes and suffixes.
bool is_bucket_name(std::string_view text);

// "2026-12-01" -> days since 1970-01-01, when it is a real calendar date; nullopt otherwise.
std::optional<std::int64_t> parse_calendar_date(std::string_view text);

}  // namespace trailguard::sources::athena
