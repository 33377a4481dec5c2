// UTC times as CloudTrail writes them, in seconds since the epoch. Pure arithmetic (no time zone, no libc
// locale): the log scan parses millions of these, from any number of threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace trailguard {

// Days since 1970-01-01 of a proleptic Gregorian date (month 1-12, day 1-31; not range-checked).
std::int64_t days_from_civil(int year, int month, int day);

// "2026-12-01T10:11:12Z", also with fractional seconds ("...12.345Z") or "+00:00"; nullopt otherwise.
std::optional<std::int64_t> parse_utc_time(std::string_view text);

// The compact form in CloudTrail's file names: "20261201T1011Z" or "20261201T101112Z".
std::optional<std::int64_t> parse_compact_utc_time(std::string_view text);

// "2026-12-01T10:11:12Z".
std::string format_utc_time(std::int64_t seconds);
// "2026-12-01".
std::string format_utc_date(std::int64_t seconds);

}  // namespace trailguard
