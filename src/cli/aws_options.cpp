#include "cli/aws_options.hpp"

#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <iostream>

#include <fmt/format.h>

#include "aws/credentials/resolve_credentials.hpp"

namespace trailguard::cli {
namespace {

std::optional<std::string> env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

// AWS_ENDPOINT_URL_<SERVICE> for the services trailguard calls, as the AWS CLI names them.
aws::EndpointConfig endpoints_from(const AwsOptions& options) {
  aws::EndpointConfig config;
  if (!options.endpoint_url.empty()) {
    config.endpoint_url = options.endpoint_url;
    return config;  // an explicit --endpoint-url is for every service of the command
  }
  config.default_endpoint_url = env("AWS_ENDPOINT_URL");  // the per-service variables beat it
  for (const char* service : {"cloudtrail", "sts", "ec2", "organizations", "account", "s3", "kms"}) {
    std::string name = "AWS_ENDPOINT_URL_";
    for (const char* c = service; *c != '\0'; ++c) name += static_cast<char>(std::toupper(static_cast<unsigned char>(*c)));
    if (auto url = env(name.c_str())) config.service_endpoint_urls[service] = *url;
  }
  return config;
}

Result<int> max_attempts_from(const AwsOptions& options) {
  if (options.max_attempts > 0) return options.max_attempts;
  if (auto text = env("AWS_MAX_ATTEMPTS")) {
    try {
      const int value = std::stoi(*text);
      if (value >= 1) return value;
    } catch (const std::exception&) {
    }
    return make_error(ErrorKind::invalid_argument, "AWS_MAX_ATTEMPTS", "should be a whole number of at least 1, is '" + *text + "'");
  }
  return 3;
}

// --max-rate: a finite number of requests per second, above 0 and at most kMaxRequestRate (far above what
// the APIs trailguard calls allow: more would mean "no limit", which the flag is not for).
constexpr double kMaxRequestRate = 10000;
const CLI::Validator kRequestRate(
    [](std::string& text) -> std::string {
      try {
        std::size_t used = 0;
        const double value = std::stod(text, &used);
        if (used == text.size() && std::isfinite(value) && value > 0 && value <= kMaxRequestRate) return {};
      } catch (const std::exception&) {
      }
      return "should be requests per second, a number above 0 and at most " + fmt::format("{:g}", kMaxRequestRate) +
             " (such as 2 or 0.5), is '" + text + "'";
    },
    "", "requests per second");

std::chrono::milliseconds millis(double seconds) {
  return std::chrono::milliseconds(static_cast<long long>(seconds * 1000.0));
}

}  // namespace

void add_aws_options(CLI::App& command, AwsOptions& options) {
  command.add_option("--profile", options.profile, "AWS CLI profile to use (else AWS_PROFILE, else default)");
  command.add_option("--region", options.regions, "Judge only these regions (repeatable or comma-separated)")
      ->delimiter(',')
      ->type_name("REGION");
  command.add_option("--endpoint-url", options.endpoint_url,
                     "Send every AWS call to this URL (for emulators; else AWS_ENDPOINT_URL[_<SERVICE>])");
  command.add_option("--max-attempts", options.max_attempts,
                     "Attempts per call, retries included (else AWS_MAX_ATTEMPTS, else 3); throttled answers count "
                     "apart, see --max-throttled-attempts")
      ->check(CLI::Range(1, 20));
  command.add_option("--max-throttled-attempts", options.max_throttled_attempts,
                     "Throttled answers a call takes before it fails; each slows that API down and is retried")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  command.add_option("--max-rate", options.max_rate,
                     "Requests per second to each API, per region and account, instead of AWS's published rates "
                     "(throttled APIs are slowed down from there)")
      ->check(kRequestRate)
      ->type_name("N");
  command.add_option("--connect-timeout", options.connect_timeout_seconds, "Seconds to wait for a connection")
      ->check(CLI::Range(0.1, 300.0))
      ->capture_default_str();
  command.add_option("--read-timeout", options.read_timeout_seconds, "Seconds to wait for data from an open connection")
      ->check(CLI::Range(0.1, 600.0))
      ->capture_default_str();
  command.add_flag("--stats", options.stats, "Print the API calls made per operation and the wall time on stderr");
}

Result<AwsSession> open_aws_session(const AwsOptions& options) {
  auto attempts = max_attempts_from(options);
  if (!attempts) return attempts.error();

  aws::ClientConfig client_config;
  client_config.endpoints = endpoints_from(options);
  client_config.retry.max_attempts = *attempts;
  client_config.retry.max_throttled_attempts = options.max_throttled_attempts;
  if (options.max_rate > 0) client_config.rate_limit.max_rate = options.max_rate;
  client_config.user_agent = std::string("trailguard/") + TRAILGUARD_VERSION;

  aws::TransportOptions transport_options;
  transport_options.connect_timeout = millis(options.connect_timeout_seconds);
  transport_options.read_timeout = millis(options.read_timeout_seconds);
  if (auto bundle = env("AWS_CA_BUNDLE")) transport_options.ca_bundle = *bundle;
  auto transport = aws::make_curl_transport(transport_options);
  auto stats = std::make_shared<aws::CallStats>();

  aws::CredentialsOptions credentials_options;
  if (!options.profile.empty()) credentials_options.profile = options.profile;
  if (!options.regions.empty()) credentials_options.region = options.regions.front();
  // Unlike the AWS CLI, --endpoint-url also takes role assumption: it exists for emulators, which serve
  // STS too, and a scan pointed at an emulator must never reach a real endpoint.
  credentials_options.sts_config = client_config;
  credentials_options.sts_transport = transport;
  credentials_options.stats = stats;

  auto region = aws::resolve_region(credentials_options);
  if (!region) return region.error();
  auto credentials = aws::resolve_credentials(credentials_options);
  if (!credentials) return credentials.error();

  AwsSession session;
  session.credentials_description = (*credentials)->description();
  session.client = aws::make_aws_client(client_config, *credentials, transport, stats);
  session.config = client_config;
  session.transport = transport;
  session.stats = stats;
  session.home_region = *region;
  return session;
}

sources::live::LiveScanOptions live_scan_options(const AwsSession& session, const AwsOptions& options, bool inventory) {
  sources::live::LiveScanOptions live;
  live.home_region = session.home_region;
  live.only_regions = options.regions;
  live.inventory = inventory ? sources::live::Inventory::every_region : sources::live::Inventory::off;
  return live;
}

void print_stats(const aws::CallStats& stats, double wall_seconds) {
  aws::OperationStats total;
  std::cerr << "API calls:\n";
  const auto line = [](const std::string& name, const aws::OperationStats& s) {
    return fmt::format("  {:<36} {:>5} call(s) {:>5} attempt(s) {:>4} failed {:>4} throttled {:>4} waited\n", name, s.calls,
                       s.attempts, s.failures, s.throttled, s.waited);
  };
  for (const auto& [operation, s] : stats.snapshot()) {
    std::cerr << line(operation, s);
    total.calls += s.calls;
    total.attempts += s.attempts;
    total.failures += s.failures;
    total.throttled += s.throttled;
    total.waited += s.waited;
    total.limiter_wait += s.limiter_wait;
  }
  std::cerr << line("total", total)
            << fmt::format("throttled answers: {}; calls that waited for the rate limiter: {} ({:.3f} s, summed over the calls)\n"
                           "wall time: {:.3f} s\n",
                           total.throttled, total.waited,
                           std::chrono::duration<double>(total.limiter_wait).count(), wall_seconds);
}

}  // namespace trailguard::cli
