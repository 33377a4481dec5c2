#include "report/logs_report.hpp"

#include <fmt/format.h>

namespace trailguard::report {

const std::vector<LogsFormat>& logs_formats() {
  static const std::vector<LogsFormat> formats = {
      {"text", "txt", write_logs_text},
      {"json", "json", write_logs_json},
      {"ndjson", "ndjson", write_logs_ndjson},
      {"html", "html", write_logs_html},
  };
  return formats;
}

std::string size_text(std::uint64_t bytes) {
  if (bytes >= (1ull << 30)) return fmt::format("{:.1f} GiB", static_cast<double>(bytes) / (1ull << 30));
  if (bytes >= (1ull << 20)) return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1ull << 20));
  return fmt::format("{} KiB", (bytes + 1023) / 1024);
}

const LogsFormat* find_logs_format(std::string_view name) {
  for (const auto& format : logs_formats())
    if (format.name == name) return &format;
  return nullptr;
}

}  // namespace trailguard::report
