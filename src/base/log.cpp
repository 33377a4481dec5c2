#include "base/log.hpp"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <string>

#include "base/redact.hpp"

namespace trailguard {
namespace {
std::atomic<LogLevel> g_level{LogLevel::warning};
std::mutex g_mutex;

const char* prefix(LogLevel level) {
  switch (level) {
    case LogLevel::debug: return "debug";
    case LogLevel::info: return "info";
    case LogLevel::warning: return "warning";
    case LogLevel::error: return "error";
    case LogLevel::quiet: return "";
  }
  return "";
}
}  // namespace

void set_log_level(LogLevel level) { g_level = level; }
LogLevel log_level() { return g_level; }

void log(LogLevel level, std::string_view message) {
  if (level < g_level.load() || level == LogLevel::quiet) return;
  const std::string line = "trailguard: " + std::string(prefix(level)) + ": " + redact_secrets(message) + "\n";
  std::lock_guard lock(g_mutex);
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace trailguard
