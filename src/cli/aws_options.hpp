// The AWS options every live command shares (--profile, --region, --endpoint-url, retries, rate, timeouts),
// read as the AWS CLI reads them (flags beat environment variables), and the client they make.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "aws/aws_client.hpp"
#include "base/result.hpp"
#include "sources/live/live_scan.hpp"

namespace trailguard::cli {

struct AwsOptions {
  std::string profile;
  std::vector<std::string> regions;  // --region, repeatable or comma-separated: judge only these
  std::string endpoint_url;
  int max_attempts = 0;              // 0: AWS_MAX_ATTEMPTS or the standard mode's 3
  int max_throttled_attempts = aws::RetryConfig{}.max_throttled_attempts;
  double max_rate = 0;               // requests/s per API, region and account; 0: AWS's published rates
  double connect_timeout_seconds = 5;
  double read_timeout_seconds = 15;
  bool stats = false;
};

void add_aws_options(CLI::App& command, AwsOptions& options);

// What a live command works with: a client, the call statistics, and where account-wide calls go.
struct AwsSession {
  std::shared_ptr<aws::AwsClient> client;
  aws::ClientConfig config;                      // endpoints, retries: for more clients in the same run
  std::shared_ptr<aws::HttpTransport> transport;  // shared, so connections are reused across clients
  std::shared_ptr<aws::CallStats> stats;
  std::string home_region;
  std::string credentials_description;
};

// Fails (usage-type error) when no credentials can be found or the options contradict each other.
Result<AwsSession> open_aws_session(const AwsOptions& options);

// What one account's live read needs from the session and the options, for scan, collect and --org alike.
sources::live::LiveScanOptions live_scan_options(const AwsSession& session, const AwsOptions& options, bool inventory);

// `--stats`: calls per operation (with throttled answers and waits for the rate limiter) and the wall time, on stderr.
void print_stats(const aws::CallStats& stats, double wall_seconds);

}  // namespace trailguard::cli
