// logs --validate's outside input: digest files (and the chain checks over whatever parses), the public keys'
// JSON (--public-keys and ListPublicKeys answers), raw DER keys and the hex/base64 around them. None may crash;
// a digest that parses must be checkable.
#include <string>

#include "aws/encoding.hpp"
#include "aws/rsa_public_key.hpp"
#include "fuzz_input.hpp"
#include "sources/logs/digest_chain.hpp"
#include "sources/logs/digest_keys.hpp"
#include "sources/logs/log_digest.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace trailguard;
  using namespace trailguard::sources::logs;
  const auto input = fuzz::split(data, size);
  switch (input.selector % 3) {
    case 0: {
      auto digest = parse_log_digest(input.document, "fuzz.json");
      if (!digest) break;
      (void)digest_string_to_sign(*digest, aws::sha256_hex(input.document));
      const std::string key = "AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/12/01/"
                              "111122223333_CloudTrail-Digest_us-east-1_main_us-east-1_20261201T103000Z.json.gz";
      DigestEvidence evidence;
      evidence.digests.push_back({"fuzz", key, *parse_log_object_name(std::string(file_name_of(key))),
                                  aws::sha256_hex(input.document), *digest, false, "", digest->previous_signature});
      evidence.digests.push_back(evidence.digests.back());  // a digest that names itself, or its twin, as previous
      evidence.digests.back().has_metadata = true;
      const auto result = check_digests(evidence, {}, [](const std::string&, const std::string&) { return nullptr; });
      if (result.digests_checked != 2) __builtin_trap();
      break;
    }
    case 1: {
      auto page = parse_public_keys(input.document, "keys.json");
      if (page)
        for (const auto& key : page->keys) (void)key.key.verify_sha256("message", input.document);
      break;
    }
    default: {
      if (auto key = aws::RsaPublicKey::from_der(input.document, "fuzz.der")) (void)key->verify_sha256("m", input.document);
      (void)aws::hex_decode(input.document);
      (void)aws::base64_decode(input.document);
      break;
    }
  }
  return 0;
}
