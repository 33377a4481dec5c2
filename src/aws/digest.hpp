// SHA-256, HMAC-SHA256 and S3's Content-MD5 through OpenSSL 3's EVP interfaces, and lowercase hex.
// Pure functions; thread-safe. An OpenSSL failure here is a broken installation, not an input
// error, so it throws std::runtime_error (a bug-class failure, caught once in main).
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace trailguard::aws {

using Sha256Digest = std::array<unsigned char, 32>;

Sha256Digest sha256(std::string_view data);
std::string sha256_hex(std::string_view data);  // 64 lowercase hex digits

Sha256Digest hmac_sha256(std::span<const unsigned char> key, std::string_view data);

std::string hex_lower(std::span<const unsigned char> bytes);

// The base64 of the MD5 of `data`: the Content-MD5 header S3 demands on PutBucketPolicy and
// PutPublicAccessBlock (an integrity check, not security).
std::string content_md5(std::string_view data);

// Overwrites the bytes so key material does not linger in freed memory.
void secure_wipe(void* data, std::size_t size);

}  // namespace trailguard::aws
