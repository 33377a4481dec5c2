// The two static-key providers: botocore's SharedCredentialProvider (credentials file) and
// ConfigProvider (config file). Each reads only its own file.
#include <filesystem>
#include <map>
#include <memory>

#include "aws/credentials/providers.hpp"
#include "aws/credentials/static_provider.hpp"

namespace trailguard::aws {
namespace {

Found find_keys(ChainContext& context, const std::string& profile, const std::map<std::string, ProfileValues>& profiles,
                bool exists, const std::filesystem::path& path, const std::string& what) {
  const std::string place = what + " " + path.string();
  if (!exists) {
    context.looked.push_back(place + ": no such file");
    return std::shared_ptr<CredentialsProvider>{};
  }
  const ProfileValues* values = find_profile(profiles, profile);
  if (values == nullptr || values->count("aws_access_key_id") == 0) {
    context.looked.push_back(place + (values == nullptr ? ": no profile '" + profile + "'"
                                                         : ": profile '" + profile + "' has no aws_access_key_id"));
    return std::shared_ptr<CredentialsProvider>{};
  }
  const std::string where = place + ", profile '" + profile + "'";
  const auto access_key = get_value(*values, "aws_access_key_id");
  const auto secret_key = get_value(*values, "aws_secret_access_key");
  if (!access_key || access_key->empty()) {
    return make_error(ErrorKind::invalid_argument, where, "aws_access_key_id is empty", "PartialCredentials");
  }
  if (!secret_key || secret_key->empty()) {
    return make_error(ErrorKind::invalid_argument, where, "aws_access_key_id is set but aws_secret_access_key is not",
                      "PartialCredentials");
  }
  Credentials credentials{*access_key, *secret_key, ""};
  // botocore's order: the older aws_security_token first.
  if (auto token = get_value(*values, "aws_security_token")) {
    credentials.session_token = *token;
  } else if (auto session_token = get_value(*values, "aws_session_token")) {
    credentials.session_token = *session_token;
  }
  return std::shared_ptr<CredentialsProvider>(std::make_shared<StaticProvider>(std::move(credentials), where));
}

}  // namespace

Found find_shared_credentials_file(ChainContext& context, const std::string& profile) {
  return find_keys(context, profile, context.config.credentials_profiles, context.config.credentials_exists,
                   context.config.credentials_path, "shared credentials file");
}

Found find_config_file_credentials(ChainContext& context, const std::string& profile) {
  return find_keys(context, profile, context.config.config_profiles, context.config.config_exists,
                   context.config.config_path, "config file");
}

}  // namespace trailguard::aws
