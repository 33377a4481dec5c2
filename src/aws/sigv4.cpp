#include "aws/sigv4.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <span>
#include <vector>

#include "aws/digest.hpp"
#include "aws/uri_encode.hpp"
#include "aws/url.hpp"

namespace trailguard::aws {
namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
char ascii_upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

std::string lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

// RFC 9110 token: header names and methods.
bool is_token(std::string_view s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
  });
}

bool has_line_break_or_nul(std::string_view s) { return s.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos; }

bool is_scope_part(std::string_view s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u < 0x7F && c != '/' && c != ',';
  });
}

Error invalid(std::string where, std::string message) {
  return make_error(ErrorKind::invalid_argument, std::move(where), std::move(message));
}

bool is_unsigned_header(std::string_view lowercase_name) {
  return std::find(kUnsignedHeaders.begin(), kUnsignedHeaders.end(), lowercase_name) != kUnsignedHeaders.end();
}

// Length of the Python-whitespace character starting at value[i], or 0.
std::size_t whitespace_length(std::string_view value, std::size_t i) {
  const auto byte = [&](std::size_t k) { return i + k < value.size() ? static_cast<unsigned char>(value[i + k]) : 0u; };
  const unsigned b0 = byte(0);
  if ((b0 >= 0x09 && b0 <= 0x0D) || (b0 >= 0x1C && b0 <= 0x20)) return 1;
  if (b0 == 0xC2 && (byte(1) == 0x85 || byte(1) == 0xA0)) return 2;                       // U+0085, U+00A0
  if (b0 == 0xE1 && byte(1) == 0x9A && byte(2) == 0x80) return 3;                         // U+1680
  if (b0 == 0xE2 && byte(1) == 0x80) {
    const unsigned b2 = byte(2);
    if ((b2 >= 0x80 && b2 <= 0x8A) || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF) return 3;  // U+2000-200A, 2028, 2029, 202F
  }
  if (b0 == 0xE2 && byte(1) == 0x81 && byte(2) == 0x9F) return 3;                         // U+205F
  if (b0 == 0xE3 && byte(1) == 0x80 && byte(2) == 0x80) return 3;                         // U+3000
  return 0;
}

std::string two_digits(unsigned value) {
  char buffer[3];
  std::snprintf(buffer, sizeof buffer, "%02u", value % 100);
  return buffer;
}

struct Civil {
  int year;
  unsigned month, day, hours, minutes, seconds, weekday;
};

Civil to_civil(std::chrono::sys_seconds time) {
  using namespace std::chrono;
  const auto day_point = floor<days>(time);
  const year_month_day ymd{day_point};
  const hh_mm_ss hms{time - day_point};
  return Civil{static_cast<int>(ymd.year()),
               static_cast<unsigned>(ymd.month()),
               static_cast<unsigned>(ymd.day()),
               static_cast<unsigned>(hms.hours().count()),
               static_cast<unsigned>(hms.minutes().count()),
               static_cast<unsigned>(hms.seconds().count()),
               weekday{day_point}.c_encoding()};
}

bool year_in_range(std::chrono::sys_seconds time) {
  const int year = to_civil(time).year;
  return year >= 1000 && year <= 9999;
}

// email.utils.formatdate(t): "Sun, 30 Aug 2015 12:36:00 -0000", what botocore writes into Date.
std::string format_python_http_date(std::chrono::sys_seconds time) {
  static constexpr std::array<std::string_view, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const Civil c = to_civil(time);
  return std::string(kDays[c.weekday]) + ", " + two_digits(c.day) + " " + std::string(kMonths[c.month - 1]) + " " +
         std::to_string(c.year) + " " + two_digits(c.hours) + ":" + two_digits(c.minutes) + ":" +
         two_digits(c.seconds) + " -0000";
}

// botocore's _canonical_query_string_url: split on '&', split each pair at its first '=', sort
// the (key, value) pairs, join. Nothing is decoded or re-encoded.
std::string canonical_query(std::string_view query) {
  if (query.empty()) return {};
  std::vector<std::pair<std::string_view, std::string_view>> pairs;
  std::size_t start = 0;
  while (true) {
    const auto amp = query.find('&', start);
    const std::string_view pair = query.substr(start, amp == std::string_view::npos ? amp : amp - start);
    const auto eq = pair.find('=');
    if (eq == std::string_view::npos) {
      pairs.emplace_back(pair, std::string_view{});
    } else {
      pairs.emplace_back(pair.substr(0, eq), pair.substr(eq + 1));
    }
    if (amp == std::string_view::npos) break;
    start = amp + 1;
  }
  std::sort(pairs.begin(), pairs.end());  // string_view compares bytes as unsigned: code point order for UTF-8
  std::string out;
  for (const auto& [key, value] : pairs) {
    if (!out.empty()) out.push_back('&');
    out.append(key).append("=").append(value);
  }
  return out;
}

std::span<const unsigned char> bytes_of(const Sha256Digest& digest) { return {digest.data(), digest.size()}; }

std::string compute_signature(const Credentials& credentials, std::string_view date, const SigningParams& params,
                              std::string_view string_to_sign) {
  std::string secret = "AWS4" + credentials.secret_access_key;
  Sha256Digest k_date = hmac_sha256({reinterpret_cast<const unsigned char*>(secret.data()), secret.size()}, date);
  secure_wipe(secret.data(), secret.size());
  Sha256Digest k_region = hmac_sha256(bytes_of(k_date), params.region);
  Sha256Digest k_service = hmac_sha256(bytes_of(k_region), params.service);
  Sha256Digest k_signing = hmac_sha256(bytes_of(k_service), "aws4_request");
  const Sha256Digest signature = hmac_sha256(bytes_of(k_signing), string_to_sign);
  for (Sha256Digest* key : {&k_date, &k_region, &k_service, &k_signing}) secure_wipe(key->data(), key->size());
  return hex_lower(signature);
}

