#include "sources/logs/digest_keys.hpp"

#include <cmath>

#include <nlohmann/json.hpp>

#include "aws/encoding.hpp"
#include "aws/services/cloudtrail_api.hpp"
#include "base/utc_time.hpp"

namespace trailguard::sources::logs {
namespace {

using nlohmann::json;

Error malformed(const std::string& input, std::string message) {
  return Error{ErrorKind::malformed_input, "not a ListPublicKeys answer: " + std::move(message), input, "malformed_public_keys"};
}

// The CLI prints "2026-12-01T10:00:00+00:00"; the API sends epoch seconds (maybe with a fraction).
std::optional<std::int64_t> key_time(const json& entry, const char* name) {
  const auto it = entry.find(name);
  if (it == entry.end()) return std::nullopt;
  if (it->is_number()) {
    const double seconds = it->get<double>();
    if (std::isfinite(seconds) && std::fabs(seconds) < 1e12) return static_cast<std::int64_t>(seconds);
    return std::nullopt;
  }
  if (it->is_string()) return parse_utc_time(it->get_ref<const std::string&>());
  return std::nullopt;
}

}  // namespace

Result<PublicKeyPage> parse_public_keys(std::string_view text, const std::string& input) {
  json document;
  try {
    document = json::parse(text);
  } catch (const json::parse_error& error) {
    return malformed(input, "not JSON (at byte " + std::to_string(error.byte) + ")");
  }
  if (!document.is_object()) return malformed(input, "the document is not a JSON object");
  const auto list = document.find("PublicKeyList");
  if (list == document.end() || !list->is_array()) return malformed(input, "PublicKeyList is missing or not an array");

  PublicKeyPage page;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto& entry = (*list)[i];
    const auto path = "PublicKeyList[" + std::to_string(i) + "]";
    if (!entry.is_object()) return malformed(input, path + " is not an object");
    const auto fingerprint = entry.find("Fingerprint");
    const auto value = entry.find("Value");
    if (fingerprint == entry.end() || !fingerprint->is_string()) return malformed(input, path + ".Fingerprint is missing or not a string");
    if (value == entry.end() || !value->is_string()) return malformed(input, path + ".Value is missing or not a string");
    const auto der = aws::base64_decode(value->get_ref<const std::string&>());
    if (!der) return malformed(input, path + ".Value is not base64");
    auto key = aws::RsaPublicKey::from_der(*der, input);
    if (!key) return malformed(input, path + ".Value: " + key.error().message);
    page.keys.push_back({fingerprint->get<std::string>(), std::move(*key), key_time(entry, "ValidityStartTime"),
                         key_time(entry, "ValidityEndTime")});
  }
  if (const auto token = document.find("NextToken"); token != document.end() && token->is_string())
    page.next_token = token->get<std::string>();
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
