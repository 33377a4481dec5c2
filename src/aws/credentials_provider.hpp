// CredentialsProvider: where the credentials for signing come from, resolved as the AWS CLI does.
// Thread-safety: credentials() may be called from any number of threads; providers that fetch
// temporary credentials cache them and refresh shortly before they expire.
// The AWS CLI's chain of providers: resolve_credentials in aws/credentials/resolve_credentials.hpp.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "aws/credentials.hpp"
#include "base/result.hpp"

namespace trailguard::aws {

struct TemporaryCredentials {
  Credentials credentials;
  std::optional<std::chrono::system_clock::time_point> expiration;  // none: long-term
};

class CredentialsProvider {
 public:
  virtual ~CredentialsProvider() = default;
  virtual Result<Credentials> credentials() = 0;
  // For messages: "environment", "profile 'audit' (role arn:aws:iam::1:role/x)". Never a secret.
  virtual std::string description() const = 0;
};

}  // namespace trailguard::aws
