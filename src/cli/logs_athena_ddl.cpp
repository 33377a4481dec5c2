#include "cli/logs_athena_ddl.hpp"

#include <chrono>
#include <iostream>
#include <memory>

#include "base/log.hpp"
#include "sources/athena/cloudtrail_table.hpp"

namespace trailguard::cli {
namespace {

// `logs`' options are parsed by `logs` even when they follow athena-ddl (CLI11's fallthrough, which the
// global flags need): any that was given would be ignored silently, so it is refused instead.
std::string logs_option_given(const CLI::App& logs) {
  for (const auto* option : logs.get_options())
    if (option->count() > 0) return option->get_name();
  return "";
}

ExitCode run_athena_ddl(const CLI::App& logs, const sources::athena::CloudTrailTableRequest& request) {
  if (const auto option = logs_option_given(logs); !option.empty()) {
    log_error("logs athena-ddl: " + option + " is an option of `trailguard logs SOURCE...`, not of athena-ddl "
              "(see trailguard logs athena-ddl --help)");
    return ExitCode::usage;
  }
  const auto today =
      std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()).time_since_epoch().count();
  auto ddl = sources::athena::cloudtrail_table_ddl(request, today);
  if (!ddl) {
    log_error("logs athena-ddl: " + ddl.error().message);
    return ExitCode::usage;
  }
  std::cout << *ddl;
  std::cout.flush();
  if (!std::cout) {
    log_error("logs athena-ddl: writing to standard output failed");
    return ExitCode::usage;
  }
  return ExitCode::pass;
}

}  // namespace

LogsSubcommand add_athena_ddl_subcommand(CLI::App& logs) {
  auto request = std::make_shared<sources::athena::CloudTrailTableRequest>();
  auto* ddl = logs.add_subcommand(
      "athena-ddl", "Print the Athena CREATE EXTERNAL TABLE over CloudTrail's files, with partition projection");
  ddl->add_option("S3URI", request->location,
                  "CloudTrail's folder: s3://bucket/[prefix/]AWSLogs/, s3://bucket/[prefix/]AWSLogs/o-ORGID/ "
                  "(organization trail), or one account's folder below them")
      ->required();
  ddl->add_option("--table", request->table, "The table to create: TABLE or DATABASE.TABLE (default cloudtrail_logs)")
      ->type_name("[DB.]TABLE");
  ddl->add_option("--accounts", request->accounts,
                  "The accounts the table projects (comma-separated). Without it, queries must name their "
                  "accounts (WHERE account = '...'): the account partition is injected")
      ->delimiter(',')
      ->type_name("ID");
  ddl->add_option("--regions", request->regions,
                  "The delivery regions the table projects (comma-separated; default every commercial region)")
      ->delimiter(',')
      ->type_name("REGION");
  ddl->add_option("--since", request->since,
                  "The first day the table projects, YYYY-MM-DD (default 2020-01-01); older files are not read")
      ->type_name("DATE");
  ddl->footer("Prints the statement on standard output; run it in Athena (docs/athena.md). Exit codes: 0 printed, "
              "2 usage (a bad URI, account, region, table name or date, named in the message).");
  // A required SOURCE would take the word "athena-ddl" as its value (CLI11 fills required positionals
  // before it looks for subcommands), so it is required here instead, with CLI11's own error, only
  // when athena-ddl was not typed: `trailguard logs` alone still says "SOURCE is required", exit 2.
  auto* source = logs.get_option("SOURCE");
  source->required(false);
  source->description(source->get_description() + ". Required, unless athena-ddl is given");
  logs.final_callback([source, ddl] {
    if (!ddl->parsed() && source->count() == 0) throw CLI::RequiredError(source->get_name());
  });
  return {ddl, [&logs, request] { return run_athena_ddl(logs, *request); }};
}

}  // namespace trailguard::cli
