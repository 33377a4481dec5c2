// resolve_credentials: the AWS CLI's credentials chain (botocore's create_credential_resolver) — which
// source of credentials applies to a profile, in the CLI's order — and the options it reads.
// docs/credentials.md lists the order, each provider, and what is not supported.
//
// Resolution reads the environment and both shared files, validates the profile's settings, runs
// credential_process and asks the container/instance metadata services when the chain reaches them
// (as the AWS CLI does), but calls STS only when credentials() is first called.
// Thread-safety: resolve_credentials may run on several threads with separate options; the provider
// it returns may be shared, and credentials() called from any thread (temporary credentials are
// cached and refreshed one refresh at a time).
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "aws/aws_client.hpp"
#include "aws/call_stats.hpp"
#include "aws/credentials/environment.hpp"
#include "aws/credentials/refreshing_provider.hpp"
#include "aws/credentials_provider.hpp"
#include "aws/http_transport.hpp"
#include "base/result.hpp"

namespace trailguard::aws {

// The client that calls STS AssumeRole, signing with `signer`'s credentials.
using StsClientFactory = std::function<std::shared_ptr<AwsClient>(std::shared_ptr<CredentialsProvider> signer)>;
using TransportFactory = std::function<std::shared_ptr<HttpTransport>(const TransportOptions& options)>;

struct CredentialsOptions {
  // --profile. A profile named here (not through AWS_PROFILE) makes the chain skip environment keys,
  // as the AWS CLI does; without it the profile is AWS_PROFILE, else AWS_DEFAULT_PROFILE, else "default".
  std::optional<std::string> profile;
  // --region; else AWS_REGION, AWS_DEFAULT_REGION, the profile's `region`, us-east-1. STS is called there.
  std::optional<std::string> region;
  // Environment lookup; empty: the process environment. Tests pass a map.
  EnvLookup env;
  // Empty: AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials; AWS_CONFIG_FILE, else ~/.aws/config.
  std::optional<std::filesystem::path> credentials_file;
  std::optional<std::filesystem::path> config_file;

  // STS. The endpoints are STS's: AWS_ENDPOINT_URL_STS in service_endpoint_urls["sts"] and
  // AWS_ENDPOINT_URL in default_endpoint_url, not the command's --endpoint-url (the AWS CLI does
  // not send its role assumption there either).
  ClientConfig sts_config;
  std::shared_ptr<HttpTransport> sts_transport;  // null: make_curl_transport({})
  std::shared_ptr<CallStats> stats;              // null: calls are not counted
  StsClientFactory make_sts_client;              // empty: make_aws_client(sts_config, signer, sts_transport, stats)

  // The container and instance metadata services are asked with their own short timeouts.
  TransportFactory make_metadata_transport;  // empty: make_curl_transport
  std::string container_host = "169.254.170.2";  // for AWS_CONTAINER_CREDENTIALS_RELATIVE_URI; tests: 127.0.0.1:port
  std::chrono::milliseconds container_retry_delay{1000};

  // credential_process: none by default (the AWS CLI waits as long as the program runs, which may be
  // a browser sign-in).
  std::optional<std::chrono::milliseconds> process_timeout;

  RefreshWindows refresh;
  Clock clock;  // empty: system_clock::now
};

// The profile the chain reads: options.profile, else AWS_PROFILE, else AWS_DEFAULT_PROFILE, else "default".
std::string resolve_profile_name(const CredentialsOptions& options);

// The region STS is called in: options.region, AWS_REGION, AWS_DEFAULT_REGION, the profile's
// `region`, else "us-east-1". Fails only when a shared file cannot be read.
Result<std::string> resolve_region(const CredentialsOptions& options);

// The first source of credentials that applies, or an error: invalid or unsupported settings (SSO,
// mfa_serial, a source_profile cycle, ...) name the profile; "no credentials" lists where it looked.
Result<std::shared_ptr<CredentialsProvider>> resolve_credentials(const CredentialsOptions& options);

}  // namespace trailguard::aws
