// The timestamps credential sources write for Expiration: ISO 8601 / RFC 3339 as STS
// ("2026-11-24T16:36:16Z", moto adds microseconds), IMDS, ECS and credential_process programs
// (which may add an offset such as "+02:00") send them. Pure functions; thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace trailguard::aws {

// "YYYY-MM-DD[T ]HH:MM:SS[.fraction][Z|+HH:MM|-HH:MM|+HHMM]"; no zone means UTC.
std::optional<std::chrono::system_clock::time_point> parse_timestamp(std::string_view text);

// "2026-11-24T16:36:16Z".
std::string format_timestamp(std::chrono::system_clock::time_point time);

}  // namespace trailguard::aws
