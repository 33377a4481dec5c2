// FakeSts: an in-memory STS AwsClient factory for tests that need no emulator. Every client it makes
// answers AssumeRole with fresh credentials ("ASIAFAKE<n>", one hour), records the call and which
// credentials signed it (by asking the signer, as the real client would). Thread-safe.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "aws/aws_client.hpp"
#include "aws/credentials/resolve_credentials.hpp"
#include "aws/credentials/timestamp.hpp"

namespace trailguard::aws::testing {

class FakeSts {
 public:
  struct Call {
    ApiCall call;
    std::string signed_with;  // the signer's access key id
  };

  StsClientFactory factory() {
    return [this](std::shared_ptr<CredentialsProvider> signer) -> std::shared_ptr<AwsClient> {
      return std::make_shared<Client>(this, std::move(signer));
    };
  }

  std::vector<Call> calls() const {
    std::lock_guard lock(mutex_);
    return calls_;
  }

  std::chrono::seconds lifetime{3600};

 private:
  class Client : public AwsClient {
   public:
    Client(FakeSts* owner, std::shared_ptr<CredentialsProvider> signer) : owner_(owner), signer_(std::move(signer)) {}
    Result<ApiResponse> call(const ApiCall& call) override {
      auto credentials = signer_->credentials();
      if (!credentials) return credentials.error();
      std::lock_guard lock(owner_->mutex_);
      owner_->calls_.push_back({call, credentials->access_key_id});
      const std::string key = "ASIAFAKE" + std::to_string(owner_->calls_.size());
      const std::string expiration = format_timestamp(std::chrono::system_clock::now() + owner_->lifetime);
      return ApiResponse{"<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>" + key +
                             "</AccessKeyId><SecretAccessKey>fake-secret-" + key +
                             "</SecretAccessKey><SessionToken>fake-token-" + key + "</SessionToken><Expiration>" +
                             expiration +
                             "</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::111122223333:assumed-role/"
                             "r/s</Arn></AssumedRoleUser></AssumeRoleResult></AssumeRoleResponse>",
                         200, 1};
    }

   private:
    FakeSts* owner_;
    std::shared_ptr<CredentialsProvider> signer_;
  };

  mutable std::mutex mutex_;
  std::vector<Call> calls_;
};

// The value of a query parameter of a recorded call, or "" when absent.
inline std::string param(const ApiCall& call, const std::string& name) {
  for (const auto& [key, value] : call.params) {
    if (key == name) return value;
  }
  return "";
}

}  // namespace trailguard::aws::testing
