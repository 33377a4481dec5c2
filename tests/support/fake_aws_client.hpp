// FakeAwsClient: an in-memory AwsClient for tests of code above the client (sources). Answers are
// registered per (operation, region); every call is recorded, so tests can prove what was called.
// Thread-safe, as the real client.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "aws/aws_client.hpp"

namespace trailguard::test_support {

class FakeAwsClient : public aws::AwsClient {
 public:
  struct Call {
    std::string operation;
    std::string region;
    std::string body;  // the JSON body, or for REST-XML (S3) the payload
    std::string service;  // the endpoint prefix: cloudtrail, s3, sts, ...
  };

  // region "*" answers in every region.
  void answer(const std::string& operation, const std::string& region, std::string body) {
    std::lock_guard lock(mutex_);
    answers_.insert_or_assign({operation, region}, Result<aws::ApiResponse>(aws::ApiResponse{std::move(body), 200, 1}));
  }
  void fail(const std::string& operation, const std::string& region, ErrorKind kind, std::string code, std::string message) {
    std::lock_guard lock(mutex_);
    answers_.insert_or_assign({operation, region}, Result<aws::ApiResponse>(make_error(kind, operation + " in " + region, std::move(message), std::move(code))));
  }

  Result<aws::ApiResponse> call(const aws::ApiCall& call) override {
    std::lock_guard lock(mutex_);
    calls_.push_back({call.operation, call.region, call.protocol == aws::Protocol::rest_xml ? call.payload : call.json_body,
                      call.service});
    for (const auto& region : {call.region, std::string("*")}) {
      const auto it = answers_.find({call.operation, region});
      if (it != answers_.end()) return it->second;
    }
    return make_error(ErrorKind::service, call.operation + " in " + call.region, "no answer registered in the fake", "FakeUnset");
  }

  std::vector<Call> calls() const {
    std::lock_guard lock(mutex_);
    return calls_;
  }
  int count(const std::string& operation) const {
    std::lock_guard lock(mutex_);
    int n = 0;
    for (const auto& c : calls_) n += c.operation == operation ? 1 : 0;
    return n;
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, Result<aws::ApiResponse>> answers_;
  std::vector<Call> calls_;
};

}  // namespace trailguard::test_support
