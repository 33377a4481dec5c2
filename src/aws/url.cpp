#include "aws/url.hpp"

#include <arpa/inet.h>

#include <vector>

namespace trailguard::aws {
namespace {

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

bool is_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_unreserved(char c) { return is_alpha(c) || is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~'; }
bool is_sub_delim(char c) { return std::string_view("!$&'()*+,;=").find(c) != std::string_view::npos; }

Error bad_url(std::string_view url, std::string message) {
  return make_error(ErrorKind::invalid_argument, "URL " + std::string(url), std::move(message));
}

// An IPv6 literal with an optional zone ("fe80::1%25eth0"), as botocore's IPV6_ADDRZ_RE and
// Python's ipaddress both accept it.
bool is_ipv6_literal(std::string_view inner) {
  const auto percent = inner.find('%');
  const std::string address(inner.substr(0, percent));
  if (percent != std::string_view::npos) {
    const std::string_view zone = inner.substr(percent + 1);
    if (zone.empty()) return false;
    for (char c : zone) {
      if (!is_unreserved(c)) return false;
    }
  }
  in6_addr parsed{};
  return inet_pton(AF_INET6, address.c_str(), &parsed) == 1;
}

}  // namespace

Result<UrlParts> split_url(std::string_view url) {
  for (char c : url) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) return bad_url(url, "the URL contains a control character");
  }
  UrlParts parts;

  const auto colon = url.find(':');
  if (colon == std::string_view::npos || colon == 0 || !is_alpha(url[0])) {
    return bad_url(url, "the URL has no scheme (expected https://host/...)");
  }
  for (char c : url.substr(0, colon)) {
    if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.') {
      return bad_url(url, "the URL has no valid scheme (expected https://host/...)");
    }
  }
  parts.scheme = lowered(url.substr(0, colon));
  std::string_view rest = url.substr(colon + 1);
  if (!rest.starts_with("//")) return bad_url(url, "the URL has no host (expected https://host/...)");
  rest.remove_prefix(2);

  const auto netloc_end = rest.find_first_of("/?#");
  const std::string_view netloc = rest.substr(0, netloc_end);
  rest = netloc_end == std::string_view::npos ? std::string_view{} : rest.substr(netloc_end);

  if (const auto hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
  if (const auto question = rest.find('?'); question != std::string_view::npos) {
    parts.query = std::string(rest.substr(question + 1));
    rest = rest.substr(0, question);
  }
  parts.path = std::string(rest);

  // Host and port; userinfo (before the last '@') is dropped.
  std::string_view hostinfo = netloc;
  if (const auto at = hostinfo.rfind('@'); at != std::string_view::npos) hostinfo = hostinfo.substr(at + 1);
  std::string_view port_text;
  bool has_port_separator = false;
  if (hostinfo.find('[') != std::string_view::npos || hostinfo.find(']') != std::string_view::npos) {
    const auto close = hostinfo.find(']');
    if (hostinfo.front() != '[' || close == std::string_view::npos) {
      return bad_url(url, "the URL has a malformed IPv6 host");
    }
    const std::string_view inner = hostinfo.substr(1, close - 1);
    if (!is_ipv6_literal(inner)) return bad_url(url, "the bracketed host is not an IPv6 address");
    parts.host = "[" + lowered(inner) + "]";
    const std::string_view after = hostinfo.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return bad_url(url, "the URL has text after its IPv6 host");
      has_port_separator = true;
      port_text = after.substr(1);
    }
  } else {
    const auto port_colon = hostinfo.find(':');
    const std::string_view host = hostinfo.substr(0, port_colon);
    if (port_colon != std::string_view::npos) {
      has_port_separator = true;
      port_text = hostinfo.substr(port_colon + 1);
    }
    for (char c : host) {
      if (!is_unreserved(c) && !is_sub_delim(c) && c != '%') {
        return bad_url(url, "the host contains a character a host name cannot have");
      }
    }
    parts.host = lowered(host);
  }
  if (parts.host.empty()) return bad_url(url, "the URL has no host (expected https://host/...)");

  if (has_port_separator && !port_text.empty()) {
    unsigned long value = 0;
    for (char c : port_text) {
      if (!is_digit(c)) return bad_url(url, "the port is not a number");
      value = value * 10 + static_cast<unsigned long>(c - '0');
      if (value > 65535) return bad_url(url, "the port is not in 0-65535");
    }
    parts.port = static_cast<std::uint16_t>(value);
  }
  return parts;
}

std::string host_header_value(const UrlParts& url) {
  std::string host = url.host;
  if (url.port) {
    const bool is_default = (url.scheme == "http" && *url.port == 80) || (url.scheme == "https" && *url.port == 443);
    if (!is_default) host += ":" + std::to_string(*url.port);
  }
  return host;
}

std::string normalize_path(std::string_view path) {
  if (path.empty()) return "/";
  std::vector<std::string_view> segments;
  std::size_t start = 0;
  while (true) {
    const auto slash = path.find('/', start);
    const std::string_view segment = path.substr(start, slash == std::string_view::npos ? slash : slash - start);
    if (!segment.empty() && segment != ".") {
      if (segment == "..") {
        if (!segments.empty()) segments.pop_back();
      } else {
        segments.push_back(segment);
      }
    }
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  std::string out;
  if (path.front() == '/') out.push_back('/');
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (i > 0) out.push_back('/');
    out.append(segments[i]);
  }
  if (path.back() == '/' && !segments.empty()) out.push_back('/');
  return out;
}

}  // namespace trailguard::aws
