#include "aws/credentials/refreshing_provider.hpp"

#include <utility>

#include "aws/credentials/timestamp.hpp"
#include "base/log.hpp"

namespace trailguard::aws {

RefreshingProvider::RefreshingProvider(std::string description, FetchCredentials fetch, RefreshWindows windows,
                                       Clock clock)
    : description_(std::move(description)), fetch_(std::move(fetch)), windows_(windows), clock_(std::move(clock)) {}

Status check_not_expired(const TemporaryCredentials& credentials, std::chrono::system_clock::time_point now,
                         const std::string& where) {
  if (!credentials.expiration || *credentials.expiration > now) return ok_status();
  return make_error(ErrorKind::access_denied, where,
                    "the credentials it gave expired at " + format_timestamp(*credentials.expiration) + " (now " +
                        format_timestamp(now) + ")",
                    "ExpiredCredentials");
}

void RefreshingProvider::prime(TemporaryCredentials credentials) {
  std::lock_guard lock(mutex_);
  kept_ = std::move(credentials);
}

Result<Credentials> RefreshingProvider::credentials() {
  // One lock for the whole call: a refresh is rare, and waiting threads must not fetch again.
  std::lock_guard lock(mutex_);
  const auto now = clock_();
  if (kept_ && (!kept_->expiration || *kept_->expiration - now >= windows_.advisory)) return kept_->credentials;

  auto fetched = fetch_();
  if (!fetched) {
    if (kept_ && *kept_->expiration - now > windows_.mandatory) {
      log_warning("refreshing credentials from " + description_ + " failed; using the current ones until " +
                  format_timestamp(*kept_->expiration) + ": " + fetched.error().describe());
      return kept_->credentials;
    }
    return fetched.error();
  }
  if (auto fresh = check_not_expired(*fetched, now, description_); !fresh) return fresh.error();
  kept_ = std::move(fetched.value());
  return kept_->credentials;
}

}  // namespace trailguard::aws
