#include "aws/http/aws_error.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "aws/http_request.hpp"

namespace trailguard::aws {
namespace {

// Codes from botocore's standard retry mode (retries/standard.py) and the AWS error references.
constexpr std::array<std::string_view, 13> kThrottlingCodes = {
    "Throttling",          "ThrottlingException",     "ThrottledException",
    "RequestThrottledException", "TooManyRequestsException", "ProvisionedThroughputExceededException",
    "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
    "LimitExceededException", "RequestThrottled", "SlowDown",
    "EC2ThrottledException"};

constexpr std::array<std::string_view, 6> kTransientCodes = {
    "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete",
    "IDPCommunicationError", "InternalError", "InternalFailure"};

constexpr std::array<std::string_view, 14> kAccessDeniedCodes = {
    "AccessDenied",        "AccessDeniedException", "UnauthorizedOperation",   "UnauthorizedAccess",
    "UnrecognizedClientException", "InvalidClientTokenId", "InvalidAccessKeyId", "SignatureDoesNotMatch",
    "IncompleteSignature", "MissingAuthenticationToken", "AuthFailure",  "OptInRequired",
    "InvalidToken",        "AccessDeniedFault"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view code) {
  return std::find(list.begin(), list.end(), code) != list.end();
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// "aws.protocoltests#ThrottlingException" and "ThrottlingException:http://internal..." name the same code.
std::string clean_code(std::string_view raw) {
  if (const auto hash = raw.rfind('#'); hash != std::string_view::npos) raw.remove_prefix(hash + 1);
  if (const auto colon = raw.find(':'); colon != std::string_view::npos) raw = raw.substr(0, colon);
  while (!raw.empty() && (raw.front() == ' ' || raw.front() == '\t')) raw.remove_prefix(1);
  while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t')) raw.remove_suffix(1);
  return std::string(raw);
}

std::string string_member(const nlohmann::json& object, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    const auto it = object.find(name);
    if (it != object.end() && it->is_string()) return it->get<std::string>();
  }
  return {};
}

AwsErrorDetails parse_json_error(std::string_view body) {
  const auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return {};
  return {clean_code(string_member(json, {"__type", "code", "Code"})),
          string_member(json, {"message", "Message", "errorMessage"})};
}

AwsErrorDetails parse_xml_error(std::string_view body) {
  pugi::xml_document doc;
  if (!doc.load_buffer(body.data(), body.size(), pugi::parse_default, pugi::encoding_utf8)) return {};
  const pugi::xpath_node error = doc.select_node("//Error[Code]");
  if (!error) return {};
  return {clean_code(error.node().child("Code").text().as_string()), error.node().child("Message").text().as_string()};
}

std::string_view first_non_space(std::string_view body) {
  const auto start = body.find_first_not_of(" \t\r\n");
  return start == std::string_view::npos ? std::string_view{} : body.substr(start);
}

const std::string* find_response_header(const HttpResponse& response, std::string_view name) {
  for (const auto& [header, value] : response.headers) {
    if (header_name_equals(header, name)) return &value;
  }
  return nullptr;
}

}  // namespace

AwsErrorDetails parse_aws_error(const HttpResponse& response) {
  const std::string_view body = first_non_space(response.body);
  AwsErrorDetails details;
  if (!body.empty() && body.front() == '{') {
    details = parse_json_error(body);
  } else if (!body.empty() && body.front() == '<') {
    details = parse_xml_error(body);
  }
  // rest-json services may name the code only in this header.
  if (details.code.empty()) {
    if (const std::string* type = find_response_header(response, "x-amzn-ErrorType")) details.code = clean_code(*type);
  }
  return details;
}

bool is_throttling_code(std::string_view code) { return contains(kThrottlingCodes, code); }

bool is_transient_code(std::string_view code) { return contains(kTransientCodes, code); }

ErrorKind error_kind_for(std::string_view code, long http_status) {
  if (!code.empty()) {
    if (contains(kAccessDeniedCodes, code) || starts_with(code, "ExpiredToken")) return ErrorKind::access_denied;
    if (is_throttling_code(code)) return ErrorKind::throttled;
    if (code == "RequestTimeout" || code == "RequestTimeoutException") return ErrorKind::timeout;
    if (code.find("NotFound") != std::string_view::npos || starts_with(code, "NoSuch")) return ErrorKind::not_found;
    return ErrorKind::service;
  }
  if (http_status == 401 || http_status == 403) return ErrorKind::access_denied;
  if (http_status == 404) return ErrorKind::not_found;
  if (http_status == 429) return ErrorKind::throttled;
  return ErrorKind::service;
}

Error make_aws_error(const HttpResponse& response, std::string_view host, std::string where) {
  AwsErrorDetails details = parse_aws_error(response);
  const ErrorKind kind = error_kind_for(details.code, response.status);
  std::string message = std::move(details.message);
  if (message.empty()) {
    message = "HTTP " + std::to_string(response.status) + " from " + std::string(host);
    if (!details.code.empty()) message = details.code + " (" + message + ")";
  }
  return make_error(kind, std::move(where), std::move(message), std::move(details.code));
}

}  // namespace trailguard::aws
