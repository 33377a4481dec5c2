// A minimal HTTP/1.1 client for test servers on 127.0.0.1 (moto's /moto-api, the fault proxy's
// control endpoint): one request per connection, Content-Length bodies only, no proxies, no TLS.
// Thread-safe (no shared state).
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace trailguard::test_support {

struct LocalHttpReply {
  int status = 0;
  std::string body;
};

// Throws std::runtime_error if 127.0.0.1:port cannot be reached or answers nothing HTTP-like in `timeout`.
LocalHttpReply local_http(int port, const std::string& method, const std::string& path, const std::string& body = {},
                          const std::string& content_type = {},
                          const std::vector<std::pair<std::string, std::string>>& headers = {},
                          std::chrono::milliseconds timeout = std::chrono::milliseconds(10000));

// True when something accepts TCP connections on 127.0.0.1:port.
bool local_port_open(int port);

// A port that was free on 127.0.0.1 a moment ago (the kernel's choice).
int free_local_port();

}  // namespace trailguard::test_support
