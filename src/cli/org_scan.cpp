#include "cli/org_scan.hpp"
#include "model/regions.hpp"

#include <map>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "base/file.hpp"
#include "base/log.hpp"
#include "cli/org_clients.hpp"
#include "cli/stop_signals.hpp"
#include "control/evaluator.hpp"
#include "report/ndjson_writer.hpp"
#include "sources/org/org_scan.hpp"

namespace trailguard::cli {
namespace {

namespace org = sources::org;
using Clock = std::chrono::steady_clock;

// "accounts 12/40, ETA 31 s" on a terminal's stderr, rewritten in place; nothing when stderr is not a TTY.
class Progress {
 public:
  Progress() : enabled_(isatty(STDERR_FILENO) == 1), started_(Clock::now()) {}
  void update(const org::OrgProgress& p) {
    if (!enabled_ || p.total == 0) return;
    const double elapsed = std::chrono::duration<double>(Clock::now() - started_).count();
    const double eta = p.done == 0 ? 0 : elapsed / static_cast<double>(p.done) * static_cast<double>(p.total - p.done);
    std::cerr << fmt::format("\r\033[Kaccounts {}/{}, ETA {:.0f} s", p.done, p.total, eta) << std::flush;
    shown_ = true;
  }
  void clear() {
    if (shown_) std::cerr << "\r\033[K" << std::flush;
    shown_ = false;
  }

 private:
  bool enabled_;
  bool shown_ = false;
  Clock::time_point started_;
};

Result<std::vector<std::string>> account_ids_from(const std::string& argument) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(argument, ec)) {
    auto text = read_file(argument);
    if (!text) return text.error();
    return org::parse_account_ids(*text, argument);
  }
  return org::parse_account_ids(argument, "--accounts");
}

void warn_about(const model::Account& account) {
  for (const auto& e : account.read_errors)
    log_warning("account " + account.account_id + ": " + e.api + (e.region.empty() ? "" : " in " + e.region) + " failed (" + e.code +
                "): " + e.message);
}

}  // namespace

void add_org_options(CLI::App& command, OrgOptions& options) {
  command.add_flag("--org", options.enabled,
                   "Every account of the organization (Organizations ListAccounts; members through --role-name)");
  command.add_option("--accounts", options.accounts, "With --org: only these accounts (a FILE of ids, or ID,ID,...)")
      ->type_name("FILE|ID,...");
  command.add_option("--exclude-accounts", options.exclude, "With --org: leave these accounts out")->delimiter(',')->type_name("ID");
  command.add_option("--role-name", options.role_name, "With --org: the role assumed in each member account")->capture_default_str();
  command.add_option("--external-id", options.external_id, "With --org: the ExternalId the member roles require");
  command.add_option("--max-concurrency", options.max_concurrency, "With --org: accounts read (or changed) at once")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
}

std::string org_options_problem(const OrgOptions& options) {
  if (options.enabled) return "";
  const OrgOptions defaults;
  if (!options.accounts.empty() || !options.exclude.empty() || options.role_name != defaults.role_name ||
      !options.external_id.empty() || options.max_concurrency != defaults.max_concurrency)
    return "--accounts, --exclude-accounts, --role-name, --external-id and --max-concurrency need --org";
  return "";
}

std::optional<PreparedOrgScan> prepare_org_scan(const OrgOptions& options, const AwsOptions& aws_options, bool inventory) {
  org::OrgScanOptions scan;
  if (!options.accounts.empty()) {
    auto ids = account_ids_from(options.accounts);
    if (!ids) {
      log_error(ids.error().describe());
      return std::nullopt;
    }
    scan.selection.only = std::move(*ids);
    if (scan.selection.only.empty()) {
      log_error("--accounts " + options.accounts + " names no account");
      return std::nullopt;
    }
  }
  std::string excluded;
  for (const auto& id : options.exclude) excluded += id + ",";
  auto exclude = org::parse_account_ids(excluded, "--exclude-accounts");
  if (!exclude) {
    log_error(exclude.error().describe());
    return std::nullopt;
  }
  scan.selection.exclude = std::move(*exclude);

  auto session = open_aws_session(aws_options);
  if (!session) {
    log_error(session.error().describe());
    return std::nullopt;
  }
  log_info("credentials: " + session->credentials_description + "; home region " + session->home_region);
  scan.live = live_scan_options(*session, aws_options, inventory);
  scan.role.role_name = options.role_name;
  if (!options.external_id.empty()) scan.role.external_id = options.external_id;
  scan.role.sts_region = session->home_region;
  scan.max_concurrency = static_cast<std::size_t>(options.max_concurrency);
  scan.stop = &stop_requested();
  auto member_clients = make_member_clients(*session);
  return PreparedOrgScan{std::move(*session), std::move(member_clients), std::move(scan)};
}

