#include "aws/services/identity_api.hpp"

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

namespace trailguard::aws {
namespace {

Error bad_answer(std::string_view operation, std::string message) {
  return make_error(ErrorKind::malformed_input, std::string(operation) + " answer", std::move(message));
}

Result<pugi::xml_document> load_xml(std::string_view body, std::string_view operation) {
  pugi::xml_document doc;
  const auto parsed = doc.load_buffer(body.data(), body.size());
  if (!parsed) return bad_answer(operation, std::string("is not valid XML: ") + parsed.description());
  return doc;
}

}  // namespace

ApiCall get_caller_identity_call(const std::string& region) {
  ApiCall call;
  call.service = "sts";
  call.region = region;
  call.operation = "GetCallerIdentity";
  call.protocol = Protocol::query;
  call.api_version = "2011-06-15";
  return call;
}

Result<CallerIdentity> parse_caller_identity_xml(std::string_view body) {
  auto doc = load_xml(body, "GetCallerIdentity");
  if (!doc) return doc.error();
  const auto result = doc->document_element().child("GetCallerIdentityResult");
  CallerIdentity identity{result.child_value("Account"), result.child_value("Arn"), result.child_value("UserId")};
  if (identity.account_id.empty()) return bad_answer("GetCallerIdentity", "has no GetCallerIdentityResult/Account");
  return identity;
}

ApiCall describe_regions_call(const std::string& region) {
  ApiCall call;
  call.service = "ec2";
  call.region = region;
  call.operation = "DescribeRegions";
  call.protocol = Protocol::query;
  call.api_version = "2016-11-15";
  call.params = {{"AllRegions", "true"}};
  return call;
}

Result<std::vector<RegionInfo>> parse_describe_regions_xml(std::string_view body) {
  auto doc = load_xml(body, "DescribeRegions");
  if (!doc) return doc.error();
  const auto info = doc->document_element().child("regionInfo");
  if (!info) return bad_answer("DescribeRegions", "has no regionInfo");
  std::vector<RegionInfo> regions;
  for (const auto& item : info.children("item")) {
    RegionInfo region;
    region.name = item.child_value("regionName");
    region.opt_in_status = item.child_value("optInStatus");
    if (region.opt_in_status.empty()) region.opt_in_status = "opt-in-not-required";
    region.enabled = region.opt_in_status != "not-opted-in";
    if (region.name.empty()) return bad_answer("DescribeRegions", "has an item without regionName");
    regions.push_back(std::move(region));
  }
  return regions;
}

ApiCall list_regions_call(const std::string& region, const std::string& next_token) {
  ApiCall call;
  call.service = "account";
  call.region = region;
  call.operation = "ListRegions";
  call.protocol = Protocol::rest_json;
  call.path = "/listRegions";
  nlohmann::json body = {{"MaxResults", 50}};
  if (!next_token.empty()) body["NextToken"] = next_token;
  call.json_body = body.dump();
  return call;
}

Result<std::vector<RegionInfo>> parse_list_regions_json(std::string_view body, std::string& next_token) {
  const auto doc = nlohmann::json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return bad_answer("ListRegions", "is not a JSON object");
  const auto regions_it = doc.find("Regions");
  if (regions_it == doc.end() || !regions_it->is_array()) return bad_answer("ListRegions", "has no Regions array");
  std::vector<RegionInfo> regions;
  for (const auto& item : *regions_it) {
    if (!item.is_object() || !item.contains("RegionName") || !item["RegionName"].is_string())
      return bad_answer("ListRegions", "has a region without RegionName");
    RegionInfo region;
    region.name = item["RegionName"].get<std::string>();
    region.opt_in_status = item.value("RegionOptStatus", "");
    region.enabled = region.opt_in_status == "ENABLED" || region.opt_in_status == "ENABLED_BY_DEFAULT";
    regions.push_back(std::move(region));
  }
  next_token.clear();
  if (auto token = doc.find("NextToken"); token != doc.end() && token->is_string()) next_token = token->get<std::string>();
  return regions;
}

}  // namespace trailguard::aws
