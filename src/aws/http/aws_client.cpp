// make_aws_client: endpoint, protocol, SigV4, transport, rate limiting, retries and statistics, put together.
#include "aws/aws_client.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <thread>

#include "aws/http/aws_error.hpp"
#include "aws/http/endpoints.hpp"
#include "aws/http/protocol.hpp"
#include "aws/http/rate_limiter.hpp"
#include "aws/http/retry.hpp"
#include "aws/sigv4.hpp"
#include "aws/url.hpp"
#include "base/log.hpp"

namespace trailguard::aws {
namespace {

std::string describe_failure(const Error& error) {
  return error.code.empty() ? error.message : error.code + ": " + error.message;
}

class Client final : public AwsClient {
 public:
  Client(ClientConfig config, std::shared_ptr<CredentialsProvider> credentials,
         std::shared_ptr<HttpTransport> transport, std::shared_ptr<CallStats> stats)
      : config_(std::move(config)),
        credentials_(std::move(credentials)),
        transport_(std::move(transport)),
        stats_(std::move(stats)),
        limiter_(config_.rate_limit) {}

  Result<ApiResponse> call(const ApiCall& call) override {
    const std::string where = call.service + " " + call.operation + " in " + call.region;
    CallRecord record;
    Result<ApiResponse> result = call_with_retries(call, where, record);
    record.failed = !result.ok();
    if (stats_) stats_->record(call.service + "." + call.operation, record);
    return result;
  }

 private:
  Result<ApiResponse> call_with_retries(const ApiCall& call, const std::string& where, CallRecord& record) {
    if (!credentials_ || !transport_) {
      return make_error(ErrorKind::internal, where, "the AWS client has no credentials provider or transport");
    }
    const std::string endpoint = resolve_endpoint(config_.endpoints, call.service, call.region);
    Result<UrlParts> url = split_url(endpoint);
    if (!url) return make_error(ErrorKind::invalid_argument, where, "the endpoint is not a URL: " + url.error().message);
    const std::string host = url->host;
    const HttpRequest unsigned_request = build_request(call, endpoint, config_.user_agent);
    SigningParams signing{call.service, signing_region(call.service, call.region), {}, signs_as_s3(call)};

    const RateLimiter::Api api{call.service, call.region, call.operation};
    const int max_attempts = std::max(1, config_.retry.max_attempts);
    const int max_throttled_attempts = std::max(1, config_.retry.max_throttled_attempts);
    int last_retry_cost = 0;
    for (int attempt = 1;; ++attempt) {
      const auto sent_at = wait_for_rate_limit(api, where, record);
      // Asked on every attempt: a provider may have refreshed temporary credentials meanwhile.
      Result<Credentials> credentials = credentials_->credentials();
      if (!credentials) return credentials.error();
      HttpRequest request = unsigned_request;
      signing.time = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
      if (Result<SigningDetails> signed_ = sign_v4(request, *credentials, signing); !signed_) {
        Error error = signed_.error();
        error.where = where;
        return error;
      }

      ++record.attempts;
      const auto started = std::chrono::steady_clock::now();
      Result<HttpResponse> sent = transport_->send(request);
      if (log_level() <= LogLevel::debug) log_attempt(where, host, attempt, sent, started);
      Error error;
      RetryReason reason = RetryReason::none;
      if (!sent) {
        error = sent.error();
        error.where = where;
        reason = classify_transport_error(error);
      } else if (sent->status >= 200 && sent->status < 300) {
        limiter_.succeeded(api, sent_at);
        if (Status body = check_success_body(call.protocol, sent->body, host, where); !body) return body.error();
        if (config_.retry.retry_quota) quota_.release(last_retry_cost);
        return ApiResponse{std::move(sent->body), sent->status, record.attempts, std::move(sent->headers)};
      } else {
        error = make_aws_error(*sent, host, where);
        reason = classify_response(error.code, sent->status);
      }

      if (reason == RetryReason::none) return error;
      if (reason == RetryReason::throttling) {
        ++record.throttled;
        limiter_.throttled(api, sent_at);
      }
      // Throttled answers are counted apart, against a larger limit: --max-attempts is for failures of AWS
      // or of the network, and must not be used up by AWS asking the client to slow down.
      const bool last_attempt = reason == RetryReason::throttling ? record.throttled >= max_throttled_attempts
                                                                  : attempt - record.throttled >= max_attempts;
      if (last_attempt) return gave_up(std::move(error), record.attempts);
      // A throttled answer takes nothing from the quota: the limiter has already slowed this API down, so
      // its retries cannot pile onto AWS, and a long throttle must slow the run, not fail every later call.
      if (config_.retry.retry_quota && reason != RetryReason::throttling) {
        last_retry_cost = quota_.acquire(reason);
        if (last_retry_cost == 0) {
          log_debug(where + ": retry quota exhausted, not retrying " + describe_failure(error));
          return gave_up(std::move(error), record.attempts);
        }
      }
      const std::chrono::milliseconds delay = random_backoff(config_.retry, attempt - 1);
      log_debug(where + ": attempt " + std::to_string(attempt) + " failed (" + describe_failure(error) +
                "), retrying in " + std::to_string(delay.count()) + " ms");
      sleep(delay);
    }
  }

