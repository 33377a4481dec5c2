#include "aws/services/s3_api.hpp"

#include <sstream>

#include <pugixml.hpp>

#include "aws/digest.hpp"

namespace trailguard::aws {
namespace {

constexpr const char* kS3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

ApiCall s3_call(const std::string& bucket, const std::string& region, std::string operation, std::string method) {
  ApiCall call;
  call.service = "s3";
  call.region = region;
  call.operation = std::move(operation);
  call.protocol = Protocol::rest_xml;
  call.method = std::move(method);
  call.path = "/" + bucket;
  return call;
}

// S3 refuses these PUTs without an integrity checksum of the body.
void set_payload(ApiCall& call, std::string payload, const char* content_type) {
  call.headers.emplace_back("Content-MD5", content_md5(payload));
  call.headers.emplace_back("Content-Type", content_type);
  call.payload = std::move(payload);
}

std::string xml_text(const pugi::xml_document& doc) {
  std::ostringstream out;
  doc.save(out, "", pugi::format_raw | pugi::format_no_declaration);
  return out.str();
}

}  // namespace

ApiCall create_bucket_call(const std::string& bucket, const std::string& region) {
  ApiCall call = s3_call(bucket, region, "CreateBucket", "PUT");
  if (region != "us-east-1") {
    pugi::xml_document doc;
    auto config = doc.append_child("CreateBucketConfiguration");
    config.append_attribute("xmlns") = kS3Namespace;
    config.append_child("LocationConstraint").text() = region.c_str();
    call.payload = xml_text(doc);
    call.headers.emplace_back("Content-Type", "application/xml");
  }
  return call;
}

ApiCall put_public_access_block_call(const std::string& bucket, const std::string& region) {
  ApiCall call = s3_call(bucket, region, "PutPublicAccessBlock", "PUT");
  call.params = {{"publicAccessBlock", ""}};
  pugi::xml_document doc;
  auto config = doc.append_child("PublicAccessBlockConfiguration");
  config.append_attribute("xmlns") = kS3Namespace;
  for (const char* setting : {"BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"})
    config.append_child(setting).text() = "true";
  set_payload(call, xml_text(doc), "application/xml");
  return call;
}

ApiCall put_bucket_policy_call(const std::string& bucket, const std::string& region, const std::string& policy_json) {
  ApiCall call = s3_call(bucket, region, "PutBucketPolicy", "PUT");
  call.params = {{"policy", ""}};
  set_payload(call, policy_json, "application/json");
  return call;
}

ApiCall get_bucket_policy_call(const std::string& bucket, const std::string& region) {
  ApiCall call = s3_call(bucket, region, "GetBucketPolicy", "GET");
  call.params = {{"policy", ""}};
  return call;
}

}  // namespace trailguard::aws
