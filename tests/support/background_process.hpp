// BackgroundProcess: a server (moto_server, the fault proxy, ...) that a test runs beside itself.
// It is started in its own session, with stdin from /dev/null and stdout/stderr into a log file, and
// stopped by its own process-group id (SIGTERM, then SIGKILL) when the object is destroyed, so a
// failing test leaves nothing running. Not thread-safe: one thread owns each object.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace trailguard::test_support {

// The environment as "NAME=value" entries, to adjust and pass to BackgroundProcess.
std::vector<std::string> current_environment();
void set_env(std::vector<std::string>& env, std::string_view name, std::string_view value);
// Removes every entry whose name starts with `prefix` ("AWS_" drops them all).
void remove_env(std::vector<std::string>& env, std::string_view prefix);

// argv[0] on PATH (from `env`'s PATH, else this process's), or as given when it contains '/'; "" if not found.
std::string find_executable(std::string_view name, const std::vector<std::string>& extra_dirs = {});

class BackgroundProcess {
 public:
  // Throws std::runtime_error when the program cannot be started.
  BackgroundProcess(const std::vector<std::string>& argv, const std::vector<std::string>& env);
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  pid_t pid() const { return pid_; }
  bool running();                       // false once it has exited (its status is then collected)
  int exit_status() const { return status_; }
  void stop(std::chrono::milliseconds grace = std::chrono::milliseconds(3000));  // idempotent
  const std::string& log_path() const { return log_path_; }
  std::string log_tail(std::size_t lines = 30) const;

 private:
  pid_t pid_ = -1;
  int status_ = -1;
  std::string log_path_;
};

}  // namespace trailguard::test_support
