// The chain itself, in botocore's order (create_credential_resolver):
//   environment (skipped when --profile names the profile), assume role from the profile, the
//   profile's providers (web identity, SSO, shared credentials file, login, credential_process,
//   config file), container credentials, EC2 instance metadata.
#include <memory>
#include <utility>

#include "aws/credentials/providers.hpp"
#include "base/log.hpp"

namespace trailguard::aws {
namespace {

Result<ChainContext> make_context(const CredentialsOptions& options) {
  EnvLookup env = options.env ? options.env : process_environment();
  const auto credentials_path = options.credentials_file
                                    ? *options.credentials_file
                                    : expand_path(env("AWS_SHARED_CREDENTIALS_FILE").value_or("~/.aws/credentials"), env);
  const auto config_path =
      options.config_file ? *options.config_file : expand_path(env("AWS_CONFIG_FILE").value_or("~/.aws/config"), env);
  auto config = load_shared_config(config_path, credentials_path);
  if (!config) return config.error();
  ChainContext context(options, std::move(env), std::move(config.value()));
  context.profile = resolve_profile_name(options);
  context.explicit_profile = options.profile.has_value();
  context.clock = options.clock ? options.clock : [] { return std::chrono::system_clock::now(); };
  if (options.region && !options.region->empty()) {
    context.region = *options.region;
  } else if (auto region = non_empty(context.env, "AWS_REGION")) {
    context.region = *region;
  } else if (auto default_region = non_empty(context.env, "AWS_DEFAULT_REGION")) {
    context.region = *default_region;
  } else if (auto profile_region = context.config.get(context.profile, "region"); profile_region && !profile_region->empty()) {
    context.region = *profile_region;
  } else {
    context.region = "us-east-1";
  }
  return context;
}

std::string no_credentials_message(const ChainContext& context) {
  std::string message = "no AWS credentials found for profile '" + context.profile + "'. Looked at:";
  for (std::size_t i = 0; i < context.looked.size(); ++i) {
    message += " (" + std::to_string(i + 1) + ") " + context.looked[i] + (i + 1 < context.looked.size() ? ";" : ".");
  }
  return message;
}

}  // namespace

std::shared_ptr<HttpTransport> ChainContext::sts_transport() {
  if (!sts_transport_) sts_transport_ = options.sts_transport ? options.sts_transport : make_curl_transport({});
  return sts_transport_;
}

std::shared_ptr<AwsClient> ChainContext::sts_client(std::shared_ptr<CredentialsProvider> signer) {
  if (options.make_sts_client) return options.make_sts_client(std::move(signer));
  auto stats = options.stats ? options.stats : std::make_shared<CallStats>();
  return make_aws_client(options.sts_config, std::move(signer), sts_transport(), std::move(stats));
}

std::shared_ptr<HttpTransport> ChainContext::metadata_transport(std::chrono::milliseconds timeout) {
  TransportOptions transport_options;
  transport_options.connect_timeout = timeout;
  transport_options.read_timeout = timeout;
  return options.make_metadata_transport ? options.make_metadata_transport(transport_options)
                                         : make_curl_transport(transport_options);
}

std::string resolve_profile_name(const CredentialsOptions& options) {
  if (options.profile) return *options.profile;
  const EnvLookup env = options.env ? options.env : process_environment();
  if (auto profile = non_empty(env, "AWS_PROFILE")) return *profile;
  if (auto profile = non_empty(env, "AWS_DEFAULT_PROFILE")) return *profile;
  return "default";
}

Result<std::string> resolve_region(const CredentialsOptions& options) {
  auto context = make_context(options);
  if (!context) return context.error();
  return context->region;
}

Found find_profile_credentials(ChainContext& context, const std::string& profile, bool env_disabled) {
  using Step = Found (*)(ChainContext&, const std::string&);
  auto web_identity = find_web_identity(context, profile, env_disabled);
  if (!web_identity || *web_identity) return web_identity;
  for (Step step : {Step{refuse_sso_profile}, Step{find_shared_credentials_file}, Step{refuse_login_profile},
                    Step{find_credential_process}, Step{find_config_file_credentials}}) {
    auto found = step(context, profile);
    if (!found || *found) return found;
  }
  return std::shared_ptr<CredentialsProvider>{};
}

Result<std::shared_ptr<CredentialsProvider>> resolve_credentials(const CredentialsOptions& options) {
  auto made = make_context(options);
  if (!made) return made.error();
  ChainContext& context = made.value();
  const std::string& profile = context.profile;
  if (profile != "default" && !context.config.has_profile(profile)) {
    return make_error(ErrorKind::not_found, "profile '" + profile + "'",
                      "no such profile in " + context.config.config_path.string() + " or " +
                          context.config.credentials_path.string(),
                      "ProfileNotFound");
  }

  auto chosen = [&]() -> Found {
    if (context.explicit_profile) {
      context.looked.push_back("environment: skipped because --profile names the profile");
    } else {
      auto env = find_environment_credentials(context);
      if (!env || *env) return env;
    }
    std::vector<std::string> visited{profile};
    auto role = find_assume_role(context, profile, visited);
    if (!role || *role) return role;
    auto from_profile = find_profile_credentials(context, profile, context.explicit_profile);
    if (!from_profile || *from_profile) return from_profile;
    auto container = find_container_credentials(context);
    if (!container || *container) return container;
    return find_instance_metadata_credentials(context);
  }();
  if (!chosen) return chosen.error();
  if (!*chosen) return make_error(ErrorKind::not_found, "credentials", no_credentials_message(context), "NoCredentials");
  log_debug("credentials: " + (*chosen)->description());
  return std::move(chosen.value());
}

}  // namespace trailguard::aws
