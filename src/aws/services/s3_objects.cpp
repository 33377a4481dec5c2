#include "aws/services/s3_objects.hpp"

#include <charconv>

#include <pugixml.hpp>

namespace trailguard::aws {
namespace {

ApiCall s3_get(const std::string& bucket, const std::string& region, std::string operation) {
  ApiCall call;
  call.service = "s3";
  call.region = region;
  call.operation = std::move(operation);
  call.protocol = Protocol::rest_xml;
  call.method = "GET";
  call.path = "/" + bucket;
  return call;
}

Error malformed(const std::string& input, std::string message) {
  return Error{ErrorKind::malformed_input, std::move(message), input, "malformed_s3_answer"};
}

// S3's documents name their elements in its namespace or none; pugixml keeps the names as written.
pugi::xml_node child(const pugi::xml_node& node, const char* name) { return node.child(name); }

}  // namespace

ApiCall list_objects_v2_call(const std::string& bucket, const std::string& region, const std::string& prefix,
                             const std::string& delimiter, const std::string& continuation_token) {
  ApiCall call = s3_get(bucket, region, "ListObjectsV2");
  call.params = {{"list-type", "2"}};
  if (!prefix.empty()) call.params.emplace_back("prefix", prefix);
  if (!delimiter.empty()) call.params.emplace_back("delimiter", delimiter);
  if (!continuation_token.empty()) call.params.emplace_back("continuation-token", continuation_token);
  return call;
}

Result<S3ListPage> parse_list_objects_v2(std::string_view xml, const std::string& input) {
  pugi::xml_document document;
  const auto parsed = document.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) return malformed(input, std::string("ListObjectsV2 answered with something that is not XML: ") + parsed.description());
  const auto root = document.child("ListBucketResult");
  if (!root) return malformed(input, "ListObjectsV2 answered without a ListBucketResult");
  S3ListPage page;
  for (auto contents = root.child("Contents"); contents; contents = contents.next_sibling("Contents")) {
    S3ObjectSummary object;
    object.key = child(contents, "Key").text().as_string();
    const std::string size = child(contents, "Size").text().as_string();
    const auto [end, error] = std::from_chars(size.data(), size.data() + size.size(), object.size);
    if (object.key.empty() || error != std::errc{} || end != size.data() + size.size())
      return malformed(input, "ListObjectsV2 listed an object without a key or a numeric size");
    page.objects.push_back(std::move(object));
  }
  for (auto common = root.child("CommonPrefixes"); common; common = common.next_sibling("CommonPrefixes"))
    page.common_prefixes.emplace_back(child(common, "Prefix").text().as_string());
  page.truncated = std::string_view(child(root, "IsTruncated").text().as_string()) == "true";
  page.next_continuation_token = child(root, "NextContinuationToken").text().as_string();
  if (page.truncated && page.next_continuation_token.empty())
    return malformed(input, "ListObjectsV2 said the listing goes on but gave no continuation token");
  return page;
}

ApiCall get_object_call(const std::string& bucket, const std::string& region, const std::string& key) {
  ApiCall call = s3_get(bucket, region, "GetObject");
  call.path += "/" + key;
  return call;
}

ApiCall get_bucket_location_call(const std::string& bucket) {
  ApiCall call = s3_get(bucket, "us-east-1", "GetBucketLocation");
  call.params = {{"location", ""}};
  return call;
}

Result<std::string> parse_bucket_location(std::string_view xml, const std::string& input) {
  pugi::xml_document document;
  if (!document.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8))
    return malformed(input, "GetBucketLocation answered with something that is not XML");
  const auto root = document.child("LocationConstraint");
  if (!root) return malformed(input, "GetBucketLocation answered without a LocationConstraint");
  const std::string region = root.text().as_string();
  if (region.empty()) return std::string("us-east-1");
  if (region == "EU") return std::string("eu-west-1");
  return region;
}

}  // namespace trailguard::aws
