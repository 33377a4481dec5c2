// The sources of the chain, one function each, in the order credentials_chain.cpp calls them.
// Each returns a provider when its source applies, nullptr (after noting in context.looked why not)
// when it does not, or an error that stops the chain. Internal to src/aws/credentials.
// Thread-safety: as ChainContext (one resolution, one thread).
#pragma once

#include <set>
#include <string>

#include "aws/credentials/chain_context.hpp"

namespace trailguard::aws {

// AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SECURITY_TOKEN or AWS_SESSION_TOKEN,
// + AWS_CREDENTIAL_EXPIRATION).
Found find_environment_credentials(ChainContext& context);

// role_arn with source_profile or credential_source (not web_identity_token_file). `visited` holds
// the profiles already on the source_profile path, for cycle detection.
Found find_assume_role(ChainContext& context, const std::string& profile, std::vector<std::string>& visited);

// web_identity_token_file + role_arn from the profile, or AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN
// (+ AWS_ROLE_SESSION_NAME) unless `env_disabled`.
Found find_web_identity(ChainContext& context, const std::string& profile, bool env_disabled);

// SSO (sso_account_id / sso_role_name) and console login (login_session) profiles: recognised, at
// their place in botocore's order, so they fail clearly instead of falling through to other sources.
Found refuse_sso_profile(ChainContext& context, const std::string& profile);
Found refuse_login_profile(ChainContext& context, const std::string& profile);

// aws_access_key_id in the credentials file's [profile] / in the config file's profile.
Found find_shared_credentials_file(ChainContext& context, const std::string& profile);
Found find_config_file_credentials(ChainContext& context, const std::string& profile);

// credential_process of the profile.
Found find_credential_process(ChainContext& context, const std::string& profile);

// AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / AWS_CONTAINER_CREDENTIALS_FULL_URI.
Found find_container_credentials(ChainContext& context);

// EC2 instance metadata (IMDSv2, IMDSv1 fallback unless disabled).
Found find_instance_metadata_credentials(ChainContext& context);

// The providers botocore builds from a profile (ProfileProviderBuilder): web identity, SSO, shared
// credentials file, login, credential_process, config file.
Found find_profile_credentials(ChainContext& context, const std::string& profile, bool env_disabled);

}  // namespace trailguard::aws
