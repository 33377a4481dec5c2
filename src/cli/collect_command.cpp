// `trailguard collect --out DIR`: save a live account's answers as an evidence directory, so that
// `scan --evidence DIR` later (or elsewhere) judges exactly what a live scan would.
#include <algorithm>
#include <chrono>

#include <fmt/format.h>

#include "base/log.hpp"
#include "cli/aws_options.hpp"
#include "cli/command.hpp"
#include "sources/evidence/evidence_sink.hpp"
#include "sources/live/live_scan.hpp"

namespace trailguard::cli {
namespace {

struct CollectOptions {
  std::string out;
  AwsOptions aws;
  bool inventory = false;
};

ExitCode run_collect(const CollectOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  auto session = open_aws_session(options.aws);
  if (!session) {
    log_error(session.error().describe());
    return ExitCode::usage;
  }
  sources::evidence::DirectorySink sink(options.out);
  auto live = live_scan_options(*session, options.aws, options.inventory);
  live.sink = &sink;
  const auto account = sources::live::scan_account(*session->client, live);
  if (options.aws.stats)
    print_stats(*session->stats, std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  for (const auto& error : sink.errors()) log_error(error);
  if (!sink.errors().empty()) return ExitCode::usage;
  log_info(fmt::format("evidence of account {} written to {}", account.account_id, options.out));
  // Failed reads are saved as .error files: the evidence is complete as evidence, but the audit of it won't be.
  return account.read_errors.empty() && std::all_of(account.trails.begin(), account.trails.end(), [](const model::Trail& t) {
           return t.is_multi_region.is(false) || (t.status.was_read() && t.selectors.was_read());
         })
             ? ExitCode::pass
             : ExitCode::incomplete;
}

}  // namespace

Command collect_command() {
  return {"collect", "Save a live account's CloudTrail configuration as an evidence directory (for scan --evidence)",
          [](CLI::App& sub) -> Runner {
            auto options = std::make_shared<CollectOptions>();
            sub.add_option("--out", options->out, "Directory to write (created if needed)")->required()->type_name("DIR");
            add_aws_options(sub, options->aws);
            sub.add_flag("--inventory", options->inventory, "Also save every enabled region's trail listing");
            return [options] { return run_collect(*options); };
          }};
}

}  // namespace trailguard::cli
