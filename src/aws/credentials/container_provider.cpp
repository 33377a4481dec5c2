// Container credentials (botocore's ContainerProvider): ECS task roles through
// AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (always http://169.254.170.2), EKS Pod Identity and others
// through AWS_CONTAINER_CREDENTIALS_FULL_URI, which must be https or a loopback / known link-local host
// so a stray variable cannot send the authorization token anywhere else.
#include <arpa/inet.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <thread>

#include "aws/credentials/credentials_json.hpp"
#include "aws/credentials/providers.hpp"
#include "aws/url.hpp"
#include "base/file.hpp"

namespace trailguard::aws {
namespace {

constexpr std::chrono::milliseconds kTimeout{2000};
constexpr int kAttempts = 3;

bool is_loopback(const std::string& host) {
  in_addr v4{};
  if (::inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  if (::inet_pton(AF_INET6, host.c_str(), &v6) == 1) return std::memcmp(&v6, &in6addr_loopback, sizeof v6) == 0;
  return false;
}

Status check_full_uri(const std::string& url) {
  const std::string where = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
  auto parts = split_url(url);
  if (!parts) return make_error(ErrorKind::invalid_argument, where, "not a URL: " + parts.error().message, "InvalidConfig");
  if (parts->scheme == "https") return ok_status();
  std::string host = parts->host;
  if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  static const char* const kAllowed[] = {"169.254.170.2", "169.254.170.23", "fd00:ec2::23", "localhost"};
  if (is_loopback(host) || std::find(std::begin(kAllowed), std::end(kAllowed), host) != std::end(kAllowed)) {
    return ok_status();
  }
  return make_error(ErrorKind::invalid_argument, where,
                    "host '" + host + "' is not allowed over http: use https, a loopback address, or one of "
                    "169.254.170.2, 169.254.170.23, fd00:ec2::23, localhost (as the AWS CLI requires)",
                    "InvalidConfig");
}

struct ContainerSource {
  std::string url;
  std::optional<std::string> token;       // AWS_CONTAINER_AUTHORIZATION_TOKEN (secret)
  std::optional<std::string> token_file;  // AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE, read at every fetch
  std::shared_ptr<HttpTransport> transport;
  std::chrono::milliseconds retry_delay;
  std::string where;
};

Result<TemporaryCredentials> fetch_once(const ContainerSource& source) {
  HttpRequest request{"GET", source.url, {{"Accept", "application/json"}}, ""};
  std::optional<std::string> token = source.token;
  if (source.token_file) {
    auto text = read_file(*source.token_file);
    if (!text) {
      return make_error(ErrorKind::not_found, source.where,
                        "cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: " + text.error().describe());
    }
    token = std::move(text.value());
  }
  if (token) {
    if (token->find_first_of("\r\n") != std::string::npos) {
      return make_error(ErrorKind::invalid_argument, source.where,
                        "the container authorization token contains a line break, which cannot go in a header "
                        "(the AWS CLI refuses it too)",
                        "InvalidConfig");
    }
    request.add_header("Authorization", *token);
  }
  auto response = source.transport->send(request);
  if (!response) return make_error(response.error().kind, source.where, response.error().message);
  if (response->status != 200) {
    return make_error(response->status == 401 || response->status == 403 ? ErrorKind::access_denied : ErrorKind::service,
                      source.where, "answered HTTP " + std::to_string(response->status));
  }
  return parse_credentials_json(response->body, metadata_json_format(), source.where);
}

Result<TemporaryCredentials> fetch(const ContainerSource& source) {
  for (int attempt = 1;; ++attempt) {
    auto found = fetch_once(source);
    if (found || attempt >= kAttempts || found.error().kind == ErrorKind::invalid_argument) return found;
    std::this_thread::sleep_for(source.retry_delay);
  }
}

}  // namespace

Found find_container_credentials(ChainContext& context) {
  const auto relative = context.env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
  const auto full = context.env("AWS_CONTAINER_CREDENTIALS_FULL_URI");
  if (!relative && !full) {
    context.looked.push_back(
        "container credentials: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI are not set");
    return std::shared_ptr<CredentialsProvider>{};
  }
  ContainerSource source;
  if (relative) {
    source.url = "http://" + context.options.container_host + *relative;
  } else {
    source.url = *full;
    if (auto allowed = check_full_uri(source.url); !allowed) return allowed.error();
  }
  source.token = context.env("AWS_CONTAINER_AUTHORIZATION_TOKEN");
  source.token_file = context.env("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
  source.transport = context.metadata_transport(kTimeout);
  source.retry_delay = context.options.container_retry_delay;
  source.where = "container credentials " + source.url;

  // Asked now, as botocore does: a container that is configured but does not answer stops the chain.
  auto first = fetch(source);
  if (!first) return first.error();
  if (auto fresh = check_not_expired(*first, context.clock(), source.where); !fresh) return fresh.error();
  auto provider = std::make_shared<RefreshingProvider>(
      source.where, [source] { return fetch(source); }, context.options.refresh, context.clock);
  provider->prime(std::move(first.value()));
  return std::shared_ptr<CredentialsProvider>(provider);
}

}  // namespace trailguard::aws
