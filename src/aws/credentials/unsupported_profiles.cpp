// Profiles whose credentials come from a sign-in trailguard cannot do yet. botocore would use them
// before the shared files; failing here keeps the chain from silently picking other credentials.
#include <memory>

#include "aws/credentials/providers.hpp"

namespace trailguard::aws {

namespace {
std::string workaround(const std::string& profile) {
  return " Use temporary credentials instead, e.g. from AWS CLI v2: `aws configure export-credentials --profile " +
         profile + " --format env`, or a profile with `credential_process = aws configure export-credentials --profile " +
         profile + " --format process`.";
}
}  // namespace

Found refuse_sso_profile(ChainContext& context, const std::string& profile) {
  // botocore's SSOProvider applies when either of these is set (and then requires the rest).
  if (context.config.has(profile, "sso_account_id") || context.config.has(profile, "sso_role_name")) {
    return make_error(ErrorKind::invalid_argument, "profile '" + profile + "'",
                      "uses IAM Identity Center (SSO: sso_account_id / sso_role_name), which trailguard does not "
                      "support yet." + workaround(profile),
                      "Unsupported");
  }
  return std::shared_ptr<CredentialsProvider>{};
}

Found refuse_login_profile(ChainContext& context, const std::string& profile) {
  if (context.config.has(profile, "login_session")) {
    return make_error(ErrorKind::invalid_argument, "profile '" + profile + "'",
                      "uses console sign-in credentials (login_session), which trailguard does not support yet." +
                          workaround(profile),
                      "Unsupported");
  }
  return std::shared_ptr<CredentialsProvider>{};
}

}  // namespace trailguard::aws
