#include "report/logs_report.hpp"

namespace trailguard::report {

const std::vector<LogsFormat>& logs_formats() {
  static const std::vector<LogsFormat> formats = {
      {"text", "txt", write_logs_text},
      {"json", "json", write_logs_json},
      {"ndjson", "ndjson", write_logs_ndjson},
  };
  return formats;
}

const LogsFormat* find_logs_format(std::string_view name) {
  for (const auto& format : logs_formats())
    if (format.name == name) return &format;
  return nullptr;
}

}  // namespace trailguard::report
