// Clients for member accounts in an organization scan: the caller's session's endpoints, retries, timeouts
// and transport, signing with the member's assumed-role credentials, counting calls in the run's CallStats.
// Thread-safety: the factory may be called from any thread; each client it makes is thread-safe.
#pragma once

#include "cli/aws_options.hpp"
#include "sources/org/org_scan.hpp"

namespace trailguard::cli {

sources::org::MemberClientFactory make_member_clients(const AwsSession& session);

}  // namespace trailguard::cli
