#include "support/moto_server.hpp"

#include <cstdlib>
#include <stdexcept>
#include <thread>

namespace trailguard::test_support {
namespace {

std::vector<std::string> server_environment() {
  std::vector<std::string> env = current_environment();
  remove_env(env, "AWS_");
  remove_env(env, "MOTO_");  // MOTO_ACCOUNT_ID would override every account
  set_env(env, "AWS_ACCESS_KEY_ID", "AKIAMOTOFAKEKEY00000");
  set_env(env, "AWS_SECRET_ACCESS_KEY", "moto-fake-secret-not-a-real-key");
  set_env(env, "AWS_CONFIG_FILE", "/dev/null");
  set_env(env, "AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
  set_env(env, "AWS_EC2_METADATA_DISABLED", "true");
  return env;
}

}  // namespace

std::string MotoServer::find_moto_server() {
  if (const char* explicit_path = std::getenv("TRAILGUARD_MOTO_SERVER"); explicit_path != nullptr && *explicit_path) {
    return find_executable(explicit_path);
  }
  std::vector<std::string> dirs;
  if (const char* home = std::getenv("HOME"); home != nullptr) dirs.push_back(std::string(home) + "/.pyenv/shims");
  return find_executable("moto_server", dirs);
}

MotoServer::MotoServer(MotoServerOptions options) : options_(std::move(options)) {
  const std::string executable = find_moto_server();
  if (executable.empty()) {
    throw std::runtime_error("moto_server not found ($TRAILGUARD_MOTO_SERVER, ~/.pyenv/shims, PATH); "
                             "install: pip install 'moto[server]'");
  }
  std::string last_error;
  // A free port can be taken by someone else between the probe and moto's bind: try a few.
  for (int attempt = 0; attempt < 3; ++attempt) {
    port_ = free_local_port();
    std::vector<std::string> argv{executable, "-H", "127.0.0.1", "-p", std::to_string(port_)};
    argv.insert(argv.end(), options_.extra_args.begin(), options_.extra_args.end());
    process_ = std::make_unique<BackgroundProcess>(argv, server_environment());
    const auto deadline = std::chrono::steady_clock::now() + options_.start_timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (!process_->running()) {
        last_error = "moto_server exited with status " + std::to_string(process_->exit_status());
        break;
      }
      try {
        if (options_.https ? local_port_open(port_) : local_http(port_, "GET", "/moto-api/").status == 200) return;
      } catch (const std::exception&) {
        // not listening yet
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (last_error.empty()) last_error = "moto_server did not answer on port " + std::to_string(port_) + " in time";
    last_error += "; log:\n" + process_->log_tail();
    process_.reset();
  }
  throw std::runtime_error(last_error);
}

MotoServer::~MotoServer() = default;

std::string MotoServer::url() const {
  return std::string(options_.https ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_);
}

LocalHttpReply MotoServer::request(const std::string& method, const std::string& path, const std::string& body,
                                   const std::string& content_type) {
  return local_http(port_, method, path, body, content_type);
}

void MotoServer::reset() {
  const LocalHttpReply reply = request("POST", "/moto-api/reset");
  if (reply.status != 200) throw std::runtime_error("moto reset answered HTTP " + std::to_string(reply.status));
}

void MotoServer::enable_auth() {
  const LocalHttpReply reply = request("POST", "/moto-api/reset-auth", "0", "text/plain");
  if (reply.status != 200) throw std::runtime_error("moto reset-auth answered HTTP " + std::to_string(reply.status));
}

}  // namespace trailguard::test_support
