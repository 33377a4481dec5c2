#include "sources/logs/digest_keys.hpp"

#include <cmath>

#include "aws/encoding.hpp"
#include "aws/services/cloudtrail_api.hpp"
#include "base/utc_time.hpp"
#include "sources/json_input.hpp"

namespace trailguard::sources::logs {
namespace {

Error malformed(Error error) {
  error.message = "not a ListPublicKeys answer: " + error.message;
  error.code = "malformed_public_keys";
  return error;
}

// The CLI prints "2026-12-01T10:00:00+00:00"; the API sends epoch seconds (maybe with a fraction). A time that
// is neither is left unknown: validity is informative, the fingerprint picks the key.
std::optional<std::int64_t> key_time(const JsonAt& entry, std::string_view key) {
  const auto child = entry.member(key);
  if (!child) return std::nullopt;
  double seconds = 0;
  if (child->element.get_double().get(seconds) == simdjson::SUCCESS)
    return std::isfinite(seconds) && std::fabs(seconds) < 1e12 ? std::optional<std::int64_t>(static_cast<std::int64_t>(seconds))
                                                                : std::nullopt;
  std::string_view text;
  if (child->element.get_string().get(text) == simdjson::SUCCESS) return parse_utc_time(text);
  return std::nullopt;
}

}  // namespace

Result<PublicKeyPage> parse_public_keys(std::string_view text, const std::string& input) {
  auto parsed = parse_json(text, input);
  if (!parsed) return malformed(parsed.error());
  const auto root = json_root(*parsed, input);
  if (!root.is_object()) return malformed(root.shape_error("an object"));
  const auto list = root.member("PublicKeyList");
  if (!list) return malformed(make_error(ErrorKind::malformed_input, input, "PublicKeyList is missing"));
  auto entries = list->items();
  if (!entries) return malformed(entries.error());

  PublicKeyPage page;
  for (const auto& entry : *entries) {
    if (!entry.is_object()) return malformed(entry.shape_error("an object"));
    auto fingerprint = required_string(entry, "Fingerprint");
    if (!fingerprint) return malformed(fingerprint.error());
    auto value = required_string(entry, "Value");
    if (!value) return malformed(value.error());
    const auto der = aws::base64_decode(*value);
    if (!der) return malformed(make_error(ErrorKind::malformed_input, input, entry.path + ".Value is not base64"));
    auto key = aws::RsaPublicKey::from_der(*der, input);
    if (!key) return malformed(make_error(ErrorKind::malformed_input, input, entry.path + ".Value: " + key.error().message));
    page.keys.push_back({std::move(*fingerprint), std::move(*key), key_time(entry, "ValidityStartTime"),
                         key_time(entry, "ValidityEndTime")});
  }
  auto token = optional_string(root, "NextToken");
  if (!token) return malformed(token.error());
  page.next_token = std::move(*token);
  return page;
}

void DigestKeys::add(DigestPublicKey key) {
  auto fingerprint = key.fingerprint;
  keys_.emplace(std::move(fingerprint), std::move(key));
}

const aws::RsaPublicKey* DigestKeys::find(const std::string& fingerprint) const {
  const auto it = keys_.find(fingerprint);
  return it == keys_.end() ? nullptr : &it->second.key;
}

Result<std::vector<DigestPublicKey>> fetch_public_keys(aws::AwsClient& client, const std::string& region,
                                                       std::int64_t start, std::int64_t end) {
  std::vector<DigestPublicKey> keys;
  std::string token;
  // A token that comes back again would page forever: AWS never does, a broken emulator might.
  for (int pages = 0; pages < 1000; ++pages) {
    auto answer = client.call(aws::list_public_keys_call(region, start, end, token));
    if (!answer) return answer.error();
    auto page = parse_public_keys(answer->body, "cloudtrail ListPublicKeys in " + region);
    if (!page) return page.error();
    for (auto& key : page->keys) keys.push_back(std::move(key));
    if (page->next_token.empty() || page->next_token == token) return keys;
    token = std::move(page->next_token);
  }
  return make_error(ErrorKind::service, "cloudtrail ListPublicKeys in " + region, "more than 1,000 pages of public keys");
}

}  // namespace trailguard::sources::logs