Status validate(const HttpRequest& request, const Credentials& credentials, const SigningParams& params) {
  if (!is_token(request.method)) return invalid("HTTP method", "'" + request.method + "' is not an HTTP method");
  for (const auto& [name, value] : request.headers) {
    if (!is_token(name)) return invalid("header '" + name + "'", "the header name is not a valid HTTP header name");
    if (has_line_break_or_nul(value)) {
      return invalid("header '" + name + "'", "the header value contains a line break or NUL");
    }
  }
  if (!is_scope_part(credentials.access_key_id)) {
    return invalid("credentials", "the access key id is empty or contains spaces, '/' or ','");
  }
  if (credentials.secret_access_key.empty()) return invalid("credentials", "the secret access key is empty");
  if (has_line_break_or_nul(credentials.session_token)) {
    return invalid("credentials", "the session token contains a line break or NUL");
  }
  if (!is_scope_part(params.service)) return invalid("signing service", "the service name is empty or malformed");
  if (!is_scope_part(params.region)) return invalid("signing region", "the region name is empty or malformed");
  if (!year_in_range(params.time)) return invalid("signing time", "the signing time is not in the years 1000-9999");
  return ok_status();
}

}  // namespace

std::string format_amz_date(std::chrono::sys_seconds time) {
  const Civil c = to_civil(time);
  return std::to_string(c.year) + two_digits(c.month) + two_digits(c.day) + "T" + two_digits(c.hours) +
         two_digits(c.minutes) + two_digits(c.seconds) + "Z";
}

std::string fold_header_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  bool pending_space = false;
  std::size_t i = 0;
  while (i < value.size()) {
    if (const std::size_t ws = whitespace_length(value, i); ws > 0) {
      pending_space = !out.empty();
      i += ws;
      continue;
    }
    if (pending_space) {
      out.push_back(' ');
      pending_space = false;
    }
    out.push_back(value[i]);
    ++i;
  }
  return out;
}

Result<SigningDetails> sign_v4(HttpRequest& request, const Credentials& credentials, const SigningParams& params) {
  if (Status valid = validate(request, credentials, params); !valid) return valid.error();
  Result<UrlParts> url = split_url(request.url);
  if (!url) return url.error();

  const std::string amz_date = format_amz_date(params.time);
  const std::string date = amz_date.substr(0, 8);

  // The headers as they will be sent, changed in botocore's order so the result matches it.
  HttpRequest signed_request = request;
  signed_request.remove_header("Authorization");
  if (signed_request.has_header("Date")) {
    signed_request.remove_header("Date");
    signed_request.add_header("Date", format_python_http_date(params.time));
    signed_request.remove_header("X-Amz-Date");
  } else {
    signed_request.remove_header("X-Amz-Date");
    signed_request.add_header("X-Amz-Date", amz_date);
  }
  if (credentials.has_session_token()) {
    signed_request.remove_header("X-Amz-Security-Token");
    signed_request.add_header("X-Amz-Security-Token", credentials.session_token);
  }
  if (params.s3) {
    signed_request.remove_header("X-Amz-Content-SHA256");
    signed_request.add_header("X-Amz-Content-SHA256", sha256_hex(signed_request.body));
  }

  // Headers to sign: lowercase name -> values in order; Host from the URL unless given.
  std::map<std::string, std::vector<std::string_view>> to_sign;
  for (const auto& [name, value] : signed_request.headers) {
    std::string lname = lowered(name);
    if (!is_unsigned_header(lname)) to_sign[std::move(lname)].push_back(value);
  }
  const std::string host = host_header_value(*url);
  if (!to_sign.contains("host")) to_sign["host"].push_back(host);

  std::string canonical_headers;
  std::string signed_headers;
  for (const auto& [name, values] : to_sign) {
    canonical_headers.append(name).push_back(':');
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i > 0) canonical_headers.push_back(',');
      canonical_headers.append(fold_header_value(values[i]));
    }
    canonical_headers.push_back('\n');
    if (!signed_headers.empty()) signed_headers.push_back(';');
    signed_headers.append(name);
  }

  // S3 signs the path as written; everyone else normalizes it and encodes it (again).
  // An empty path is sent as "/", so it is signed as "/" for S3 too.
  std::string canonical_path;
  if (params.s3) {
    canonical_path = url->path.empty() ? std::string("/") : url->path;
  } else {
    canonical_path = uri_encode_path(normalize_path(url->path));
  }

  const std::string* content_sha = signed_request.find_header("X-Amz-Content-SHA256");
  const std::string payload_hash = content_sha != nullptr ? *content_sha : sha256_hex(signed_request.body);

  std::string method = request.method;
  for (char& c : method) c = ascii_upper(c);

  SigningDetails details;
  details.canonical_request = method + "\n" + canonical_path + "\n" + canonical_query(url->query) + "\n" +
                              canonical_headers + "\n" + signed_headers + "\n" + payload_hash;
  details.credential_scope = date + "/" + params.region + "/" + params.service + "/aws4_request";
  details.string_to_sign = std::string(kAlgorithm) + "\n" + amz_date + "\n" + details.credential_scope + "\n" +
                           sha256_hex(details.canonical_request);
  details.signed_headers = signed_headers;
  details.signature = compute_signature(credentials, date, params, details.string_to_sign);

  signed_request.add_header("Authorization", std::string(kAlgorithm) + " Credential=" + credentials.access_key_id + "/" +
                                                 details.credential_scope + ", SignedHeaders=" + signed_headers +
                                                 ", Signature=" + details.signature);
  request.headers = std::move(signed_request.headers);
  return details;
}

}  // namespace trailguard::aws
