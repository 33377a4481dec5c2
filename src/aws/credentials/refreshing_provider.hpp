// RefreshingProvider: a CredentialsProvider around a fetch (STS, a credential_process, the container
// or instance metadata service, environment variables): it keeps what the fetch returned and fetches
// again only when the credentials come within `advisory` of their Expiration.
//   - A fetch that fails while the kept credentials still have more than `mandatory` left is logged
//     and the kept ones are used (as botocore's advisory refresh does); otherwise the error is returned.
//   - Freshly fetched credentials that are already expired are an error (botocore: "refreshed
//     credentials are still expired").
//   - Long-term credentials (no Expiration) are fetched once.
// Thread-safety: credentials() may be called from any number of threads; one fetch runs at a time
// and the others wait for its result instead of fetching again.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "aws/credentials_provider.hpp"

namespace trailguard::aws {

using Clock = std::function<std::chrono::system_clock::time_point()>;
using FetchCredentials = std::function<Result<TemporaryCredentials>()>;

struct RefreshWindows {
  std::chrono::seconds advisory{5 * 60};  // refresh when less than this is left
  std::chrono::seconds mandatory{60};     // below this, a failed refresh is an error
};

// An error when `credentials` have already expired at `now` (fresh credentials that are expired
// cannot be used, and fetching again at once would give the same).
Status check_not_expired(const TemporaryCredentials& credentials, std::chrono::system_clock::time_point now,
                         const std::string& where);

class RefreshingProvider final : public CredentialsProvider {
 public:
  RefreshingProvider(std::string description, FetchCredentials fetch, RefreshWindows windows, Clock clock);

  Result<Credentials> credentials() override;
  std::string description() const override { return description_; }

  // Keeps credentials fetched while the chain was resolved, so the first credentials() does not
  // fetch them again.
  void prime(TemporaryCredentials credentials);

 private:
  std::string description_;
  FetchCredentials fetch_;
  RefreshWindows windows_;
  Clock clock_;
  std::mutex mutex_;
  std::optional<TemporaryCredentials> kept_;
};

}  // namespace trailguard::aws
