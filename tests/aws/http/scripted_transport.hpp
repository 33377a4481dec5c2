// An HttpTransport for unit tests: answers from a script, in order, and keeps every request it was
// given (signed, as they would go on the wire). When the script runs out it repeats its last entry.
// Thread-safe.
#pragma once

#include <mutex>
#include <vector>

#include "aws/http_transport.hpp"

namespace trailguard::aws::testing {

class ScriptedTransport final : public HttpTransport {
 public:
  explicit ScriptedTransport(std::vector<Result<HttpResponse>> script) : script_(std::move(script)) {}

  Result<HttpResponse> send(const HttpRequest& request) override {
    std::lock_guard lock(mutex_);
    requests_.push_back(request);
    const std::size_t i = std::min(next_++, script_.size() - 1);
    return script_[i];
  }

  std::vector<HttpRequest> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

  static HttpResponse ok(std::string body) { return HttpResponse{200, {}, std::move(body)}; }
  static HttpResponse json_error(long status, const std::string& code, const std::string& message = "m") {
    return HttpResponse{status, {}, R"({"__type": ")" + code + R"(", "message": ")" + message + R"("})"};
  }

 private:
  mutable std::mutex mutex_;
  std::vector<Result<HttpResponse>> script_;
  std::vector<HttpRequest> requests_;
  std::size_t next_ = 0;
};

}  // namespace trailguard::aws::testing
