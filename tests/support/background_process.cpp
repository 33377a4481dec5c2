#include "support/background_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace trailguard::test_support {
namespace {

std::string_view name_of(std::string_view entry) { return entry.substr(0, entry.find('=')); }

}  // namespace

std::vector<std::string> current_environment() {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) env.emplace_back(*e);
  return env;
}

void set_env(std::vector<std::string>& env, std::string_view name, std::string_view value) {
  std::erase_if(env, [&](const std::string& entry) { return name_of(entry) == name; });
  env.push_back(std::string(name) + "=" + std::string(value));
}

void remove_env(std::vector<std::string>& env, std::string_view prefix) {
  std::erase_if(env, [&](const std::string& entry) { return std::string_view(entry).substr(0, prefix.size()) == prefix; });
}

std::string find_executable(std::string_view name, const std::vector<std::string>& extra_dirs) {
  if (name.find('/') != std::string_view::npos) return access(std::string(name).c_str(), X_OK) == 0 ? std::string(name) : "";
  std::vector<std::string> dirs = extra_dirs;
  const char* path = std::getenv("PATH");
  std::stringstream split(path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin");
  for (std::string dir; std::getline(split, dir, ':');) {
    if (!dir.empty()) dirs.push_back(dir);
  }
  for (const auto& dir : dirs) {
    const std::string candidate = dir + "/" + std::string(name);
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return {};
}

BackgroundProcess::BackgroundProcess(const std::vector<std::string>& argv, const std::vector<std::string>& env) {
  if (argv.empty()) throw std::runtime_error("BackgroundProcess: no program");
  char log_template[] = "/tmp/trailguard-bg-XXXXXX.log";
  const int log_fd = mkstemps(log_template, 4);
  if (log_fd < 0) throw std::runtime_error("BackgroundProcess: cannot create a log file");
  log_path_ = log_template;

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, log_fd, 1);
  posix_spawn_file_actions_adddup2(&actions, log_fd, 2);
  posix_spawn_file_actions_addclose(&actions, log_fd);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  // Its own session and process group (id = its pid), so stop() can signal it and whatever it forks.
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSID);

  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> env_storage = env;
  std::vector<char*> envp;
  for (auto& e : env_storage) envp.push_back(e.data());
  envp.push_back(nullptr);

  const int spawned = posix_spawn(&pid_, args[0], &actions, &attributes, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  close(log_fd);
  if (spawned != 0) {
    pid_ = -1;
    throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(spawned));
  }
}

BackgroundProcess::~BackgroundProcess() {
  stop();
  if (!log_path_.empty() && std::getenv("TRAILGUARD_KEEP_EMULATOR_LOGS") == nullptr) unlink(log_path_.c_str());
}

bool BackgroundProcess::running() {
  if (pid_ <= 0) return false;
  int status = 0;
  const pid_t done = waitpid(pid_, &status, WNOHANG);
  if (done == 0) return true;
  status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  pid_ = -1;
  return false;
}

void BackgroundProcess::stop(std::chrono::milliseconds grace) {
  for (int sig : {SIGTERM, SIGKILL}) {
    if (!running()) return;
    kill(-pid_, sig);  // the group created at spawn; its id is the child's pid
    const auto deadline = std::chrono::steady_clock::now() + grace;
    while (running() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
}

std::string BackgroundProcess::log_tail(std::size_t lines) const {
  std::ifstream in(log_path_);
  std::vector<std::string> all;
  for (std::string line; std::getline(in, line);) all.push_back(line);
  std::string out;
  for (std::size_t i = all.size() > lines ? all.size() - lines : 0; i < all.size(); ++i) out += all[i] + "\n";
  return out.empty() ? "(empty log)\n" : out;
}

}  // namespace trailguard::test_support