  // One line per HTTP request for --debug: never headers or bodies.
  static void log_attempt(const std::string& where, const std::string& host, int attempt,
                          const Result<HttpResponse>& sent, std::chrono::steady_clock::time_point started) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    const std::string outcome = sent ? "HTTP " + std::to_string(sent->status) : "failed: " + sent.error().message;
    log_debug(where + ": attempt " + std::to_string(attempt) + " to " + host + ": " + outcome + " in " +
              std::to_string(ms.count()) + " ms");
  }

  static Error gave_up(Error error, int attempts) {
    if (attempts > 1) error.message += " (gave up after " + std::to_string(attempts) + " attempts)";
    return error;
  }

  // Waits until the rate limiter lets a request to `api` go; returns when that was (the limiter's clock).
  RateLimiter::Clock::time_point wait_for_rate_limit(const RateLimiter::Api& api, const std::string& where,
                                                     CallRecord& record) {
    const auto wait = std::chrono::ceil<std::chrono::milliseconds>(limiter_.reserve(api));
    if (wait.count() > 0) {
      ++record.limiter_waits;
      record.limiter_wait += wait;
      if (log_level() <= LogLevel::debug) {
        char rate[32];
        std::snprintf(rate, sizeof rate, "%.2f", limiter_.rate(api));
        log_debug(where + ": waiting " + std::to_string(wait.count()) + " ms for the rate limit (" + rate +
                  " requests/s)");
      }
      sleep(wait);
    }
    return limiter_.now();
  }

  void sleep(std::chrono::milliseconds delay) const {
    if (config_.retry.sleep) {
      config_.retry.sleep(delay);
    } else if (delay.count() > 0) {
      std::this_thread::sleep_for(delay);
    }
  }

  const ClientConfig config_;
  const std::shared_ptr<CredentialsProvider> credentials_;
  const std::shared_ptr<HttpTransport> transport_;
  const std::shared_ptr<CallStats> stats_;
  RetryQuota quota_;
  RateLimiter limiter_;
};

}  // namespace

const std::string* ApiResponse::header(std::string_view name) const {
  for (const auto& [key, value] : headers)
    if (key.size() == name.size() &&
        std::equal(key.begin(), key.end(), name.begin(), [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b)); }))
      return &value;
  return nullptr;
}

std::shared_ptr<AwsClient> make_aws_client(ClientConfig config, std::shared_ptr<CredentialsProvider> credentials,
                                           std::shared_ptr<HttpTransport> transport,
                                           std::shared_ptr<CallStats> stats) {
  return std::make_shared<Client>(std::move(config), std::move(credentials), std::move(transport), std::move(stats));
}

}  // namespace trailguard::aws
