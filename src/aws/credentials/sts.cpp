#include "aws/credentials/sts.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <thread>

#include "aws/credentials/timestamp.hpp"
#include "aws/uri_encode.hpp"
#include "base/redact.hpp"

namespace trailguard::aws {
namespace {

constexpr const char* kStsVersion = "2011-06-15";

ErrorKind kind_of_sts_code(const std::string& code, long status) {
  if (code == "AccessDenied" || code == "InvalidIdentityToken" || code == "ExpiredTokenException" ||
      code == "IDPRejectedClaim" || code == "InvalidClientTokenId" || code == "SignatureDoesNotMatch" ||
      code == "RegionDisabledException") {
    return ErrorKind::access_denied;
  }
  if (code == "Throttling" || code == "ThrottlingException" || code == "RequestLimitExceeded") return ErrorKind::throttled;
  if (code == "MalformedPolicyDocument" || code == "PackedPolicyTooLarge" || code == "ValidationError") {
    return ErrorKind::invalid_argument;
  }
  return status == 403 ? ErrorKind::access_denied : ErrorKind::service;
}

bool retryable(const Error& error, long status) {
  if (error.kind == ErrorKind::network || error.kind == ErrorKind::timeout || error.kind == ErrorKind::throttled) return true;
  return status >= 500 || error.code == "IDPCommunicationError";
}

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string body;
  for (const auto& [name, value] : params) {
    if (!body.empty()) body += '&';
    body += uri_encode_component(name) + "=" + uri_encode_component(value);
  }
  return body;
}

}  // namespace

std::string default_session_name(std::chrono::system_clock::time_point now) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  return "trailguard-" + std::to_string(seconds);
}

Result<AssumedRole> parse_assume_role_answer(std::string_view xml, const std::string& operation, const std::string& where) {
  pugi::xml_document document;
  if (!document.load_buffer(xml.data(), xml.size())) {
    return make_error(ErrorKind::malformed_input, where, "the answer is not XML");
  }
  const pugi::xml_node result =
      document.child((operation + "Response").c_str()).child((operation + "Result").c_str());
  const pugi::xml_node credentials = result.child("Credentials");
  if (!credentials) return make_error(ErrorKind::malformed_input, where, "the answer has no " + operation + "Result/Credentials");
  AssumedRole role;
  role.credentials.credentials.access_key_id = credentials.child_value("AccessKeyId");
  role.credentials.credentials.secret_access_key = credentials.child_value("SecretAccessKey");
  role.credentials.credentials.session_token = credentials.child_value("SessionToken");
  const std::string expiration = credentials.child_value("Expiration");
  role.credentials.expiration = parse_timestamp(expiration);
  if (role.credentials.credentials.access_key_id.empty() || role.credentials.credentials.secret_access_key.empty() ||
      role.credentials.credentials.session_token.empty()) {
    return make_error(ErrorKind::malformed_input, where, "the answer's Credentials lack a key, secret or session token");
  }
  if (!role.credentials.expiration) {
    return make_error(ErrorKind::malformed_input, where, "the answer's Expiration is not a time: '" + expiration + "'");
  }
  role.assumed_role_arn = result.child("AssumedRoleUser").child_value("Arn");
  return role;
}

Error parse_sts_error(long http_status, std::string_view xml, const std::string& where) {
  pugi::xml_document document;
  std::string code;
  std::string message;
  if (document.load_buffer(xml.data(), xml.size())) {
    const pugi::xml_node error = document.select_node("//Error").node();
    code = error.child_value("Code");
    message = error.child_value("Message");
  }
  if (code.empty()) {
    return make_error(http_status >= 500 ? ErrorKind::service : ErrorKind::malformed_input, where,
                      "HTTP " + std::to_string(http_status) + " without an STS error document");
  }
  return make_error(kind_of_sts_code(code, http_status), where,
                    code + ": " + redact_secrets(message) + " (HTTP " + std::to_string(http_status) + ")", code);
}

Result<AssumedRole> sts_assume_role(AwsClient& client, const std::string& region, const AssumeRoleParams& params) {
  ApiCall call;
  call.service = "sts";
  call.region = region;
  call.operation = "AssumeRole";
  call.protocol = Protocol::query;
  call.api_version = kStsVersion;
  call.params = {{"RoleArn", params.role_arn}, {"RoleSessionName", params.session_name}};
  if (params.external_id) call.params.emplace_back("ExternalId", *params.external_id);
  if (params.duration_seconds) call.params.emplace_back("DurationSeconds", std::to_string(*params.duration_seconds));
  auto answer = client.call(call);
  if (!answer) return answer.error();
  return parse_assume_role_answer(answer->body, "AssumeRole", "sts AssumeRole in " + region);
}

Result<AssumedRole> sts_assume_role_with_web_identity(HttpTransport& transport, const ClientConfig& config,
                                                      const std::string& region, const WebIdentityParams& params,
                                                      CallStats* stats) {
  const std::string where = "sts AssumeRoleWithWebIdentity in " + region;
  HttpRequest request;
  request.method = "POST";
  request.url = resolve_endpoint(config.endpoints, "sts", region) + "/";
  request.add_header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
  request.add_header("User-Agent", config.user_agent);
  request.body = form_encode({{"Action", "AssumeRoleWithWebIdentity"},
                              {"Version", kStsVersion},
                              {"RoleArn", params.role_arn},
                              {"RoleSessionName", params.session_name},
                              {"WebIdentityToken", params.token}});
  const int attempts = std::max(1, config.retry.max_attempts);
  auto delay = config.retry.base_delay;
  for (int attempt = 1;; ++attempt) {
    auto response = transport.send(request);
    long status = 0;
    Error error;
    if (!response) {
      error = make_error(response.error().kind, where, response.error().message, response.error().code);
    } else if (response->status == 200) {
      auto role = parse_assume_role_answer(response->body, "AssumeRoleWithWebIdentity", where);
      if (stats != nullptr) stats->record("sts.AssumeRoleWithWebIdentity", {.attempts = attempt, .failed = !role.ok()});
      return role;
    } else {
      status = response->status;
      error = parse_sts_error(status, response->body, where);
    }
    if (attempt >= attempts || !retryable(error, status)) {
      if (stats != nullptr) stats->record("sts.AssumeRoleWithWebIdentity", {.attempts = attempt, .failed = true});
      return error;
    }
    std::this_thread::sleep_for(delay);
    delay = std::min(delay * 2, config.retry.max_backoff);
  }
}

}  // namespace trailguard::aws
