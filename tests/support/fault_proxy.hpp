// FaultProxy: tests/aws/http/fault_proxy.py run beside a test, in front of an upstream on 127.0.0.1
// (usually a MotoServer), to inject AWS errors, resets, truncated or malformed answers, delays and
// latency, and to see every request it forwarded with its timing and client connection.
//
//   test_support::MotoServer moto;
//   test_support::FaultProxy proxy(moto.port());
//   proxy.set_rules(R"([{"match": {"operation": "DescribeTrails"}, "fault": "status", "status": 400,
//                        "code": "ThrottlingException", "times": 2}])");
//   config.endpoints.endpoint_url = proxy.url();
//
// See the script's docstring for the rules. The proxy stops with this object (and by itself when idle).
// Not thread-safe: one thread owns each object (the proxy itself serves many).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "support/background_process.hpp"

namespace trailguard::test_support {

struct FaultProxyRecord {
  int seq = 0;
  std::string operation;  // X-Amz-Target suffix or Action
  std::string fault;      // "pass", "status", "reset", ...
  int status = 0;         // 0 when no answer was sent (reset)
  int connection = 0;     // the client connection it came on: equal numbers mean a reused connection
  bool absolute_form = false;  // sent as to a forward proxy (http://host/path)
  double start_ms = 0;
  double duration_ms = 0;
};

class FaultProxy {
 public:
  // Throws std::runtime_error if python3 or the script cannot be started or does not answer.
  explicit FaultProxy(int upstream_port, std::chrono::milliseconds latency = std::chrono::milliseconds(0));
  ~FaultProxy();
  FaultProxy(const FaultProxy&) = delete;
  FaultProxy& operator=(const FaultProxy&) = delete;

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  void set_rules(const std::string& json_rules);  // replaces all rules
  void set_latency(std::chrono::milliseconds latency);
  std::vector<FaultProxyRecord> log() const;
  void reset();  // no rules, no latency, empty log

  std::string log_tail() const { return process_ ? process_->log_tail() : ""; }
  static std::string script_path();

 private:
  int port_ = 0;
  std::unique_ptr<BackgroundProcess> process_;
};

}  // namespace trailguard::test_support
