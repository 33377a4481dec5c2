// `trailguard logs` options: what to read, the window, and the report; parsed into the sources' and the
// judgment's options. Kept apart from the command so the time parsing can be tested.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "base/result.hpp"
#include "cli/aws_options.hpp"

namespace trailguard::cli {

struct LogsOptions {
  std::vector<std::string> sources;  // directories, files or s3://bucket/prefix
  std::string since;
  std::string until;
  std::vector<std::string> accounts;
  std::vector<std::string> expected_regions;
  bool validate = false;
  std::string public_keys;
  std::string format = "text";
  std::string out_file;
  std::string out_dir;
  std::size_t threads = 0;  // 0: one per core for local files, 16 for S3
  std::uint64_t max_file_mb = 128;
  AwsOptions aws;  // for s3:// sources (--region also narrows local sources to those delivery regions)
};

void add_logs_options(CLI::App& command, LogsOptions& options);

// --since/--until: "2026-12-01T10:00:00Z", "2026-12-01" (midnight UTC), or an age before `now` ("36h",
// "7d", "90m"). Errors name the flag.
Result<std::int64_t> parse_time_flag(const std::string& text, const std::string& flag, std::int64_t now);

}  // namespace trailguard::cli
