// EC2 instance metadata credentials (botocore's InstanceMetadataProvider and InstanceMetadataFetcher):
// PUT /latest/api/token for an IMDSv2 session token, then GET the role name and the role's
// credentials with it. Where botocore falls back to IMDSv1 (no token: the token call timed out or
// answered 403/404/405) the GETs go without a token, unless AWS_EC2_METADATA_V1_DISABLED or
// ec2_metadata_v1_disabled forbids it, which is then an error. Timeouts are 1 s and one attempt by
// default (metadata_service_timeout / _num_attempts), so a machine without IMDS is passed quickly.
#include <algorithm>
#include <charconv>
#include <memory>
#include <random>

#include <nlohmann/json.hpp>

#include "aws/credentials/credentials_json.hpp"
#include "aws/credentials/providers.hpp"
#include "aws/credentials/timestamp.hpp"
#include "aws/url.hpp"
#include "base/log.hpp"

namespace trailguard::aws {
namespace {

constexpr const char* kTokenPath = "latest/api/token";
constexpr const char* kRolePath = "latest/meta-data/iam/security-credentials/";

struct ImdsSource {
  std::string base_url;  // ends with '/'
  int attempts = 1;
  bool v1_disabled = false;
  std::string user_agent;
  std::shared_ptr<HttpTransport> transport;
  std::chrono::seconds refresh_window{300};
  Clock clock;
};

// Credentials, or why there are none (botocore then goes on to the next provider).
struct ImdsAnswer {
  std::optional<TemporaryCredentials> credentials;
  std::string role;
  std::string why_none;
};

bool is_true(const std::optional<std::string>& value) {
  if (!value) return false;
  std::string lower = *value;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower == "true";
}

std::string strip_space(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  return text;
}

struct TokenOutcome {
  std::optional<std::string> token;  // secret
  bool bad_request = false;
  std::string note;
};

TokenOutcome fetch_token(const ImdsSource& source) {
  HttpRequest request{"PUT", source.base_url + kTokenPath, {}, ""};
  request.add_header("x-aws-ec2-metadata-token-ttl-seconds", "21600");
  request.add_header("User-Agent", source.user_agent);
  TokenOutcome outcome;
  for (int attempt = 0; attempt < source.attempts; ++attempt) {
    auto response = source.transport->send(request);
    if (!response) {
      outcome.note = response.error().message;
      if (response.error().kind == ErrorKind::timeout) return outcome;
      continue;
    }
    if (response->status == 200) {
      outcome.token = response->body;
      return outcome;
    }
    outcome.note = "token request answered HTTP " + std::to_string(response->status);
    if (response->status == 403 || response->status == 404 || response->status == 405) return outcome;
    if (response->status == 400) {
      outcome.bad_request = true;
      return outcome;
    }
  }
  return outcome;
}

// A GET retried, as botocore retries it, while the answer is not 200, is empty, or (for the
// credentials) is not JSON.
Result<std::string> get_with_retries(const ImdsSource& source, const std::string& path,
                                     const std::optional<std::string>& token, bool want_json) {
  HttpRequest request{"GET", source.base_url + path, {}, ""};
  if (token) request.add_header("x-aws-ec2-metadata-token", *token);
  request.add_header("User-Agent", source.user_agent);
  std::string last = "no attempt";
  for (int attempt = 0; attempt < source.attempts; ++attempt) {
    auto response = source.transport->send(request);
    if (!response) {
      last = response.error().message;
      continue;
    }
    if (response->status != 200) {
      last = "GET /" + path + " answered HTTP " + std::to_string(response->status);
      continue;
    }
    if (response->body.empty()) {
      last = "GET /" + path + " answered an empty body";
      continue;
    }
    if (want_json && !nlohmann::json::accept(response->body)) {
      last = "GET /" + path + " answered something that is not JSON";
      continue;
    }
    return std::move(response->body);
  }
  return make_error(ErrorKind::not_found, source.base_url, last);
}

// Static stability, as botocore: credentials that are (nearly) expired are used a few more minutes
// rather than failing every call while IMDS cannot give new ones.
void extend_if_expiring(TemporaryCredentials& credentials, const ImdsSource& source) {
  if (!credentials.expiration) return;
  static thread_local std::mt19937 random{std::random_device{}()};
  const auto jitter = std::chrono::seconds{std::uniform_int_distribution<int>(120, 600)(random)};
  const auto now = source.clock();
  if (now >= *credentials.expiration - (source.refresh_window + jitter)) {
    credentials.expiration = now + source.refresh_window + jitter;
    log_warning("the EC2 instance metadata service gave credentials that expire soon or have expired; using them "
                "until " + format_timestamp(*credentials.expiration) + " and trying again then");
  }
}

Result<ImdsAnswer> ask_imds(const ImdsSource& source) {
  ImdsAnswer answer;
  const TokenOutcome token = fetch_token(source);
  if (token.bad_request) {
    answer.why_none = "the token request was refused (HTTP 400)";
    return answer;
  }
  if (!token.token && source.v1_disabled) {
    return make_error(ErrorKind::access_denied, "EC2 instance metadata " + source.base_url,
                      "no IMDSv2 token (" + token.note +
                          ") and IMDSv1 is disabled (AWS_EC2_METADATA_V1_DISABLED / ec2_metadata_v1_disabled)",
                      "MetadataRetrievalError");
  }
  auto role = get_with_retries(source, kRolePath, token.token, false);
  if (!role) {
    answer.why_none = role.error().message;
    return answer;
  }
  answer.role = strip_space(std::move(role.value()));
  auto document = get_with_retries(source, kRolePath + answer.role, token.token, true);
  if (!document) {
    answer.why_none = document.error().message;
    return answer;
  }
  auto credentials = parse_credentials_json(*document, metadata_json_format(), "role " + answer.role);
  if (!credentials) {
    // IMDS answers 200 with {"Code": ..., "Message": ...} when the role cannot be used.
    answer.why_none = credentials.error().describe();
    return answer;
  }
  extend_if_expiring(credentials.value(), source);
  answer.credentials = std::move(credentials.value());
  return answer;
}

int positive_int(const std::optional<std::string>& text, int fallback) {
  if (!text) return fallback;
  int value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc{} || end != text->data() + text->size() || value <= 0) return fallback;
  return value;
}

}  // namespace

