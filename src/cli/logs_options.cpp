#include "cli/logs_options.hpp"

#include <charconv>

#include "base/utc_time.hpp"

namespace trailguard::cli {

void add_logs_options(CLI::App& command, LogsOptions& options) {
  command.add_option("SOURCE", options.sources,
                     "Delivered CloudTrail files: a folder of the S3 layout at any depth (a bucket copy, AWSLogs/, "
                     "one account's or region's folder), one file, or s3://bucket/prefix")
      ->required();
  command.add_option("--since", options.since,
                     "Count events from this time: 2026-12-01T10:00:00Z, 2026-12-01, or an age such as 36h or 7d")
      ->type_name("TIME");
  command.add_option("--until", options.until, "Count events before this time (same forms as --since)")->type_name("TIME");
  command.add_option("--accounts", options.accounts, "Read only these accounts (comma-separated)")->delimiter(',');
  command.add_option("--expected-regions", options.expected_regions,
                     "The regions the accounts use (comma-separated): every event elsewhere is reported. Without it, "
                     "each account's quiet regions are (see docs/logs.md)")
      ->delimiter(',');
  command.add_flag("--validate", options.validate,
                   "Check the digests as `aws cloudtrail validate-logs` does: log file hashes, the chain, signatures "
                   "(local sources need --public-keys; s3:// also checks the newest digest, by its metadata)");
  command.add_option("--public-keys", options.public_keys,
                     "ListPublicKeys' JSON to check digest signatures with (else ListPublicKeys is called for s3://)")
      ->type_name("FILE");
  command.add_option("-o,--output", options.format, "Report format: text, json, ndjson, html (comma-separated with --out-dir)")
      ->type_name("FORMAT");
  command.add_option("--out", options.out_file, "Write the report to FILE instead of standard output")->type_name("FILE");
  command.add_option("--out-dir", options.out_dir, "Write one logs-report.<ext> per format into DIR")->type_name("DIR");
  command.add_option("--threads", options.threads, "Files read at once (default: one per core; 16 for s3://)");
  command.add_option("--max-file-mb", options.max_file_mb,
                     "A file larger than this (stored or inflated) is reported unreadable, not read (default 128)");
  add_aws_options(command, options.aws);
}

Result<std::int64_t> parse_time_flag(const std::string& text, const std::string& flag, std::int64_t now) {
  if (auto seconds = parse_utc_time(text)) return *seconds;
  if (text.size() == 10) {
    if (auto seconds = parse_utc_time(text + "T00:00:00Z")) return *seconds;
  }
  if (text.size() >= 2) {
    std::int64_t amount = 0;
    const auto unit = text.back();
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size() - 1, amount);
    const std::int64_t scale = unit == 'm' ? 60 : unit == 'h' ? 3600 : unit == 'd' ? 86400 : 0;
    if (error == std::errc() && end == text.data() + text.size() - 1 && scale > 0 && amount >= 0) return now - amount * scale;
  }
  return Error{ErrorKind::invalid_argument,
               flag + " \"" + text + "\" is not a time: give 2026-12-01T10:00:00Z, 2026-12-01, or an age such as 36h or 7d",
               "", "usage"};
}

}  // namespace trailguard::cli
