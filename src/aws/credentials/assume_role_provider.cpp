// AssumeRole from a profile (botocore's AssumeRoleProvider): role_arn with either source_profile
// (whose own credentials, possibly another role, sign the call) or credential_source (Environment,
// Ec2InstanceMetadata, EcsContainer). STS is called on the first credentials(), not while resolving.
#include <algorithm>
#include <charconv>
#include <memory>

#include "aws/credentials/providers.hpp"
#include "aws/credentials/sts.hpp"

namespace trailguard::aws {
namespace {

bool has_static_keys(const ChainContext& context, const std::string& profile) {
  return context.config.has(profile, "aws_access_key_id") || context.config.has(profile, "aws_secret_access_key");
}

bool has_assume_role_settings(const ChainContext& context, const std::string& profile) {
  return context.config.has(profile, "role_arn") && !context.config.has(profile, "web_identity_token_file");
}

std::string path_text(const std::vector<std::string>& visited, const std::string& next) {
  std::string text;
  for (const std::string& profile : visited) text += "'" + profile + "' -> ";
  return text + "'" + next + "'";
}

Found assume_role_for(ChainContext& context, const std::string& profile, std::vector<std::string>& visited);

Found source_from_profile(ChainContext& context, const std::string& source, std::vector<std::string>& visited) {
  if (has_static_keys(context, source) || !has_assume_role_settings(context, source)) {
    auto found = find_profile_credentials(context, source, /*env_disabled=*/true);
    if (!found) return found.error();
    if (*found == nullptr) {
      return make_error(ErrorKind::not_found, "profile '" + source + "'",
                        "the source profile has no credentials (no keys, credential_process or web identity)",
                        "InvalidConfig");
    }
    return found;
  }
  return assume_role_for(context, source, visited);
}

Found source_from_credential_source(ChainContext& context, const std::string& source, const std::string& profile) {
  Found found = std::shared_ptr<CredentialsProvider>{};
  if (source == "Environment") {
    found = find_environment_credentials(context);
  } else if (source == "EcsContainer") {
    found = find_container_credentials(context);
  } else {
    found = find_instance_metadata_credentials(context);
  }
  if (found && *found == nullptr) {
    return make_error(ErrorKind::not_found, "profile '" + profile + "'",
                      "credential_source " + source + " has no credentials (" + context.looked.back() + ")",
                      "NoCredentials");
  }
  return found;
}

Found assume_role_for(ChainContext& context, const std::string& profile, std::vector<std::string>& visited) {
  const std::string where = "profile '" + profile + "'";
  const auto role_arn = context.config.get(profile, "role_arn");
  const auto source_profile = context.config.get(profile, "source_profile");
  const auto credential_source = context.config.get(profile, "credential_source");
  if (!role_arn || role_arn->empty()) return make_error(ErrorKind::invalid_argument, where, "role_arn is empty", "InvalidConfig");
  if (source_profile && credential_source) {
    return make_error(ErrorKind::invalid_argument, where, "has both source_profile and credential_source; keep one",
                      "InvalidConfig");
  }
  if (!source_profile && !credential_source) {
    return make_error(ErrorKind::invalid_argument, where,
                      "has role_arn but neither source_profile nor credential_source to assume it with", "InvalidConfig");
  }
  if (credential_source && *credential_source != "Environment" && *credential_source != "Ec2InstanceMetadata" &&
      *credential_source != "EcsContainer") {
    return make_error(ErrorKind::invalid_argument, where,
                      "credential_source '" + *credential_source +
                          "' is not valid (Environment, Ec2InstanceMetadata or EcsContainer)",
                      "InvalidConfig");
  }
  if (source_profile) {
    if (!context.config.has_profile(*source_profile)) {
      return make_error(ErrorKind::invalid_argument, where,
                        "source_profile '" + *source_profile + "' does not exist in " +
                            context.config.config_path.string() + " or " + context.config.credentials_path.string(),
                        "InvalidConfig");
    }
    // A profile may name itself to use its own keys (botocore allows it); any other repeat is a cycle.
    const bool seen = std::find(visited.begin(), visited.end(), *source_profile) != visited.end();
    if (seen && (*source_profile != profile || !has_static_keys(context, *source_profile))) {
      return make_error(ErrorKind::invalid_argument, where,
                        "source_profile cycle: " + path_text(visited, *source_profile), "InvalidConfig");
    }
  }
  if (context.config.has(profile, "mfa_serial")) {
    return make_error(ErrorKind::invalid_argument, where,
                      "mfa_serial is set: assuming a role with an MFA code needs a prompt, which trailguard does not "
                      "support; use credentials that need no MFA code, or a credential_process",
                      "Unsupported");
  }
  AssumeRoleParams params;
  params.role_arn = *role_arn;
  if (auto external_id = context.config.get(profile, "external_id")) params.external_id = *external_id;
  if (auto duration = context.config.get(profile, "duration_seconds")) {
    int seconds = 0;
    const auto [end, error] = std::from_chars(duration->data(), duration->data() + duration->size(), seconds);
    if (error != std::errc{} || end != duration->data() + duration->size()) {
      return make_error(ErrorKind::invalid_argument, where, "duration_seconds is not a whole number: '" + *duration + "'",
                        "InvalidConfig");
    }
    params.duration_seconds = seconds;
  }
  const auto session_name = context.config.get(profile, "role_session_name");
  params.session_name = session_name && !session_name->empty() ? *session_name : default_session_name(context.clock());

  Found source = std::shared_ptr<CredentialsProvider>{};
  if (credential_source) {
    source = source_from_credential_source(context, *credential_source, profile);
  } else {
    visited.push_back(*source_profile);
    source = source_from_profile(context, *source_profile, visited);
  }
  if (!source) return source.error();

  const std::string description = "profile '" + profile + "' (role " + *role_arn + ", assumed with " +
                                  (*source)->description() + ")";
  auto fetch = [client = context.sts_client(*source), region = context.region, params,
                where]() -> Result<TemporaryCredentials> {
    auto role = sts_assume_role(*client, region, params);
    if (!role) {
      Error error = role.error();
      error.message = "could not assume role " + params.role_arn + " for " + where + ": " + error.message;
      return error;
    }
    return std::move(role->credentials);
  };
  return std::shared_ptr<CredentialsProvider>(
      std::make_shared<RefreshingProvider>(description, std::move(fetch), context.options.refresh, context.clock));
}

}  // namespace

Found find_assume_role(ChainContext& context, const std::string& profile, std::vector<std::string>& visited) {
  if (!has_assume_role_settings(context, profile)) {
    context.looked.push_back("assume role: profile '" + profile + "' has no role_arn");
    return std::shared_ptr<CredentialsProvider>{};
  }
  return assume_role_for(context, profile, visited);
}

}  // namespace trailguard::aws
