// The Athena table over CloudTrail's delivered files: the columns and types AWS documents for CloudTrail
// ("Create the table for CloudTrail logs in Athena using partition projection", Athena user guide), read
// with CloudTrail's input format and the JSON SerDe, partitioned by account, delivery region and day with
// partition projection, so that Athena computes the partitions from the key layout and none is ever added
// or repaired by hand. `trailguard logs athena-ddl` prints it; docs/athena.md explains each choice.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace trailguard::sources::athena {

struct CloudTrailTableRequest {
  std::string location;               // s3://bucket/[prefix/]AWSLogs/[o-id/][account/]
  std::string table = "cloudtrail_logs";  // TABLE or DATABASE.TABLE
  // Empty: the account partition is `injected` (each query names its accounts), unless the location
  // names one account's folder. Else `enum` over exactly these.
  std::vector<std::string> accounts;
  std::vector<std::string> regions;   // empty: commercial_regions()
  std::string since = "2020-01-01";   // the first day the table projects (YYYY-MM-DD)
};

// Every region of the aws partition that CloudTrail delivers from (botocore 1.43's endpoints.json,
// partition "aws", service cloudtrail, without the fips- names).
const std::vector<std::string_view>& commercial_regions();

// The CREATE EXTERNAL TABLE statement (no trailing ';': Athena's API takes one statement as it is).
// `today` (days since 1970-01-01) bounds --since. Errors (invalid_argument, code "usage") name the bad value.
Result<std::string> cloudtrail_table_ddl(const CloudTrailTableRequest& request, std::int64_t today);

}  // namespace trailguard::sources::athena
