// AwsClient: one AWS API call in, its answer's body (or an Error carrying the AWS error code) out.
// It resolves the endpoint, serialises the protocol, signs with SigV4, sends through an HttpTransport,
// retries as the SDKs' "standard" mode, and counts calls in CallStats.
// Thread-safety: call() may be used from any number of threads at once.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws/call_stats.hpp"
#include "aws/credentials_provider.hpp"
#include "aws/http_transport.hpp"
#include "base/result.hpp"

namespace trailguard::aws {

enum class Protocol {
  json_1_1,  // POST /, X-Amz-Target: <target_prefix>.<operation>, application/x-amz-json-1.1 (CloudTrail, Organizations)
  rest_json, // for services such as Account (POST /listRegions): body JSON, path from `path`
  query,     // POST /, form-encoded Action=<operation>&Version=<api_version>&params (STS, EC2); XML answers
  rest_xml,  // S3: <method> {endpoint}<path>?<params>, body `payload` as given, signed as S3 (path-style
             // addressing: the bucket is the path's first segment); XML answers (GetBucketPolicy: JSON)
};

struct ApiCall {
  std::string service;    // endpoint prefix and signing name: cloudtrail, sts, ec2, organizations, account
  std::string region;     // where to call; global services give their signing region
  std::string operation;  // DescribeTrails, GetCallerIdentity, ...
  Protocol protocol = Protocol::json_1_1;
  std::string target_prefix;  // json_1_1: "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101"
  std::string json_body = "{}";
  std::string path = "/";                                   // rest_json, rest_xml (unencoded: "/my-bucket")
  std::string api_version;                                  // query: "2011-06-15" (STS), "2016-11-15" (EC2)
  std::vector<std::pair<std::string, std::string>> params;  // query, rest_xml: unencoded names and values
                                                            // (rest_xml: an empty value is sent as "?name")
  std::string method = "PUT";                               // rest_xml: PUT, GET, DELETE
  std::vector<std::pair<std::string, std::string>> headers{};  // rest_xml: more headers (Content-MD5, ...)
  std::string payload{};                                    // rest_xml: the body, sent as is
  // method, headers and payload have default initialisers: positional initialisers that stop at `params`
  // stay free of -Wmissing-field-initializers.
};

struct ApiResponse {
  std::string body;
  long http_status = 0;
  int attempts = 0;
  std::vector<std::pair<std::string, std::string>> headers{};  // as received (S3 GetObject's x-amz-meta-*)

  // The first header of that name (compared case-insensitively), or nullptr.
  const std::string* header(std::string_view name) const;
};

// Endpoint overrides, as the AWS CLI reads them: --endpoint-url beats AWS_ENDPOINT_URL_<SERVICE>
// (e.g. AWS_ENDPOINT_URL_CLOUDTRAIL) beats AWS_ENDPOINT_URL. An override is a base URL
// ("http://127.0.0.1:5000"); rest_json paths are appended to it.
struct EndpointConfig {
  // --endpoint-url: beats everything. (Putting AWS_ENDPOINT_URL here also works, but then it beats
  // AWS_ENDPOINT_URL_<SERVICE> too; give it as default_endpoint_url to keep the CLI's order.)
  std::optional<std::string> endpoint_url;
  std::map<std::string, std::string> service_endpoint_urls;  // service -> url, from AWS_ENDPOINT_URL_<SERVICE>;
                                                             // keys compare case-insensitively
  std::optional<std::string> default_endpoint_url;           // AWS_ENDPOINT_URL
};

// The SDKs' "standard" retry mode: up to max_attempts attempts, full-jitter exponential backoff
// (a random delay in [0, min(max_backoff, base_delay * 2^retry))), retries on throttling, transient
// codes, HTTP 500/502/503/504, timeouts and connection failures, limited by a retry quota.
// Throttled answers are retried longer and outside the quota: the rate limiter slows the client down
// instead (RateLimitConfig, docs/aws-client.md).
struct RetryConfig {
  // --max-attempts, AWS_MAX_ATTEMPTS; standard mode's default. Throttled attempts do not count here.
  int max_attempts = 3;
  // --max-throttled-attempts: throttled answers a call takes before it gives up. With the backoff below,
  // 15 is on average about 70 s of uninterrupted throttling (at most 145 s), plus the rate limiter's waits.
  int max_throttled_attempts = 15;
  std::chrono::milliseconds base_delay{100};
  std::chrono::milliseconds max_backoff{20000};
  // The standard mode's retry quota (a token bucket of 500 shared by the client's calls: a retry
  // costs 5, after a timeout 10; a success refunds). When it is empty, failures are not retried.
  // Retries of throttled answers take nothing from it.
  bool retry_quota = true;
  // How to wait, between attempts and for the rate limiter; empty: std::this_thread::sleep_for. Tests
  // inject a recorder; it is called from every thread that uses the client, so it must be thread-safe.
  std::function<void(std::chrono::milliseconds)> sleep;
};

// Client-side rate limiting: a token bucket per (service, region, operation) for each client, at the
// rate AWS publishes for that API (src/aws/http/api_rates.cpp) or max_rate, halved on each throttled
// answer down to min_rate and raised again by successes.
struct RateLimitConfig {
  bool enabled = true;
  std::optional<double> max_rate;  // --max-rate: requests per second for every API, instead of the table's
  double min_rate = 0.5;           // the lowest a run of throttled answers takes an API's rate
  // The time the buckets refill by; empty: std::chrono::steady_clock::now. Tests inject a clock that
  // their RetryConfig::sleep advances. Called from every thread that uses the client.
  std::function<std::chrono::steady_clock::time_point()> clock;
};

struct ClientConfig {
  EndpointConfig endpoints;
  RetryConfig retry;
  RateLimitConfig rate_limit;
  // Sent as User-Agent. moto takes a "region/<name>" in it as the region, so any "region/" is
  // rewritten to "region-".
  std::string user_agent = "trailguard";
};

class AwsClient {
 public:
  virtual ~AwsClient() = default;
  // Errors: ErrorKind::access_denied (AccessDenied*, UnauthorizedOperation, ...), throttled (after
  // retries), timeout, network, not_found (*NotFound*), service (other AWS errors, 5xx after retries),
  // malformed_input (an answer that is not what the protocol promises). Error::code is the AWS error
  // code ("TrailNotFoundException", "AccessDenied"); Error::where is "cloudtrail DescribeTrails in eu-west-1".
  virtual Result<ApiResponse> call(const ApiCall& call) = 0;
};

std::shared_ptr<AwsClient> make_aws_client(ClientConfig config, std::shared_ptr<CredentialsProvider> credentials,
                                           std::shared_ptr<HttpTransport> transport,
                                           std::shared_ptr<CallStats> stats);

// The endpoint URL for a service in a region and partition (aws, aws-cn, aws-us-gov), overrides applied:
// https://{service}.{region}.amazonaws.com (.com.cn in China); organizations, account and iam have one
// endpoint per partition (organizations.us-east-1.amazonaws.com, ...). No trailing '/'.
std::string resolve_endpoint(const EndpointConfig& config, const std::string& service, const std::string& region);

}  // namespace trailguard::aws
