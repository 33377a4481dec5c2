// MetadataServer: tests/aws/credentials/metadata_server.py (a stand-in IMDS or container credentials
// endpoint) started on a free 127.0.0.1 port for one test, stopped (and its temp files removed) when
// the object goes; the script also exits by itself after two minutes. requests() reads what it was
// asked. Not thread-safe: one test owns each object.
#pragma once

#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/background_process.hpp"
#include "support/local_http.hpp"

namespace trailguard::aws::testing {

inline std::string python_interpreter() {
  std::vector<std::string> dirs;
  if (const char* home = std::getenv("HOME"); home != nullptr) dirs.push_back(std::string(home) + "/.pyenv/shims");
  std::string found = test_support::find_executable("python3", dirs);
  if (found.empty()) throw std::runtime_error("python3 not found");
  return found;
}

class MetadataServer {
 public:
  // `args`: the script's options after --mode (see metadata_server.py).
  MetadataServer(const std::string& mode, const std::vector<std::string>& args) {
    char log_template[] = "/tmp/trailguard-metadata-XXXXXX.jsonl";
    const int fd = ::mkstemps(log_template, 6);
    if (fd < 0) throw std::runtime_error("mkstemps failed");
    ::close(fd);
    log_ = log_template;
    port_ = test_support::free_local_port();
    std::vector<std::string> argv{python_interpreter(), TRAILGUARD_SOURCE_DIR "/tests/aws/credentials/metadata_server.py",
                                  "--port", std::to_string(port_), "--mode", mode, "--log", log_, "--lifetime", "120"};
    argv.insert(argv.end(), args.begin(), args.end());
    process_ = std::make_unique<test_support::BackgroundProcess>(argv, test_support::current_environment());
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!test_support::local_port_open(port_)) {
      if (!process_->running() || std::chrono::steady_clock::now() > deadline) {
        throw std::runtime_error("metadata_server.py did not start:\n" + process_->log_tail());
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  ~MetadataServer() {
    process_.reset();
    std::error_code ec;
    std::filesystem::remove(log_, ec);
  }
  MetadataServer(const MetadataServer&) = delete;
  MetadataServer& operator=(const MetadataServer&) = delete;

  int port() const { return port_; }
  std::string host() const { return "127.0.0.1:" + std::to_string(port_); }
  std::string url() const { return "http://" + host(); }

  // Every request so far: {"method", "path", "headers" (lowercase names)}.
  std::vector<nlohmann::json> requests() const {
    std::vector<nlohmann::json> out;
    std::ifstream in(log_);
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty()) out.push_back(nlohmann::json::parse(line));
    }
    return out;
  }

 private:
  std::string log_;
  int port_ = 0;
  std::unique_ptr<test_support::BackgroundProcess> process_;
};

}  // namespace trailguard::aws::testing
