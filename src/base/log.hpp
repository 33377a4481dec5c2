// Diagnostics on stderr. Every line passes through redact_secrets, so nothing logged can leak a key.
// Thread-safe: lines from concurrent threads never interleave.
#pragma once

#include <string_view>

namespace trailguard {

enum class LogLevel { debug = 0, info = 1, warning = 2, error = 3, quiet = 4 };

void set_log_level(LogLevel level);
LogLevel log_level();

void log(LogLevel level, std::string_view message);
inline void log_debug(std::string_view m) { log(LogLevel::debug, m); }
inline void log_info(std::string_view m) { log(LogLevel::info, m); }
inline void log_warning(std::string_view m) { log(LogLevel::warning, m); }
inline void log_error(std::string_view m) { log(LogLevel::error, m); }

}  // namespace trailguard
