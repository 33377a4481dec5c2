// TestRsaKey: an RSA key pair a test makes for itself (OpenSSL), to sign digests and hand out the public half in
// both DER encodings AWS uses. Tests only: real keys come from CloudTrail. Not thread-safe.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include <openssl/evp.h>
#include <openssl/x509.h>

namespace trailguard::test_support {

class TestRsaKey {
 public:
  explicit TestRsaKey(unsigned bits = 2048) : key_(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(bits)), EVP_PKEY_free) {
    if (!key_) throw std::runtime_error("RSA key generation failed");
  }
  std::string spki_der() const { return encode(i2d_PUBKEY); }
  std::string pkcs1_der() const { return encode(i2d_PublicKey); }
  // SHA256withRSA (PKCS#1 v1.5), raw bytes.
  std::string sign(std::string_view message) const {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    size_t size = 0;
    if (EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, key_.get()) != 1 ||
        EVP_DigestSign(context.get(), nullptr, &size, reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1)
      throw std::runtime_error("signing failed");
    std::string signature(size, '\0');
    if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &size,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1)
      throw std::runtime_error("signing failed");
    signature.resize(size);
    return signature;
  }

 private:
  template <class Encoder>
  std::string encode(Encoder encoder) const {
    const int size = encoder(key_.get(), nullptr);
    if (size <= 0) throw std::runtime_error("DER encoding failed");
    std::string der(static_cast<std::size_t>(size), '\0');
    auto* cursor = reinterpret_cast<unsigned char*>(der.data());
    encoder(key_.get(), &cursor);
    return der;
  }
  std::shared_ptr<EVP_PKEY> key_;
};

}  // namespace trailguard::test_support
