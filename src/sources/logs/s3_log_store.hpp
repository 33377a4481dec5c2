// S3LogStore: CloudTrail's files in an S3 bucket (s3://bucket/prefix), listed with ListObjectsV2 one folder
// level at a time (delimiter "/"), so that the selection prunes whole accounts, regions and days by their
// folder names as the local walk does, and read with GetObject from the scan's worker threads. A digest's
// signature comes back as its x-amz-meta-signature metadata (ObjectRead::signature).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "aws/aws_client.hpp"
#include "base/result.hpp"
#include "sources/logs/log_store.hpp"

namespace trailguard::sources::logs {

struct S3Location {
  std::string bucket;
  std::string prefix;  // "" or ending in '/'
};

// "s3://bucket", "s3://bucket/", "s3://bucket/AWSLogs/111122223333" (a prefix is a folder: '/' is added).
// Errors (invalid_argument) say what is wrong with the URL.
Result<S3Location> parse_s3_url(std::string_view url);

struct S3LogStoreOptions {
  // Where the bucket's calls go when GetBucketLocation is denied (the caller may read objects and not that).
  std::string fallback_region = "us-east-1";
};

// Finds the bucket's region (GetBucketLocation). Errors: a bad URL (invalid_argument), no such bucket
// (not_found), and any other failure of that first call, naming the bucket.
Result<std::unique_ptr<LogStore>> open_s3_log_store(std::shared_ptr<aws::AwsClient> client, std::string_view url,
                                                    const S3LogStoreOptions& options = {});

}  // namespace trailguard::sources::logs
