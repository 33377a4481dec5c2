// STS AssumeRole and AssumeRoleWithWebIdentity (query protocol, API version 2011-06-15): building the
// calls and reading their XML answers. AssumeRole is signed and sent through an AwsClient;
// AssumeRoleWithWebIdentity is sent unsigned, as botocore sends it (the token is the authentication),
// straight through an HttpTransport.
// Thread-safety: the functions keep no state; they are as thread-safe as the client or transport given.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "aws/aws_client.hpp"
#include "aws/credentials_provider.hpp"
#include "aws/http_transport.hpp"
#include "base/result.hpp"

namespace trailguard::aws {

struct AssumedRole {
  TemporaryCredentials credentials;  // always with an expiration
  std::string assumed_role_arn;      // arn:aws:sts::111122223333:assumed-role/name/session
};

struct AssumeRoleParams {
  std::string role_arn;
  std::string session_name;
  std::optional<std::string> external_id;
  std::optional<int> duration_seconds;
};

struct WebIdentityParams {
  std::string role_arn;
  std::string session_name;
  std::string token;  // secret: the OIDC token read from the token file
};

Result<AssumedRole> sts_assume_role(AwsClient& client, const std::string& region, const AssumeRoleParams& params);

// Retries, as the client does, network failures, 5xx, throttling and IDPCommunicationError, up to
// config.retry.max_attempts. Counts the call in `stats` ("sts.AssumeRoleWithWebIdentity") when given.
Result<AssumedRole> sts_assume_role_with_web_identity(HttpTransport& transport, const ClientConfig& config,
                                                      const std::string& region, const WebIdentityParams& params,
                                                      CallStats* stats);

// "AssumeRole" or "AssumeRoleWithWebIdentity" answers; `where` names the call in errors.
Result<AssumedRole> parse_assume_role_answer(std::string_view xml, const std::string& operation, const std::string& where);

// An STS <ErrorResponse> (or any answer that is not a success) as an Error with the AWS code.
Error parse_sts_error(long http_status, std::string_view xml, const std::string& where);

// "trailguard-<unix seconds>": says who assumed the role in CloudTrail's own logs.
std::string default_session_name(std::chrono::system_clock::time_point now);

}  // namespace trailguard::aws
