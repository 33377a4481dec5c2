// Credentials for a member account: STS AssumeRole into arn:<partition>:iam::<id>:role/<role name>, signed
// by the caller's (management account's) client, with a session name that says trailguard (it shows in the
// member's own CloudTrail) and the --external-id if any. Refreshed before expiry like every assumed role.
// Thread-safety: the provider may be used from any thread; the caller's client must be thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "aws/aws_client.hpp"
#include "aws/credentials_provider.hpp"

namespace trailguard::sources::org {

struct RoleOptions {
  std::string role_name = "OrganizationAccountAccessRole";
  std::optional<std::string> external_id;
  std::string sts_region = "us-east-1";  // where AssumeRole is called (the scan's home region)
};

std::string member_role_arn(const std::string& partition, const std::string& account_id, const std::string& role_name);

std::shared_ptr<aws::CredentialsProvider> member_role_provider(std::shared_ptr<aws::AwsClient> caller, const std::string& role_arn,
                                                               const RoleOptions& options);

}  // namespace trailguard::sources::org
