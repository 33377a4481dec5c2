// RecordingTransport: an HttpTransport that sends nothing. It records each request and answers from
// a list (the last answer repeats), so tests can see the URLs and headers the providers would use
// against real AWS and real metadata services without any network. Thread-safe.
#pragma once

#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "aws/http_transport.hpp"

namespace trailguard::aws::testing {

class RecordingTransport : public HttpTransport {
 public:
  explicit RecordingTransport(std::vector<HttpResponse> answers) : answers_(std::move(answers)) {}

  Result<HttpResponse> send(const HttpRequest& request) override {
    std::lock_guard lock(mutex_);
    requests_.push_back(request);
    if (answers_.empty()) return make_error(ErrorKind::network, request.url, "no answer configured");
    const std::size_t index = std::min(requests_.size(), answers_.size()) - 1;
    return answers_[index];
  }

  std::vector<HttpRequest> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<HttpResponse> answers_;
  std::vector<HttpRequest> requests_;
};

}  // namespace trailguard::aws::testing
