#include "aws/http/endpoints.hpp"

#include <array>

namespace trailguard::aws {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

// One endpoint per partition, from botocore's endpoints.json ("aws-global", "aws-cn-global", ...).
struct GlobalEndpoint {
  std::string_view service;
  std::string_view partition;
  std::string_view host;
  std::string_view signing_region;
};

constexpr std::array<GlobalEndpoint, 9> kGlobalEndpoints{{
    {"organizations", "aws", "organizations.us-east-1.amazonaws.com", "us-east-1"},
    {"organizations", "aws-cn", "organizations.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1"},
    {"organizations", "aws-us-gov", "organizations.us-gov-west-1.amazonaws.com", "us-gov-west-1"},
    {"account", "aws", "account.us-east-1.amazonaws.com", "us-east-1"},
    {"account", "aws-cn", "account.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1"},
    {"account", "aws-us-gov", "account.us-gov-west-1.amazonaws.com", "us-gov-west-1"},
    {"iam", "aws", "iam.amazonaws.com", "us-east-1"},
    {"iam", "aws-cn", "iam.cn-north-1.amazonaws.com.cn", "cn-north-1"},
    {"iam", "aws-us-gov", "iam.us-gov.amazonaws.com", "us-gov-west-1"},
}};

const GlobalEndpoint* find_global(std::string_view service, std::string_view region) {
  const std::string_view partition = partition_of(region);
  for (const auto& g : kGlobalEndpoints) {
    if (g.service == service && g.partition == partition) return &g;
  }
  return nullptr;
}

std::string without_trailing_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

std::string_view partition_of(std::string_view region) {
  if (starts_with(region, "cn-")) return "aws-cn";
  if (starts_with(region, "us-gov-")) return "aws-us-gov";
  return "aws";
}

bool is_global_service(std::string_view service) {
  for (const auto& g : kGlobalEndpoints) {
    if (g.service == service) return true;
  }
  return false;
}

std::string signing_region(std::string_view service, std::string_view region) {
  if (const GlobalEndpoint* g = find_global(service, region)) return std::string(g->signing_region);
  return std::string(region);
}

std::string resolve_endpoint(const EndpointConfig& config, const std::string& service, const std::string& region) {
  if (config.endpoint_url && !config.endpoint_url->empty()) return without_trailing_slash(*config.endpoint_url);
  for (const auto& [name, url] : config.service_endpoint_urls) {
    if (equals_ignoring_case(name, service) && !url.empty()) return without_trailing_slash(url);
  }
  if (config.default_endpoint_url && !config.default_endpoint_url->empty()) {
    return without_trailing_slash(*config.default_endpoint_url);
  }
  if (const GlobalEndpoint* g = find_global(service, region)) return "https://" + std::string(g->host);
  const std::string_view suffix = partition_of(region) == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
  return "https://" + service + "." + region + "." + std::string(suffix);
}

}  // namespace trailguard::aws
