// The logs report as one JSON document and as ndjson, written element by element (a region, a group, an
// event at a time): a long window over an organization has many thousands of each.
#include "base/utc_time.hpp"
#include "report/logs_json_fields.hpp"

namespace trailguard::report {
namespace {

// In the order the report shows them (nlohmann::json objects sort their keys).
nlohmann::ordered_json head_json(const LogsReport& report) {
  const auto& activity = *report.activity;
  auto unused = nlohmann::json::object();
  for (const auto& [account, regions] : report.judgment->unused_regions) unused[account] = regions;
  return nlohmann::ordered_json{{"schema_version", kLogsSchemaVersion},
          {"tool", {{"name", "trailguard"}, {"version", report.tool_version}}},
          {"generated_at", format_utc_time(report.generated_ms / 1000)},
          {"sources", report.sources},
          {"window",
           {{"since", activity.since ? nlohmann::json(format_utc_time(*activity.since)) : nlohmann::json(nullptr)},
            {"until", activity.until ? nlohmann::json(format_utc_time(*activity.until)) : nlohmann::json(nullptr)}}},
          {"unused_region_rule", report.judgment->unused_region_rule},
          {"unused_regions", std::move(unused)},
          {"log_buckets", activity.log_buckets},
          {"duplicates_dropped", activity.totals.duplicates_dropped},
          {"validation", activity.validation ? nlohmann::ordered_json(logs_validation_json(*activity.validation)) : nlohmann::ordered_json(nullptr)}};
}

template <class Items, class ToJson>
void write_array(std::ostream& out, std::string_view name, const Items& items, ToJson to_json) {
  out << ",\n  \"" << name << "\": [";
  bool first = true;
  for (const auto& item : items) {
    out << (first ? "\n    " : ",\n    ") << to_json(item).dump();
    first = false;
  }
  out << (first ? "]" : "\n  ]");
}

const std::vector<model::DigestProblem>& digest_problems(const model::LogActivity& activity) {
  static const std::vector<model::DigestProblem> none;
  return activity.validation ? activity.validation->problems : none;
}

}  // namespace

void write_logs_json(const LogsReport& report, std::ostream& out) {
  const auto head = head_json(report);
  out << "{";
  bool first = true;
  for (const auto& [key, value] : head.items()) {
    out << (first ? "\n  " : ",\n  ") << nlohmann::json(key).dump() << ": " << value.dump();
    first = false;
  }
  write_array(out, "regions", report.judgment->regions, logs_region_json);
  write_array(out, "unused_region_activity", report.judgment->unused_region_activity, logs_activity_json);
  write_array(out, "tampering", report.judgment->tampering, logs_tampering_json);
  write_array(out, "digest_problems", digest_problems(*report.activity), logs_digest_problem_json);
  write_array(out, "errors", report.activity->errors, logs_error_json);
  out << ",\n  \"summary\": " << logs_summary_json(report).dump() << "\n}\n";
  out.flush();
}

void write_logs_ndjson(const LogsReport& report, std::ostream& out) {
  const auto line = [&](nlohmann::json value, std::string_view type) {
    value["type"] = type;
    out << value.dump() << '\n';
  };
  for (const auto& region : report.judgment->regions) line(logs_region_json(region), "region");
  for (const auto& activity : report.judgment->unused_region_activity) line(logs_activity_json(activity), "unused_region_activity");
  for (const auto& tampering : report.judgment->tampering) line(logs_tampering_json(tampering), "tampering");
  for (const auto& problem : digest_problems(*report.activity)) line(logs_digest_problem_json(problem), "digest_problem");
  for (const auto& error : report.activity->errors) line(logs_error_json(error), "error");
  auto summary = logs_summary_json(report);
  const auto head = head_json(report);
  for (const auto& [key, value] : head.items()) summary[key] = nlohmann::json(value);
  line(std::move(summary), "summary");
  out.flush();
}

}  // namespace trailguard::report
