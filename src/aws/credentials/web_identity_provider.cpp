// AssumeRoleWithWebIdentity (botocore's AssumeRoleWithWebIdentityProvider): each setting comes from its
// environment variable unless the profile was named explicitly, else from the profile. The token file
// is read at every refresh, because the systems that write it (EKS, GitHub Actions) rotate it.
#include <memory>

#include "aws/credentials/providers.hpp"
#include "aws/credentials/sts.hpp"
#include "base/file.hpp"

namespace trailguard::aws {

Found find_web_identity(ChainContext& context, const std::string& profile, bool env_disabled) {
  auto setting = [&](const char* key, const char* variable) -> std::optional<std::string> {
    if (!env_disabled) {
      if (auto value = context.env(variable)) return value;
    }
    return context.config.get(profile, key);
  };
  const auto token_file = setting("web_identity_token_file", "AWS_WEB_IDENTITY_TOKEN_FILE");
  if (!token_file || token_file->empty()) {
    context.looked.push_back(std::string("web identity: ") +
                             (env_disabled ? "" : "AWS_WEB_IDENTITY_TOKEN_FILE is not set and ") + "profile '" +
                             profile + "' has no web_identity_token_file");
    return std::shared_ptr<CredentialsProvider>{};
  }
  const auto role_arn = setting("role_arn", "AWS_ROLE_ARN");
  const std::string where = "web identity token file " + *token_file;
  if (!role_arn || role_arn->empty()) {
    return make_error(ErrorKind::invalid_argument, where,
                      "a web identity token file is configured but no role ARN: set role_arn in profile '" + profile +
                          "' or AWS_ROLE_ARN",
                      "InvalidConfig");
  }
  auto session_name = setting("role_session_name", "AWS_ROLE_SESSION_NAME");
  if (session_name && session_name->empty()) session_name.reset();

  WebIdentityParams params{*role_arn, session_name ? *session_name : default_session_name(context.clock()), ""};
  auto fetch = [params, path = *token_file, transport = context.sts_transport(), config = context.options.sts_config,
                region = context.region, stats = context.options.stats, where]() mutable -> Result<TemporaryCredentials> {
    auto token = read_file(path);
    if (!token) return make_error(token.error().kind, where, "cannot read the token: " + token.error().message);
    params.token = std::move(token.value());
    auto role = sts_assume_role_with_web_identity(*transport, config, region, params, stats.get());
    params.token.clear();
    if (!role) {
      Error error = role.error();
      error.message = "could not assume role " + params.role_arn + " with the web identity token " + path + ": " +
                      error.message;
      return error;
    }
    return std::move(role->credentials);
  };
  return std::shared_ptr<CredentialsProvider>(std::make_shared<RefreshingProvider>(
      "web identity (role " + *role_arn + ", token file " + *token_file + ")", std::move(fetch), context.options.refresh,
      context.clock));
}

}  // namespace trailguard::aws
