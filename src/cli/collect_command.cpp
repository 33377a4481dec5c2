// `trailguard collect --out DIR`: save a live account's answers as an evidence directory, so that
// `scan --evidence DIR` later (or elsewhere) judges exactly what a live scan would. With --org: one
// directory per account, plus the organization's list-accounts.json and describe-organization.json.
#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>

#include <fmt/format.h>

#include "base/log.hpp"
#include "cli/aws_options.hpp"
#include "cli/command.hpp"
#include "cli/org_scan.hpp"
#include "sources/evidence/evidence_sink.hpp"
#include "sources/live/live_scan.hpp"

namespace trailguard::cli {
namespace {

struct CollectOptions {
  std::string out;
  AwsOptions aws;
  OrgOptions org;
  bool inventory = false;
};

// Failed reads are saved as .error files: the evidence is complete as evidence, but the audit of it won't be.
bool fully_read(const model::Account& account) {
  return account.not_audited.empty() && account.read_errors.empty() &&
         std::all_of(account.trails.begin(), account.trails.end(), [](const model::Trail& t) {
           return t.is_multi_region.is(false) || (t.status.was_read() && t.selectors.was_read());
         });
}

// One DirectorySink per account, made when the account's first answer arrives (from worker threads).
class AccountDirectories {
 public:
  explicit AccountDirectories(std::filesystem::path root) : root_(std::move(root)) {}
  sources::evidence::EvidenceSink* sink_for(const std::string& account_id) {
    std::lock_guard lock(mutex_);
    auto& sink = sinks_[account_id];
    if (!sink) sink = std::make_unique<sources::evidence::DirectorySink>(root_ / account_id);
    return sink.get();
  }
  std::vector<std::string> errors() const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> all;
    for (const auto& [id, sink] : sinks_)
      for (const auto& e : sink->errors()) all.push_back(e);
    return all;
  }

 private:
  std::filesystem::path root_;
  mutable std::mutex mutex_;
  std::map<std::string, std::unique_ptr<sources::evidence::DirectorySink>> sinks_;
};

ExitCode run_collect_org(const CollectOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  auto prepared = prepare_org_scan(options.org, options.aws, options.inventory);
  if (!prepared) return ExitCode::usage;
  sources::evidence::DirectorySink organization(options.out);
  AccountDirectories accounts(options.out);
  prepared->scan.organization_sink = &organization;
  prepared->scan.account_sink = [&](const std::string& id) { return accounts.sink_for(id); };
  std::size_t collected = 0, incomplete = 0;
  auto result = run_org_scan(*prepared, [&](model::Account account, const sources::org::OrgProgress&) {
    ++collected;
    if (!fully_read(account)) ++incomplete;
  });
  if (options.aws.stats)
    print_stats(*prepared->session.stats, std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  if (!result) {
    log_error("the organization could not be collected: " + result.error().describe());
    return ExitCode::usage;
  }
  auto errors = organization.errors();
  for (const auto& e : accounts.errors()) errors.push_back(e);
  for (const auto& error : errors) log_error(error);
  if (!errors.empty()) return ExitCode::usage;
  for (const auto& problem : result->problems) log_warning(problem);
  log_info(fmt::format("evidence of {} account(s) of the organization written to {}", collected, options.out));
  if (collected < result->planned) {
    log_warning(fmt::format("interrupted: {} of {} account(s) were not collected", result->planned - collected, result->planned));
    return ExitCode::incomplete;
  }
  return incomplete == 0 ? ExitCode::pass : ExitCode::incomplete;
}

ExitCode run_collect(const CollectOptions& options) {
  if (options.org.enabled) return run_collect_org(options);
  if (auto problem = org_options_problem(options.org); !problem.empty()) {
    log_error(problem);
    return ExitCode::usage;
  }
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
  return fully_read(account) ? ExitCode::pass : ExitCode::incomplete;
}

}  // namespace

Command collect_command() {
  return {"collect", "Save a live account's (or with --org every account's) CloudTrail configuration as evidence (for scan --evidence)",
          [](CLI::App& sub) -> Runner {
            auto options = std::make_shared<CollectOptions>();
            sub.add_option("--out", options->out, "Directory to write (created if needed)")->required()->type_name("DIR");
            add_aws_options(sub, options->aws);
            sub.add_flag("--inventory", options->inventory, "Also save every enabled region's trail listing");
            add_org_options(sub, options->org);
            return [options] { return run_collect(*options); };
          }};
}

}  // namespace trailguard::cli
