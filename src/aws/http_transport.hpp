// HttpTransport: sends one HTTP request and returns the response, nothing more (no signing, no retries).
// The production implementation uses libcurl; tests may use any loopback server.
// Thread-safety: send() may be called from any number of threads at once.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "aws/http_request.hpp"
#include "base/result.hpp"

namespace trailguard::aws {

struct HttpResponse {
  long status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // in arrival order, names as sent
  std::string body;
};

struct TransportOptions {
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds read_timeout{15000};  // no byte received for this long: the attempt fails
  std::string ca_bundle;                          // AWS_CA_BUNDLE; empty: the system's trust store
  // Proxies come from the environment as the AWS CLI reads them: https_proxy/HTTPS_PROXY, http_proxy/
  // HTTP_PROXY (libcurl ignores the uppercase one; the transport applies it), ALL_PROXY, NO_PROXY/no_proxy.
  // Loopback is not exempt: set NO_PROXY=127.0.0.1 where a proxy is configured.
};

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  // Fails with ErrorKind::timeout (connect or read timeout) or ErrorKind::network (refused, reset,
  // TLS failure, truncated response). Any HTTP status, 4xx and 5xx included, is a successful send.
  virtual Result<HttpResponse> send(const HttpRequest& request) = 0;
};

// libcurl, with connection reuse per thread (each thread keeps its own connections open), TLS
// verification always on for https. Errors name the host, never headers. See docs/aws-client.md.
std::shared_ptr<HttpTransport> make_curl_transport(const TransportOptions& options);

}  // namespace trailguard::aws
