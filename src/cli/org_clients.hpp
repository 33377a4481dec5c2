// Clients for member accounts in an organization scan: the same endpoints (--endpoint-url,
// AWS_ENDPOINT_URL[_<SERVICE>]), retries and timeouts as the caller's session, signing with the member's
// assumed-role credentials, counting calls in the run's CallStats.
// Thread-safety: the factory may be called from any thread; each client it makes is thread-safe.
#pragma once

#include <memory>

#include "aws/call_stats.hpp"
#include "base/result.hpp"
#include "cli/aws_options.hpp"
#include "sources/org/org_scan.hpp"

namespace trailguard::cli {

Result<sources::org::MemberClientFactory> make_member_clients(const AwsOptions& options, std::shared_ptr<aws::CallStats> stats);

}  // namespace trailguard::cli
