#include "sources/org/member_role.hpp"

#include <chrono>

#include "aws/credentials/refreshing_provider.hpp"
#include "aws/credentials/sts.hpp"

namespace trailguard::sources::org {

std::string member_role_arn(const std::string& partition, const std::string& account_id, const std::string& role_name) {
  return "arn:" + partition + ":iam::" + account_id + ":role/" + role_name;
}

std::shared_ptr<aws::CredentialsProvider> member_role_provider(std::shared_ptr<aws::AwsClient> caller, const std::string& role_arn,
                                                               const RoleOptions& options) {
  aws::AssumeRoleParams params;
  params.role_arn = role_arn;
  params.external_id = options.external_id;
  params.session_name = aws::default_session_name(std::chrono::system_clock::now());
  auto fetch = [caller = std::move(caller), region = options.sts_region, params]() -> Result<aws::TemporaryCredentials> {
    auto role = aws::sts_assume_role(*caller, region, params);
    if (!role) return role.error();
    return std::move(role->credentials);
  };
  return std::make_shared<aws::RefreshingProvider>("role " + role_arn, std::move(fetch), aws::RefreshWindows{},
                                                   [] { return std::chrono::system_clock::now(); });
}

}  // namespace trailguard::sources::org
