#include "cli/org_clients.hpp"

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <optional>

namespace trailguard::cli {
namespace {

// This mirrors open_aws_session's configuration (cli/aws_options.cpp, as of 8ad1c7a), which does not hand
// out its ClientConfig and transport; keep the two in step until AwsSession exposes them, then use those.
std::optional<std::string> env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

aws::EndpointConfig endpoints_from(const AwsOptions& options) {
  aws::EndpointConfig config;
  if (!options.endpoint_url.empty()) {
    config.endpoint_url = options.endpoint_url;
    return config;
  }
  config.default_endpoint_url = env("AWS_ENDPOINT_URL");  // the per-service variables beat it
  for (const char* service : {"cloudtrail", "sts", "ec2", "organizations", "account", "s3", "kms"}) {
    std::string name = "AWS_ENDPOINT_URL_";
    for (const char* c = service; *c != '\0'; ++c) name += static_cast<char>(std::toupper(static_cast<unsigned char>(*c)));
    if (auto url = env(name.c_str())) config.service_endpoint_urls[service] = *url;
  }
  return config;
}

std::chrono::milliseconds millis(double seconds) { return std::chrono::milliseconds(static_cast<long long>(seconds * 1000.0)); }

}  // namespace

Result<sources::org::MemberClientFactory> make_member_clients(const AwsOptions& options, std::shared_ptr<aws::CallStats> stats) {
  aws::ClientConfig config;
  config.endpoints = endpoints_from(options);
  config.user_agent = std::string("trailguard/") + TRAILGUARD_VERSION;
  config.retry.max_attempts = options.max_attempts > 0 ? options.max_attempts : 3;
  if (options.max_attempts <= 0)
    if (auto text = env("AWS_MAX_ATTEMPTS")) {
      // open_aws_session already refused a bad value; this only repeats its choice.
      const int value = std::atoi(text->c_str());
      if (value >= 1) config.retry.max_attempts = value;
    }
  aws::TransportOptions transport_options;
  transport_options.connect_timeout = millis(options.connect_timeout_seconds);
  transport_options.read_timeout = millis(options.read_timeout_seconds);
  if (auto bundle = env("AWS_CA_BUNDLE")) transport_options.ca_bundle = *bundle;
  auto transport = aws::make_curl_transport(transport_options);
  return sources::org::MemberClientFactory(
      [config, transport, stats](const std::string&, std::shared_ptr<aws::CredentialsProvider> credentials) {
        return aws::make_aws_client(config, std::move(credentials), transport, stats);
      });
}

}  // namespace trailguard::cli