Found find_instance_metadata_credentials(ChainContext& context) {
  if (is_true(context.env("AWS_EC2_METADATA_DISABLED"))) {
    context.looked.push_back("EC2 instance metadata: disabled by AWS_EC2_METADATA_DISABLED");
    return std::shared_ptr<CredentialsProvider>{};
  }
  auto setting = [&](const char* variable, const char* key) -> std::optional<std::string> {
    if (auto value = context.env(variable)) return value;
    return context.config.get(context.profile, key);
  };
  ImdsSource source;
  if (auto endpoint = setting("AWS_EC2_METADATA_SERVICE_ENDPOINT", "ec2_metadata_service_endpoint")) {
    source.base_url = *endpoint;
  } else if (auto mode = setting("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "ec2_metadata_service_endpoint_mode");
             mode && *mode == "ipv6") {
    source.base_url = "http://[fd00:ec2::254]/";
  } else {
    source.base_url = "http://169.254.169.254/";
  }
  if (auto valid = split_url(source.base_url); !valid) {
    return make_error(ErrorKind::invalid_argument, "EC2 instance metadata endpoint",
                      "'" + source.base_url + "' is not a URL: " + valid.error().message, "InvalidConfig");
  }
  if (source.base_url.back() != '/') source.base_url += '/';
  const int timeout_seconds = positive_int(setting("AWS_METADATA_SERVICE_TIMEOUT", "metadata_service_timeout"), 1);
  source.attempts = positive_int(setting("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "metadata_service_num_attempts"), 1);
  source.v1_disabled = is_true(setting("AWS_EC2_METADATA_V1_DISABLED", "ec2_metadata_v1_disabled"));
  source.user_agent = context.options.sts_config.user_agent;
  source.transport = context.metadata_transport(std::chrono::seconds{timeout_seconds});
  source.refresh_window = context.options.refresh.advisory;
  source.clock = context.clock;

  auto answer = ask_imds(source);
  if (!answer) return answer.error();
  if (!answer->credentials) {
    context.looked.push_back("EC2 instance metadata " + source.base_url + ": " + answer->why_none);
    return std::shared_ptr<CredentialsProvider>{};
  }
  const std::string where = "EC2 instance metadata " + source.base_url;
  auto fetch = [source, where]() -> Result<TemporaryCredentials> {
    auto again = ask_imds(source);
    if (!again) return again.error();
    if (!again->credentials) return make_error(ErrorKind::not_found, where, "no credentials: " + again->why_none);
    return std::move(*again->credentials);
  };
  auto provider = std::make_shared<RefreshingProvider>(where + " (role " + answer->role + ")", std::move(fetch),
                                                       context.options.refresh, context.clock);
  provider->prime(std::move(*answer->credentials));
  return std::shared_ptr<CredentialsProvider>(provider);
}

}  // namespace trailguard::aws
