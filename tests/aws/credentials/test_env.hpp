// Test scaffolding for the credentials chain: a temporary directory for the shared files and token
// files, an environment map handed to the chain instead of the process environment, and options that
// can reach nothing but 127.0.0.1 (instance metadata off, STS pointed at a closed loopback port)
// unless a test says otherwise. Not thread-safe: one test owns each object.
#pragma once

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>

#include "aws/credentials/resolve_credentials.hpp"

namespace trailguard::aws::testing {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "trailguard-cred-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  std::filesystem::path write(const std::string& name, const std::string& text, bool executable = false) const {
    const auto file = path_ / name;
    std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
    if (executable) ::chmod(file.c_str(), 0755);
    return file;
  }

 private:
  std::filesystem::path path_;
};

// The chain's environment for one test.
class TestEnv {
 public:
  TestEnv() {
    vars["HOME"] = dir.path().string();
    vars["AWS_CONFIG_FILE"] = (dir.path() / "config").string();
    vars["AWS_SHARED_CREDENTIALS_FILE"] = (dir.path() / "credentials").string();
    vars["AWS_EC2_METADATA_DISABLED"] = "true";  // never 169.254.169.254 from a test
  }

  void config(const std::string& text) { dir.write("config", text); }
  void credentials(const std::string& text) { dir.write("credentials", text); }

  // Options reading a snapshot of `vars` taken now. STS goes to a closed loopback port unless changed.
  CredentialsOptions options() const {
    CredentialsOptions options;
    auto snapshot = std::make_shared<const std::map<std::string, std::string>>(vars);
    options.env = [snapshot](std::string_view name) -> std::optional<std::string> {
      const auto it = snapshot->find(std::string(name));
      if (it == snapshot->end()) return std::nullopt;
      return it->second;
    };
    options.sts_config.endpoints.endpoint_url = "http://127.0.0.1:9";
    options.sts_config.retry.max_attempts = 1;
    options.container_retry_delay = std::chrono::milliseconds(10);
    return options;
  }

  TempDir dir;
  std::map<std::string, std::string> vars;
};

}  // namespace trailguard::aws::testing
