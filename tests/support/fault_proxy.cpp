#include "support/fault_proxy.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>

#include "support/local_http.hpp"

namespace trailguard::test_support {
namespace {

std::string find_python() {
  std::vector<std::string> dirs;
  if (const char* home = std::getenv("HOME"); home != nullptr) dirs.push_back(std::string(home) + "/.pyenv/shims");
  return find_executable("python3", dirs);
}

void expect_ok(const LocalHttpReply& reply, const std::string& what) {
  if (reply.status != 200) throw std::runtime_error("fault proxy " + what + ": HTTP " + std::to_string(reply.status) + " " + reply.body);
}

}  // namespace

std::string FaultProxy::script_path() { return std::string(TRAILGUARD_SOURCE_DIR) + "/tests/aws/http/fault_proxy.py"; }

FaultProxy::FaultProxy(int upstream_port, std::chrono::milliseconds latency) {
  const std::string python = find_python();
  if (python.empty()) throw std::runtime_error("python3 not found (~/.pyenv/shims, PATH)");
  char port_file_template[] = "/tmp/trailguard-fault-proxy-XXXXXX";
  const int fd = mkstemp(port_file_template);
  if (fd < 0) throw std::runtime_error("cannot create a port file");
  close(fd);
  const std::string port_file = port_file_template;
  unlink(port_file.c_str());  // the proxy creates it (atomically) once it listens

  std::vector<std::string> env = current_environment();
  remove_env(env, "AWS_");
  process_ = std::make_unique<BackgroundProcess>(
      std::vector<std::string>{python, script_path(), "--upstream", "http://127.0.0.1:" + std::to_string(upstream_port),
                               "--port-file", port_file, "--latency-ms", std::to_string(latency.count()),
                               "--idle-timeout", "300", "--max-lifetime", "1800"},
      env);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (std::chrono::steady_clock::now() < deadline && process_->running()) {
    std::ifstream in(port_file);
    if (in >> port_) {
      unlink(port_file.c_str());
      expect_ok(local_http(port_, "GET", "/__fault__/health"), "health");
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  unlink(port_file.c_str());
  throw std::runtime_error("fault proxy did not start; log:\n" + process_->log_tail());
}

FaultProxy::~FaultProxy() = default;

void FaultProxy::set_rules(const std::string& json_rules) {
  expect_ok(local_http(port_, "POST", "/__fault__/rules", json_rules, "application/json"), "rules");
}

void FaultProxy::set_latency(std::chrono::milliseconds latency) {
  expect_ok(local_http(port_, "POST", "/__fault__/latency", "{\"latency_ms\": " + std::to_string(latency.count()) + "}",
                       "application/json"),
            "latency");
}

void FaultProxy::reset() { expect_ok(local_http(port_, "POST", "/__fault__/reset"), "reset"); }

std::vector<FaultProxyRecord> FaultProxy::log() const {
  const LocalHttpReply reply = local_http(port_, "GET", "/__fault__/log");
  expect_ok(reply, "log");
  std::vector<FaultProxyRecord> records;
  for (const auto& r : nlohmann::json::parse(reply.body)) {
    FaultProxyRecord record;
    record.seq = r.value("seq", 0);
    record.operation = r.value("operation", "");
    record.fault = r.value("fault", "");
    record.status = r["status"].is_number() ? r["status"].get<int>() : 0;
    record.connection = r.value("connection", 0);
    record.absolute_form = r.value("absolute_form", false);
    record.start_ms = r.value("start_ms", 0.0);
    record.duration_ms = r.value("duration_ms", 0.0);
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace trailguard::test_support
