// `trailguard logs`: read CloudTrail's delivered files (local trees or s3://), judge what they show, report.
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <thread>

#include "base/log.hpp"
#include "cli/command.hpp"
#include "cli/logs_athena_ddl.hpp"
#include "cli/report_files.hpp"
#include "cli/logs_options.hpp"
#include "cli/logs_validation.hpp"
#include "control/log_judgment.hpp"
#include "report/logs_report.hpp"
#include "sources/logs/local_log_store.hpp"
#include "sources/logs/log_scan.hpp"
#include "sources/logs/s3_log_store.hpp"

namespace trailguard::cli {
namespace {

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

struct Destination {
  const report::LogsFormat* format;
  std::unique_ptr<std::ofstream> file;  // null: standard output
};

std::optional<std::vector<Destination>> open_destinations(const LogsOptions& options) {
  const auto names = split_formats(options.format);
  std::vector<Destination> destinations;
  for (const auto& name : names) {
    const auto* format = report::find_logs_format(name);
    if (!format) {
      std::string known;
      for (const auto& each : report::logs_formats()) known += (known.empty() ? "" : ", ") + std::string(each.name);
      log_error("unknown format \"" + name + "\" for logs: use " + known);
      return std::nullopt;
    }
    destinations.push_back({format, nullptr});
  }
  auto files = open_report_files(names, options.out_file, options.out_dir, [](const std::string& name) {
    return "logs-report." + std::string(report::find_logs_format(name)->extension);
  });
  if (!files) return std::nullopt;
  for (std::size_t i = 0; i < destinations.size(); ++i) destinations[i].file = std::move((*files)[i]);
  return destinations;
}

Result<sources::logs::LogSelection> selection_of(const LogsOptions& options, std::int64_t now) {
  sources::logs::LogSelection selection;
  if (!options.since.empty()) {
    auto since = parse_time_flag(options.since, "--since", now);
    if (!since) return since.error();
    selection.since = *since;
  }
  if (!options.until.empty()) {
    auto until = parse_time_flag(options.until, "--until", now);
    if (!until) return until.error();
    selection.until = *until;
  }
  if (selection.since && selection.until && *selection.until <= *selection.since)
    return Error{ErrorKind::invalid_argument, "--until must be later than --since", "", "usage"};
  for (const auto& account : options.accounts) {
    if (account.size() != 12 || account.find_first_not_of("0123456789") != std::string::npos)
      return Error{ErrorKind::invalid_argument, "--accounts: \"" + account + "\" is not a 12-digit account id", "", "usage"};
    selection.accounts.insert(account);
  }
  selection.regions.insert(options.aws.regions.begin(), options.aws.regions.end());
  return selection;
}

struct Stores {
  std::optional<AwsSession> session;  // opened only for s3:// sources
  std::vector<std::unique_ptr<sources::logs::LogStore>> stores;
};

// Every source opened before anything is read: a missing folder, a bad URL or bucket, or no credentials is a
// usage error at once.
std::optional<Stores> open_stores(const LogsOptions& options) {
  Stores opened;
  for (const auto& source : options.sources) {
    if (source.rfind("s3://", 0) == 0) {
      if (!opened.session) {
        auto session = open_aws_session(options.aws);
        if (!session) {
          log_error(session.error().describe());
          return std::nullopt;
        }
        opened.session = std::move(*session);
      }
      sources::logs::S3LogStoreOptions s3;
      s3.fallback_region = opened.session->home_region;
      auto store = sources::logs::open_s3_log_store(opened.session->client, source, s3);
      if (!store) {
        log_error(store.error().describe());
        return std::nullopt;
      }
      opened.stores.push_back(std::move(*store));
      continue;
    }
    if (!std::filesystem::exists(source)) {
      log_error("no such file or folder: " + source);
      return std::nullopt;
    }
    opened.stores.push_back(std::make_unique<sources::logs::LocalLogStore>(source));
  }
  return opened;
}

ExitCode run_logs(const LogsOptions& options) {
  const auto now = now_seconds();
  auto selection = selection_of(options, now);
  if (!selection) {
    log_error(selection.error().message);
    return ExitCode::usage;
  }
  auto validation = prepare_validation(options, *selection);
  if (!validation) {
    log_error(validation.error().message);
    return ExitCode::usage;
  }
  auto destinations = open_destinations(options);
  if (!destinations) return ExitCode::usage;

  auto stores = open_stores(options);
  if (!stores) return ExitCode::usage;
  std::vector<sources::logs::LogStore*> store_pointers;
  for (const auto& store : stores->stores) store_pointers.push_back(store.get());

  sources::logs::LogScanOptions scan;
  scan.selection = *selection;
  scan.expected_regions = {options.expected_regions.begin(), options.expected_regions.end()};
  // S3 reads wait on the network, not the cores: more of them in flight.
  scan.threads = options.threads > 0 ? options.threads
                 : stores->session        ? std::size_t{16}
                                          : std::size_t{std::max(1u, std::thread::hardware_concurrency())};
  scan.max_file_bytes = options.max_file_mb << 20;
  if (::isatty(STDERR_FILENO))
    scan.progress = [](std::uint64_t listed, std::uint64_t done) {
      log_info("logs: " + std::to_string(listed) + " files listed, " + std::to_string(done) + " read");
    };
  if (*validation)
    scan.on_inflated = [validator = (*validation)->validator.get()](const auto& object, const std::string& described,
                                                                     std::string_view inflated, const auto& read) {
      validator->add(object, described, inflated, read);
    };
  const auto started = std::chrono::steady_clock::now();
  auto activity = sources::logs::scan_logs(store_pointers, scan);
  if (*validation) finish_validation(**validation, stores->session ? &*stores->session : nullptr, activity);
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (stores->session && options.aws.stats) print_stats(*stores->session->stats, seconds);

  control::LogJudgmentOptions judging;
  judging.expected_regions = scan.expected_regions;
  judging.now = now;
  const auto judgment = control::judge_logs(activity, judging);

  report::LogsReport report;
  report.activity = &activity;
  report.judgment = &judgment;
  report.sources = options.sources;
  report.generated_ms = now * 1000;
  report.tool_version = TRAILGUARD_VERSION;
  report.seconds = seconds;
  for (auto& destination : *destinations) {
    std::ostream& out = destination.file ? *destination.file : std::cout;
    destination.format->write(report, out);
    if (!out) {
      log_error("writing the " + std::string(destination.format->name) + " report failed");
      return ExitCode::usage;
    }
  }
  if (judgment.found_something()) return ExitCode::fail;
  if (judgment.incomplete) return ExitCode::incomplete;
  return ExitCode::pass;
}

}  // namespace

Command logs_command() {
  return {"logs", "Prove delivery from CloudTrail's own files: per-region coverage, unused-region activity, tampering",
          [](CLI::App& sub) -> Runner {
            auto options = std::make_shared<LogsOptions>();
            add_logs_options(sub, *options);
            const auto athena_ddl = add_athena_ddl_subcommand(sub);
            sub.footer(
                "Exit codes: 0 nothing found, 1 a coverage gap, unused-region activity, tampering or (--validate) a digest "
                "problem found, 2 usage, "
                "3 some file could not be read (incomplete).");
            return [options, athena_ddl] { return athena_ddl.app->parsed() ? athena_ddl.run() : run_logs(*options); };
          }};
}

}  // namespace trailguard::cli
