// StaticProvider: long-term (or already issued) credentials found in the environment or a shared file.
// Thread-safety: immutable after construction; credentials() may be called from any thread.
#pragma once

#include <string>
#include <utility>

#include "aws/credentials_provider.hpp"

namespace trailguard::aws {

class StaticProvider final : public CredentialsProvider {
 public:
  StaticProvider(Credentials credentials, std::string description)
      : credentials_(std::move(credentials)), description_(std::move(description)) {}

  Result<Credentials> credentials() override { return credentials_; }
  std::string description() const override { return description_; }

 private:
  const Credentials credentials_;
  const std::string description_;
};

}  // namespace trailguard::aws
