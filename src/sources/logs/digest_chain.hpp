// check_digests: the checks of `aws cloudtrail validate-logs` over what a scan collected (pure: no I/O, no
// clock). Per chain (account, delivery region, trail, trail home region), digests in time order:
//   - where it says it lives (digestS3Bucket/Object) is where it was found (S3: bucket and key; local: name);
//   - previousDigestHashValue is the SHA-256 of the previous digest's inflated bytes, and the previous digest
//     is in the source (unless the window leaves it out);
//   - the RSA signature over the string to sign, with the key its fingerprint names. The signature is the
//     object's S3 metadata (x-amz-meta-signature) or, for a local copy, the successor's previousDigestSignature,
//     so offline the newest digest of each chain is counted as unavailable, never passed;
//   - every log file it lists is in the source with that SHA-256 (of the inflated file);
// and every log file inside the hours the digests cover is listed by one.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "aws/digest.hpp"
#include "aws/rsa_public_key.hpp"
#include "model/log_activity.hpp"
#include "sources/logs/log_digest.hpp"
#include "sources/logs/log_object.hpp"
#include "sources/logs/log_store.hpp"

namespace trailguard::sources::logs {

struct CollectedDigest {
  std::string described;  // as the store names it
  std::string key;        // the store's key
  LogObjectName name;
  std::string sha256_hex;  // of the inflated digest
  LogDigest digest;
  bool has_metadata = false;             // read from S3: `signature` is the object's metadata
  std::string bucket;                    // S3 bucket read from (has_metadata)
  std::optional<std::string> signature;  // x-amz-meta-signature
};

struct CollectedLogFile {
  std::string described;
  LogObjectName name;
  aws::Sha256Digest sha256{};  // of the inflated file
};

struct DigestEvidence {
  std::vector<CollectedDigest> digests;
  // Log and Insights files, by file name (CloudTrail's names are unique).
  std::unordered_map<std::string, CollectedLogFile> log_files;
  // Files the scan could not read, by file name: they are neither missing nor checked (an unreadable digest
  // is malformed_digest).
  std::unordered_map<std::string, model::LogFileError> unreadable;
  std::vector<model::DigestProblem> problems;  // found while collecting (a digest that does not parse)
};

// The key with that fingerprint for digests of a trail homed in `home_region`, or nullptr.
using DigestKeyLookup = std::function<const aws::RsaPublicKey*(const std::string& fingerprint, const std::string& home_region)>;

model::DigestValidation check_digests(const DigestEvidence& evidence, const LogSelection& selection,
                                      const DigestKeyLookup& key_for);

// The file name at the end of a path or key.
std::string_view file_name_of(std::string_view path);

}  // namespace trailguard::sources::logs
