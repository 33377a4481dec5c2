#include "aws/credentials/timestamp.hpp"

#include <cstdio>

namespace trailguard::aws {
namespace {

bool read_digits(std::string_view text, std::size_t& pos, std::size_t count, int& out) {
  if (pos + count > text.size()) return false;
  int value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const char c = text[pos + i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  out = value;
  pos += count;
  return true;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> parse_timestamp(std::string_view text) {
  using namespace std::chrono;
  std::size_t pos = 0;
  int year_ = 0, month_ = 0, day_ = 0, hour = 0, minute = 0, second = 0;
  if (!read_digits(text, pos, 4, year_) || !expect(text, pos, '-') || !read_digits(text, pos, 2, month_) ||
      !expect(text, pos, '-') || !read_digits(text, pos, 2, day_)) {
    return std::nullopt;
  }
  if (pos >= text.size() || (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ')) return std::nullopt;
  ++pos;
  if (!read_digits(text, pos, 2, hour) || !expect(text, pos, ':') || !read_digits(text, pos, 2, minute) ||
      !expect(text, pos, ':') || !read_digits(text, pos, 2, second)) {
    return std::nullopt;
  }
  if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
  microseconds fraction{0};
  if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
    ++pos;
    std::size_t digits = 0;
    long long micro = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (digits < 6) micro = micro * 10 + (text[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return std::nullopt;
    for (std::size_t i = digits; i < 6; ++i) micro *= 10;
    fraction = microseconds{micro};
  }
  minutes offset{0};
  if (pos < text.size()) {
    const char zone = text[pos];
    if (zone == 'Z' || zone == 'z') {
      ++pos;
    } else if (zone == '+' || zone == '-') {
      ++pos;
      int offset_hours = 0, offset_minutes = 0;
      if (!read_digits(text, pos, 2, offset_hours)) return std::nullopt;
      if (pos < text.size() && text[pos] == ':') ++pos;
      if (!read_digits(text, pos, 2, offset_minutes)) return std::nullopt;
      offset = hours{offset_hours} + minutes{offset_minutes};
      if (zone == '-') offset = -offset;
    } else {
      return std::nullopt;
    }
  }
  if (pos != text.size()) return std::nullopt;
  const year_month_day date{year{year_}, month{static_cast<unsigned>(month_)}, day{static_cast<unsigned>(day_)}};
  if (!date.ok()) return std::nullopt;
  const auto utc = sys_days{date} + hours{hour} + minutes{minute} + seconds{second} + fraction - offset;
  return time_point_cast<system_clock::duration>(utc);
}

std::string format_timestamp(std::chrono::system_clock::time_point time) {
  using namespace std::chrono;
  const auto secs = floor<seconds>(time);
  const auto days = floor<std::chrono::days>(secs);
  const year_month_day date{days};
  const hh_mm_ss clock{secs - days};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count()));
  return buffer;
}

}  // namespace trailguard::aws
