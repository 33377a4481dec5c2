#include "cli/org_clients.hpp"

namespace trailguard::cli {

sources::org::MemberClientFactory make_member_clients(const AwsSession& session) {
  return [config = session.config, transport = session.transport, stats = session.stats](
             const std::string&, std::shared_ptr<aws::CredentialsProvider> credentials) {
    return aws::make_aws_client(config, std::move(credentials), transport, stats);
  };
}

}  // namespace trailguard::cli
