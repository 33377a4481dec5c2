// The logs report (`trailguard logs`): the activity the logs show and its judgment, plus the run's facts.
// Writers: logs_json_writer (json, ndjson), logs_text_writer and logs_html_writer; docs/schema/logs-report.schema.json is
// the JSON contract.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "control/log_judgment.hpp"
#include "model/log_activity.hpp"

namespace trailguard::report {

inline constexpr std::string_view kLogsSchemaVersion = "1.0";

struct LogsReport {
  const model::LogActivity* activity = nullptr;
  const control::LogJudgment* judgment = nullptr;
  std::vector<std::string> sources;  // as given on the command line
  std::int64_t generated_ms = 0;
  std::string tool_version;
  double seconds = 0;  // how long the scan took

  // Totals both the summary line and the JSON summary show.
  struct Counts {
    std::uint64_t events = 0;  // distinct events over every (account, delivery region)
    std::size_t accounts = 0;
    std::size_t regions_with_gaps = 0;
    std::size_t failed_attempts = 0;  // tampering calls that failed
  };
  Counts counts() const;

  // "clean", "findings" or "incomplete" (findings beat incomplete, as the exit code does).
  std::string_view result() const;
};

struct LogsFormat {
  std::string_view name;       // -o NAME
  std::string_view extension;  // --out-dir: logs-report.<extension>
  void (*write)(const LogsReport& report, std::ostream& out);
};
// Every format `trailguard logs -o` knows, in the order --help lists them.
const std::vector<LogsFormat>& logs_formats();
const LogsFormat* find_logs_format(std::string_view name);

// A size for people: "512 KiB", "3.4 MiB", "1.2 GiB".
std::string size_text(std::uint64_t bytes);

void write_logs_json(const LogsReport& report, std::ostream& out);
void write_logs_ndjson(const LogsReport& report, std::ostream& out);
void write_logs_text(const LogsReport& report, std::ostream& out);
void write_logs_html(const LogsReport& report, std::ostream& out);  // region x day heat map

}  // namespace trailguard::report
