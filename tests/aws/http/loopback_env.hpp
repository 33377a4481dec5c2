// Environment guards for tests that talk to servers on 127.0.0.1: a proxy configured on the machine
// (http_proxy, HTTPS_PROXY, ...) must not see or break them. Not thread-safe (setenv): use from the
// test's main thread before starting clients.
#pragma once

#include <cstdlib>
#include <map>
#include <optional>
#include <string>

namespace trailguard::aws::testing {

// Sets or removes environment variables for one scope and restores them afterwards.
class ScopedEnv {
 public:
  ScopedEnv() = default;
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;
  ~ScopedEnv() {
    for (const auto& [name, value] : saved_) {
      if (value) {
        setenv(name.c_str(), value->c_str(), 1);
      } else {
        unsetenv(name.c_str());
      }
    }
  }
  void set(const std::string& name, const std::string& value) {
    save(name);
    setenv(name.c_str(), value.c_str(), 1);
  }
  void unset(const std::string& name) {
    save(name);
    unsetenv(name.c_str());
  }

 private:
  void save(const std::string& name) {
    if (saved_.contains(name)) return;
    const char* value = std::getenv(name.c_str());
    saved_[name] = value != nullptr ? std::optional<std::string>(value) : std::nullopt;
  }
  std::map<std::string, std::optional<std::string>> saved_;
};

// No proxy of the machine's for loopback.
inline void bypass_proxies_for_loopback(ScopedEnv& env) {
  env.set("NO_PROXY", "127.0.0.1,localhost");
  env.set("no_proxy", "127.0.0.1,localhost");
}

}  // namespace trailguard::aws::testing