Result<org::OrgScanResult> run_org_scan(const PreparedOrgScan& prepared, const org::AccountReady& ready) {
  Progress progress;
  StopSignals signals;
  auto result = org::scan_organization(prepared.session.client, prepared.member_clients, prepared.scan,
                                       [&](model::Account account, const org::OrgProgress& p) {
                                         progress.clear();
                                         warn_about(account);
                                         ready(std::move(account), p);
                                         progress.update(p);
                                       });
  progress.clear();
  return result;
}

std::shared_ptr<aws::AwsClient> account_client(const PreparedOrgScan& prepared, const std::string& caller_account,
                                               const std::string& account_id, const std::string& partition) {
  if (account_id == caller_account) return prepared.session.client;
  const auto role = org::member_role_arn(partition, account_id, prepared.scan.role.role_name);
  return prepared.member_clients(account_id, org::member_role_provider(prepared.session.client, role, prepared.scan.role));
}

ExitCode scan_organization(const OrgOptions& options, const AwsOptions& aws_options, const ReportOptions& report_options,
                           ReportOutputs& outputs, bool inventory, const SecurityHubOptions& security_hub,
                           DeliveryProver* delivery) {
  const auto started = Clock::now();
  auto prepared = prepare_org_scan(options, aws_options, inventory);
  if (!prepared) return ExitCode::usage;
  const auto evaluation_options = evaluation_options_of(report_options);
  if (delivery != nullptr)
    prepared->scan.after_read = [&](model::Account& account, aws::AwsClient& client, const std::string& organization_id) {
      delivery->prove(account, client, organization_id, evaluation_options);
    };

  // -o ndjson streams each account as it finishes (a run cut short keeps what it read); other formats, and
  // ndjson's summary line, are written at the end.
  std::ostream* stream = outputs.ndjson();

  auto report = new_report();  // stamped when the scan starts
  auto result = run_org_scan(*prepared, [&](model::Account account, const org::OrgProgress&) {
    report.accounts.push_back(control::evaluate(account, evaluation_options));
    if (stream != nullptr) report::write_ndjson_account(report.accounts.back(), *stream);
  });
  if (!result) {
    log_error("the organization could not be scanned: " + result.error().describe());
    return ExitCode::usage;
  }

  report.source = "live organization (management account " + result->management_account_id +
                  (result->caller_account_id == result->management_account_id
                       ? ")"
                       : ", read from delegated administrator account " + result->caller_account_id + ")");
  report.problems = result->problems;
  const bool complete = report.accounts.size() >= result->planned;
  if (!complete)
    report.problems.push_back(fmt::format("interrupted: {} of {} account(s) were not scanned", result->planned - report.accounts.size(),
                                          result->planned));
  for (const auto& problem : report.problems) log_warning(problem);

  if (!outputs.write(report, {stream != nullptr, {complete, result->planned}, true})) return ExitCode::usage;
  bool import_failed = false;
  if (security_hub.send) {
    // Each account's findings through that account's own client, as Security Hub demands.
    std::map<std::string, std::string> partitions;
    for (const auto& evaluation : report.accounts)
      if (!evaluation.findings.empty())
        partitions[evaluation.verdict.account_id] = std::string(model::partition_of_region(evaluation.findings.front().region));
    auto hub = security_hub;
    hub.max_concurrency = options.max_concurrency;
    const auto imported = import_to_security_hub(
        report,
        [&](const std::string& id) { return account_client(*prepared, result->caller_account_id, id, partitions[id]); }, hub);
    import_failed = imported.failed > 0;
  }
  if (aws_options.stats) {
    const auto wall = std::chrono::duration<double>(Clock::now() - started).count();
    print_stats(*prepared->session.stats, wall);
    if (delivery != nullptr) delivery->print_logs_stats(wall);
  }
  auto code = exit_code_for(report);
  if (!complete && code == ExitCode::pass) code = ExitCode::incomplete;
  if (import_failed) code = ExitCode::incomplete;
  return code;
}

}  // namespace trailguard::cli
