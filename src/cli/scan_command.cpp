// `trailguard scan`: read accounts (live API, a whole organization, or saved evidence), evaluate, write the report.
#include <chrono>

#include "base/log.hpp"
#include "cli/aws_options.hpp"
#include "cli/command.hpp"
#include "cli/delivery_options.hpp"
#include "cli/org_scan.hpp"
#include "cli/report_output.hpp"
#include "cli/security_hub_import.hpp"
#include "sources/evidence/evidence_source.hpp"
#include "sources/live/live_scan.hpp"

namespace trailguard::cli {
namespace {

struct ScanOptions {
  std::string evidence;
  ReportOptions report;
  AwsOptions aws;
  OrgOptions org;
  SecurityHubOptions security_hub;
  DeliveryOptions delivery;
  bool inventory = false;
};

// Flags that cannot go with --evidence, or "" when fine: asked before any report file is opened.
std::string evidence_options_problem(const ScanOptions& options) {
  if (options.org.enabled)
    return "--evidence reads saved files: --org does not apply (an evidence directory may hold one sub-directory per account)";
  if (!options.aws.regions.empty() || !options.aws.profile.empty() || !options.aws.endpoint_url.empty())
    return "--evidence reads saved files: --region, --profile and --endpoint-url do not apply";
  return "";
}

ExitCode scan_evidence(const ScanOptions& options, ReportOutputs& outputs) {
  auto evidence = sources::evidence::load_evidence(options.evidence);
  if (!evidence) {
    log_error(evidence.error().describe());
    return ExitCode::usage;
  }
  for (const auto& problem : evidence->problems) log_warning(problem);
  return evaluate_and_report(evidence->accounts, evidence->problems, "evidence " + options.evidence, options.report, outputs);
}

ExitCode scan_live(const ScanOptions& options, ReportOutputs& outputs, DeliveryProver* delivery) {
  const auto started = std::chrono::steady_clock::now();
  auto session = open_aws_session(options.aws);
  if (!session) {
    log_error(session.error().describe());
    return ExitCode::usage;
  }
  log_info("credentials: " + session->credentials_description + "; home region " + session->home_region);
  const auto live = live_scan_options(*session, options.aws, options.inventory);
  auto account = sources::live::scan_account(*session->client, live);
  for (const auto& error : account.read_errors)
    log_warning(error.api + (error.region.empty() ? "" : " in " + error.region) + " failed (" + error.code + "): " + error.message);
  if (delivery != nullptr) delivery->prove(account, *session->client, "", evaluation_options_of(options.report));
  auto report = evaluate_accounts({std::move(account)}, {}, "live", options.report);
  if (!outputs.write(report)) return ExitCode::usage;
  auto code = exit_code_for(report);
  if (options.security_hub.send &&
      import_to_security_hub(report, [&](const std::string&) { return session->client; }, options.security_hub).failed > 0)
    code = ExitCode::incomplete;
  if (options.aws.stats) {
    const auto wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    print_stats(*session->stats, wall);
    if (delivery != nullptr) delivery->print_logs_stats(wall);
  }
  return code;
}

}  // namespace

Command scan_command() {
  return {"scan", "Audit that CloudTrail is enabled in all regions (live, or from saved evidence)",
          [](CLI::App& sub) -> Runner {
            auto options = std::make_shared<ScanOptions>();
            sub.add_option("--evidence", options->evidence,
                           "Audit saved AWS CLI output in DIR (one account, or one sub-directory per account) "
                           "instead of calling AWS")
                ->type_name("DIR");
            add_aws_options(sub, options->aws);
            sub.add_flag("--inventory", options->inventory,
                         "Also list trails in every enabled region (names each region's single-region trails)");
            add_org_options(sub, options->org);
            add_report_options(sub, options->report);
            add_security_hub_options(sub, options->security_hub);
            add_delivery_options(sub, options->delivery);
            return [options] {
              if (const auto problem = org_options_problem(options->org); !problem.empty()) {
                log_error(problem);
                return ExitCode::usage;
              }
              if (const auto problem = security_hub_options_problem(options->security_hub, !options->evidence.empty());
                  !problem.empty()) {
                log_error(problem);
                return ExitCode::usage;
              }
              if (const auto problem = delivery_options_problem(options->delivery, !options->evidence.empty()); !problem.empty()) {
                log_error(problem);
                return ExitCode::usage;
              }
              if (!options->evidence.empty()) {
                if (const auto problem = evidence_options_problem(*options); !problem.empty()) {
                  log_error(problem);
                  return ExitCode::usage;
                }
              }
              // Every destination opened before anything is read: an unwritable one fails now, not after the scan.
              auto outputs = ReportOutputs::open(options->report);
              if (!outputs) return ExitCode::usage;
              if (!options->evidence.empty()) return scan_evidence(*options, *outputs);
              std::unique_ptr<DeliveryProver> delivery;
              if (options->delivery.prove) {
                auto opened = DeliveryProver::open(options->delivery, options->aws, 8);
                if (!opened) {
                  log_error(opened.error().describe());
                  return ExitCode::usage;
                }
                delivery = std::move(*opened);
                options->report.prove_delivery = true;
              }
              if (options->org.enabled) return scan_organization(options->org, options->aws, options->report, *outputs, options->inventory,
                                                                options->security_hub, delivery.get());
              return scan_live(*options, *outputs, delivery.get());
            };
          }};
}

}  // namespace trailguard::cli
