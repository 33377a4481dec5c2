// scan --prove-delivery, --delivery-window, --logs-profile: the flags, and the step that gathers each account's
// model::DeliveryProof after its ordinary read (sources/live/delivery_scan) for the trails that pass on
// configuration. Without --prove-delivery nothing here runs and no call is made.
// Thread-safety: DeliveryProver::prove may run for several accounts at once (scan --org).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "aws/aws_client.hpp"
#include "base/result.hpp"
#include "cli/aws_options.hpp"
#include "control/options.hpp"
#include "model/account.hpp"
#include "sources/live/delivery_scan.hpp"

namespace trailguard::cli {

struct DeliveryOptions {
  bool prove = false;          // --prove-delivery
  std::string window = "24h";  // --delivery-window DURATION
  std::string logs_profile;    // --logs-profile PROFILE: the bucket is listed with this profile's credentials
};

void add_delivery_options(CLI::App& command, DeliveryOptions& options);

// A usage problem of the flags (a window that is not a duration, --delivery-window or --logs-profile without
// --prove-delivery, --prove-delivery with --evidence), or "".
std::string delivery_options_problem(const DeliveryOptions& options, bool evidence);

// "24h", "6h", "2d", "90m": seconds, more than 0. Errors name `flag`.
Result<std::int64_t> parse_duration(const std::string& text, const std::string& flag);

class DeliveryProver {
 public:
  // Opens --logs-profile's session (same endpoints, retries and timeouts as `aws`) when given.
  static Result<std::unique_ptr<DeliveryProver>> open(const DeliveryOptions& options, const AwsOptions& aws, std::size_t concurrency);

  // Sets account.delivery: the digest files of every trail that passes in some region of the account, for those
  // regions, listed with --logs-profile's client, else `account_client` (the one that read the account).
  void prove(model::Account& account, aws::AwsClient& account_client, const std::string& organization_id,
             const control::EvaluationOptions& evaluation);

  // --stats: the calls made with --logs-profile's credentials, which the scan's own table does not count.
  void print_logs_stats(double wall_seconds) const;

 private:
  DeliveryProver(sources::live::DeliveryScanOptions scan, std::optional<AwsSession> logs)
      : scanner_(scan), logs_(std::move(logs)) {}
  sources::live::DeliveryScanner scanner_;
  std::optional<AwsSession> logs_;
};

}  // namespace trailguard::cli
