// A CredentialsProvider for tests: fixed keys, counting how often it was asked; optionally failing.
// Thread-safe.
#pragma once

#include <atomic>
#include <optional>
#include <string>

#include "aws/credentials_provider.hpp"

namespace trailguard::aws::testing {

class StaticCredentials final : public CredentialsProvider {
 public:
  explicit StaticCredentials(Credentials credentials) : credentials_(std::move(credentials)) {}
  static std::shared_ptr<StaticCredentials> fake() {
    return std::make_shared<StaticCredentials>(Credentials{"AKIAMOTOFAKEKEY00000", "moto-fake-secret-not-a-real-key", ""});
  }

  Result<Credentials> credentials() override {
    ++calls;
    if (failure) return *failure;
    return credentials_;
  }
  std::string description() const override { return "static test credentials"; }

  std::atomic<int> calls{0};
  std::optional<Error> failure;  // set before use, not while calls are running

 private:
  Credentials credentials_;
};

}  // namespace trailguard::aws::testing
