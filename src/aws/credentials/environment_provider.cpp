#include <memory>

#include "aws/credentials/providers.hpp"
#include "aws/credentials/static_provider.hpp"
#include "aws/credentials/timestamp.hpp"

namespace trailguard::aws {
namespace {

constexpr const char* kWhere = "environment";

Result<TemporaryCredentials> read_environment(const EnvLookup& env) {
  TemporaryCredentials found;
  const auto access_key = non_empty(env, "AWS_ACCESS_KEY_ID");
  if (!access_key) return make_error(ErrorKind::not_found, kWhere, "AWS_ACCESS_KEY_ID is no longer set", "NoCredentials");
  const auto secret_key = non_empty(env, "AWS_SECRET_ACCESS_KEY");
  if (!secret_key) {
    return make_error(ErrorKind::invalid_argument, kWhere,
                      "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not", "PartialCredentials");
  }
  found.credentials.access_key_id = *access_key;
  found.credentials.secret_access_key = *secret_key;
  // botocore's order: the older AWS_SECURITY_TOKEN first.
  if (auto token = non_empty(env, "AWS_SECURITY_TOKEN")) {
    found.credentials.session_token = *token;
  } else if (auto session_token = non_empty(env, "AWS_SESSION_TOKEN")) {
    found.credentials.session_token = *session_token;
  }
  if (const auto expiration = non_empty(env, "AWS_CREDENTIAL_EXPIRATION")) {
    found.expiration = parse_timestamp(*expiration);
    if (!found.expiration) {
      return make_error(ErrorKind::malformed_input, kWhere,
                        "AWS_CREDENTIAL_EXPIRATION is not an ISO 8601 time: '" + *expiration + "'");
    }
  }
  return found;
}

}  // namespace

Found find_environment_credentials(ChainContext& context) {
  if (!non_empty(context.env, "AWS_ACCESS_KEY_ID")) {
    context.looked.push_back("environment: AWS_ACCESS_KEY_ID is not set");
    return std::shared_ptr<CredentialsProvider>{};
  }
  auto found = read_environment(context.env);
  if (!found) return found.error();
  const std::string description =
      found->credentials.has_session_token() ? "environment variables (with a session token)" : "environment variables";
  if (!found->expiration) return std::shared_ptr<CredentialsProvider>(std::make_shared<StaticProvider>(found->credentials, description));
  // With AWS_CREDENTIAL_EXPIRATION the variables are read again when they expire, as botocore does;
  // unchanged expired ones are then an error.
  auto provider = std::make_shared<RefreshingProvider>(
      description, [env = context.env] { return read_environment(env); }, context.options.refresh, context.clock);
  provider->prime(std::move(found.value()));
  return std::shared_ptr<CredentialsProvider>(provider);
}

}  // namespace trailguard::aws
