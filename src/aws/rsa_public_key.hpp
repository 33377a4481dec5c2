// RsaPublicKey: an RSA public key as CloudTrail's ListPublicKeys hands it out, DER in either encoding AWS uses
// (PKCS#1 RSAPublicKey, which awscli reads, or X.509 SubjectPublicKeyInfo), and the one check digests need:
// an RSA PKCS#1 v1.5 signature over SHA-256 (CloudTrail's "SHA256withRSA"). Through OpenSSL's EVP interfaces.
// Immutable after loading; verify() may be called from several threads at once (each call has its own context).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/result.hpp"

struct evp_pkey_st;

namespace trailguard::aws {

class RsaPublicKey {
 public:
  // Errors (malformed_input, naming `input`): not DER of either encoding, trailing bytes, not an RSA key.
  static Result<RsaPublicKey> from_der(std::string_view der, const std::string& input);

  // True when `signature` (raw bytes, not hex) is this key's SHA256withRSA signature of `message`.
  bool verify_sha256(std::string_view message, std::string_view signature) const;

  int bits() const;

 private:
  explicit RsaPublicKey(std::shared_ptr<evp_pkey_st> key) : key_(std::move(key)) {}
  std::shared_ptr<evp_pkey_st> key_;
};

}  // namespace trailguard::aws
