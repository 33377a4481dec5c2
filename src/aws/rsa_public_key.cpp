#include "aws/rsa_public_key.hpp"

#include <openssl/evp.h>
#include <openssl/x509.h>

namespace trailguard::aws {
namespace {

using Key = std::shared_ptr<EVP_PKEY>;

// Only when the whole input is the one DER value: trailing bytes mean it was not what we think it is.
Key decode_spki(std::string_view der) {
  const auto* start = reinterpret_cast<const unsigned char*>(der.data());
  const auto* cursor = start;
  EVP_PKEY* key = d2i_PUBKEY(nullptr, &cursor, static_cast<long>(der.size()));
  if (!key) return nullptr;
  Key owned(key, EVP_PKEY_free);
  return cursor == start + der.size() ? owned : nullptr;
}

Key decode_pkcs1(std::string_view der) {
  const auto* start = reinterpret_cast<const unsigned char*>(der.data());
  const auto* cursor = start;
  EVP_PKEY* key = d2i_PublicKey(EVP_PKEY_RSA, nullptr, &cursor, static_cast<long>(der.size()));
  if (!key) return nullptr;
  Key owned(key, EVP_PKEY_free);
  return cursor == start + der.size() ? owned : nullptr;
}

}  // namespace

Result<RsaPublicKey> RsaPublicKey::from_der(std::string_view der, const std::string& input) {
  if (der.empty()) return make_error(ErrorKind::malformed_input, input, "the public key is empty");
  auto key = decode_spki(der);
  if (!key) key = decode_pkcs1(der);
  if (!key)
    return make_error(ErrorKind::malformed_input, input,
                      "the public key is neither a PKCS#1 RSAPublicKey nor an X.509 SubjectPublicKeyInfo (DER)");
  if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA)
    return make_error(ErrorKind::malformed_input, input, "the public key is not an RSA key");
  return RsaPublicKey(std::move(key));
}

bool RsaPublicKey::verify_sha256(std::string_view message, std::string_view signature) const {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!context) return false;
  // An RSA key's default padding is PKCS#1 v1.5.
  if (EVP_DigestVerifyInit(context.get(), nullptr, EVP_sha256(), nullptr, key_.get()) != 1) return false;
  return EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                          reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
}

int RsaPublicKey::bits() const { return EVP_PKEY_get_bits(key_.get()); }

}  // namespace trailguard::aws
