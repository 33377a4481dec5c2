#include "cli/delivery_options.hpp"

#include <chrono>
#include <charconv>
#include <iostream>
#include <map>

#include "base/log.hpp"
#include "control/evaluator.hpp"

namespace trailguard::cli {

void add_delivery_options(CLI::App& command, DeliveryOptions& options) {
  command.add_flag("--prove-delivery", options.prove,
                   "Also prove delivery: each passing trail's digest files in every region it covers must be in its bucket "
                   "within --delivery-window (S3 ListObjectsV2 per region and day; see docs/output.md)");
  command.add_option("--delivery-window", options.window,
                     "With --prove-delivery: how far back a digest file proves delivery (e.g. 6h, 24h, 2d)")
      ->type_name("DURATION")
      ->capture_default_str();
  command.add_option("--logs-profile", options.logs_profile,
                     "With --prove-delivery: list the log buckets with this AWS CLI profile (e.g. a central log-archive "
                     "account's) instead of the scanned account's credentials")
      ->type_name("PROFILE");
}

Result<std::int64_t> parse_duration(const std::string& text, const std::string& flag) {
  if (text.size() >= 2) {
    std::int64_t amount = 0;
    const auto unit = text.back();
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size() - 1, amount);
    const std::int64_t scale = unit == 'm' ? 60 : unit == 'h' ? 3600 : unit == 'd' ? 86400 : 0;
    // 10 years at most: beyond that the day folders listed would be a mistake, not a window.
    if (error == std::errc() && end == text.data() + text.size() - 1 && scale > 0 && amount > 0 && amount <= 3650 * 86400 / scale)
      return amount * scale;
  }
  return Error{ErrorKind::invalid_argument, flag + " \"" + text + "\" is not a duration: give e.g. 90m, 6h, 24h or 2d", "", "usage"};
}

std::string delivery_options_problem(const DeliveryOptions& options, bool evidence) {
  if (!options.prove) {
    if (options.window != DeliveryOptions{}.window || !options.logs_profile.empty())
      return "--delivery-window and --logs-profile need --prove-delivery";
    return "";
  }
  if (evidence) return "--prove-delivery lists the trails' buckets in AWS: it does not apply to --evidence";
  if (auto window = parse_duration(options.window, "--delivery-window"); !window) return window.error().message;
  return "";
}

Result<std::unique_ptr<DeliveryProver>> DeliveryProver::open(const DeliveryOptions& options, const AwsOptions& aws,
                                                             std::size_t concurrency) {
  auto window = parse_duration(options.window, "--delivery-window");
  if (!window) return window.error();
  sources::live::DeliveryScanOptions scan;
  scan.now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  scan.window_seconds = *window;
  scan.concurrency = concurrency;
  std::optional<AwsSession> logs;
  if (!options.logs_profile.empty()) {
    auto logs_aws = aws;
    logs_aws.profile = options.logs_profile;
    auto session = open_aws_session(logs_aws);
    if (!session) {
      auto error = session.error();
      error.message = "--logs-profile " + options.logs_profile + ": " + error.message;
      return error;
    }
    log_info("log buckets listed with: " + session->credentials_description);
    logs = std::move(*session);
  }
  return std::unique_ptr<DeliveryProver>(new DeliveryProver(scan, std::move(logs)));
}

void DeliveryProver::prove(model::Account& account, aws::AwsClient& account_client, const std::string& organization_id,
                           const control::EvaluationOptions& evaluation) {
  // Which trails pass where is the evaluator's to say: judged once without the proof, only those are listed.
  auto configuration = evaluation;
  configuration.prove_delivery = control::ProveDelivery::no;
  const auto judged = control::evaluate(account, configuration);
  std::map<std::string, std::vector<std::string>> regions_of;
  for (const auto& finding : judged.findings)
    if (finding.status == control::Status::pass)
      for (const auto& arn : finding.trails) regions_of[arn].push_back(finding.region);
  std::vector<sources::live::DeliveryRequest> requests;
  for (auto& [arn, regions] : regions_of) requests.push_back({arn, std::move(regions)});
  auto& client = logs_ ? *logs_->client : account_client;
  account.delivery = scanner_.scan(client, account, requests, organization_id);
}

void DeliveryProver::print_logs_stats(double wall_seconds) const {
  if (!logs_) return;
  std::cerr << "with --logs-profile (" << logs_->credentials_description << "):\n";
  print_stats(*logs_->stats, wall_seconds);
}

}  // namespace trailguard::cli
