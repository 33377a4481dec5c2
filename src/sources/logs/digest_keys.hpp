// The public keys digests are signed with, by fingerprint: from `--public-keys FILE` (the JSON `aws cloudtrail
// list-public-keys` prints) or from CloudTrail's ListPublicKeys itself (s3:// sources without the flag). Both
// carry {"PublicKeyList": [{"Value": base64 DER, "ValidityStartTime", "ValidityEndTime", "Fingerprint"}]}; the
// API's answer adds NextToken and writes times as epoch seconds where the CLI writes ISO strings.
// Parsing is pure; DigestKeys is immutable after it is built and may be read from several threads.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/aws_client.hpp"
#include "aws/rsa_public_key.hpp"
#include "base/result.hpp"

namespace trailguard::sources::logs {

struct DigestPublicKey {
  std::string fingerprint;
  aws::RsaPublicKey key;
  std::optional<std::int64_t> valid_from;  // seconds since the epoch
  std::optional<std::int64_t> valid_until;
};

struct PublicKeyPage {
  std::vector<DigestPublicKey> keys;
  std::string next_token;  // empty on the last page
};

// Errors (malformed_input, where = `input`): not JSON, no PublicKeyList array, an entry without a Fingerprint or
// Value, a Value that is not base64 of an RSA key in either DER encoding. Unknown members are ignored.
Result<PublicKeyPage> parse_public_keys(std::string_view json, const std::string& input);

class DigestKeys {
 public:
  void add(DigestPublicKey key);  // a second key of one fingerprint is ignored
  const aws::RsaPublicKey* find(const std::string& fingerprint) const;
  std::size_t size() const { return keys_.size(); }

 private:
  std::map<std::string, DigestPublicKey> keys_;
};

// Every page of ListPublicKeys in `region` for the window, through `client`.
Result<std::vector<DigestPublicKey>> fetch_public_keys(aws::AwsClient& client, const std::string& region,
                                                       std::int64_t start, std::int64_t end);

}  // namespace trailguard::sources::logs
