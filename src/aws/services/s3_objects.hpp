// The S3 calls that read a bucket's objects (REST-XML, path-style, as s3_api): ListObjectsV2 pages, GetObject,
// GetBucketLocation, and the parsers of their answers. Used by the logs store (sources/logs/s3_log_store) and
// by scan --prove-delivery. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "aws/aws_client.hpp"
#include "base/result.hpp"

namespace trailguard::aws {

// One page (up to 1,000 keys) of the keys under `prefix`; with a delimiter ("/"), the keys' next folder levels
// come back as common prefixes instead of their keys. An empty token asks for the first page.
ApiCall list_objects_v2_call(const std::string& bucket, const std::string& region, const std::string& prefix,
                             const std::string& delimiter = "", const std::string& continuation_token = "");

struct S3ObjectSummary {
  std::string key;
  std::uint64_t size = 0;
};

struct S3ListPage {
  std::vector<S3ObjectSummary> objects;     // in key order
  std::vector<std::string> common_prefixes;  // in key order, each ending in the delimiter
  bool truncated = false;
  std::string next_continuation_token;  // set when truncated
};

// ListObjectsV2's ListBucketResult. Errors (malformed_input, naming `input`): not XML, another document, a
// truncated page without a next token, a size that is not a number.
Result<S3ListPage> parse_list_objects_v2(std::string_view xml, const std::string& input);

// The object's bytes are the answer's body; its user metadata comes back in x-amz-meta-* headers.
ApiCall get_object_call(const std::string& bucket, const std::string& region, const std::string& key);

// GetBucketLocation answers from any region: where the bucket's other calls must go.
ApiCall get_bucket_location_call(const std::string& bucket);
// Its LocationConstraint as a region: empty is us-east-1, the legacy "EU" is eu-west-1.
Result<std::string> parse_bucket_location(std::string_view xml, const std::string& input);

}  // namespace trailguard::aws
