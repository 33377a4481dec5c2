#include "aws/rsa_public_key.hpp"

#include <gtest/gtest.h>

#include "aws/encoding.hpp"
#include "support/test_rsa_key.hpp"

namespace trailguard::aws {
namespace {

const test_support::TestRsaKey& signer() {
  static const test_support::TestRsaKey key;
  return key;
}

TEST(RsaPublicKey, BothEncodingsLoadAndVerifyTheSameSignature) {
  const auto signature = signer().sign("2026-12-01T10:30:00Z\nbucket/key\nabc\nnull");
  for (const auto& der : {signer().pkcs1_der(), signer().spki_der()}) {
    auto key = RsaPublicKey::from_der(der, "keys.json");
    ASSERT_TRUE(key) << key.error().describe();
    EXPECT_EQ(key->bits(), 2048);
    EXPECT_TRUE(key->verify_sha256("2026-12-01T10:30:00Z\nbucket/key\nabc\nnull", signature));
    EXPECT_FALSE(key->verify_sha256("2026-12-01T10:30:01Z\nbucket/key\nabc\nnull", signature));
    auto flipped = signature;
    flipped[10] = static_cast<char>(flipped[10] ^ 1);
    EXPECT_FALSE(key->verify_sha256("2026-12-01T10:30:00Z\nbucket/key\nabc\nnull", flipped));
    EXPECT_FALSE(key->verify_sha256("2026-12-01T10:30:00Z\nbucket/key\nabc\nnull", signature.substr(1)));
    EXPECT_FALSE(key->verify_sha256("x", ""));
  }
}

TEST(RsaPublicKey, AnotherKeysSignatureDoesNotVerify) {
  const test_support::TestRsaKey other(1024);
  auto key = RsaPublicKey::from_der(signer().spki_der(), "keys.json");
  ASSERT_TRUE(key);
  EXPECT_FALSE(key->verify_sha256("m", other.sign("m")));
}

TEST(RsaPublicKey, BrokenDerIsRefusedNamingTheInput) {
  const auto der = signer().spki_der();
  for (const std::string& broken : {std::string(), der.substr(0, der.size() - 1), der + "x", std::string("not der at all")}) {
    auto key = RsaPublicKey::from_der(broken, "keys.json");
    ASSERT_FALSE(key);
    EXPECT_EQ(key.error().kind, ErrorKind::malformed_input);
    EXPECT_EQ(key.error().where, "keys.json");
  }
}

TEST(RsaPublicKey, AnEcKeyIsNotAnRsaKey) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> ec(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"), EVP_PKEY_free);
  ASSERT_TRUE(ec);
  std::string der(static_cast<std::size_t>(i2d_PUBKEY(ec.get(), nullptr)), '\0');
  auto* cursor = reinterpret_cast<unsigned char*>(der.data());
  i2d_PUBKEY(ec.get(), &cursor);
  auto key = RsaPublicKey::from_der(der, "k");
  ASSERT_FALSE(key);
  EXPECT_NE(key.error().message.find("not an RSA key"), std::string::npos);
}

TEST(Encoding, HexAndBase64RoundTripsAndRefusals) {
  EXPECT_EQ(hex_decode("00ff7A"), std::string("\x00\xff\x7a", 3));
  EXPECT_FALSE(hex_decode("abc"));
  EXPECT_FALSE(hex_decode("zz"));
  EXPECT_EQ(base64_decode("aGVsbG8="), "hello");
  EXPECT_EQ(base64_decode("aGVsbA=="), "hell");
  EXPECT_EQ(base64_decode("aGVs"), "hel");
  EXPECT_EQ(base64_decode(""), "");
  EXPECT_FALSE(base64_decode("aGVsbG8"));
  EXPECT_FALSE(base64_decode("aG=sbG8="));
  EXPECT_FALSE(base64_decode("aGVs\nbG8="));
  EXPECT_FALSE(base64_decode("===="));
}

}  // namespace
}  // namespace trailguard::aws
