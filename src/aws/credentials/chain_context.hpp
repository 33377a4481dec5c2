// What every provider of the chain reads while the chain is resolved: the options, the environment,
// the shared files, the STS region, the clock, and a list of the places looked at for the final
// "no credentials" message. Internal to src/aws/credentials.
// Thread-safety: used by one resolution on one thread; what providers keep after resolution
// (transports, clients, copies of the environment lookup and clock) is thread-safe.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "aws/credentials/resolve_credentials.hpp"
#include "aws/credentials/shared_config.hpp"

namespace trailguard::aws {

// A provider that applies, nullptr when this source has nothing for the profile (the chain goes on),
// or an error that stops the chain.
using Found = Result<std::shared_ptr<CredentialsProvider>>;

struct ChainContext {
  ChainContext(const CredentialsOptions& options_, EnvLookup env_, SharedConfig config_)
      : options(options_), env(std::move(env_)), config(std::move(config_)) {}

  const CredentialsOptions& options;
  EnvLookup env;
  SharedConfig config;
  std::string profile;        // the profile the chain was asked for
  bool explicit_profile = false;
  std::string region;         // where STS is called
  Clock clock;
  std::vector<std::string> looked;  // "where: why nothing was found", in chain order

  std::shared_ptr<HttpTransport> sts_transport();
  std::shared_ptr<AwsClient> sts_client(std::shared_ptr<CredentialsProvider> signer);
  std::shared_ptr<HttpTransport> metadata_transport(std::chrono::milliseconds timeout);

 private:
  std::shared_ptr<HttpTransport> sts_transport_;
};

}  // namespace trailguard::aws
