#include "sources/logs/digest_chain.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "aws/encoding.hpp"
#include "base/utc_time.hpp"
#include "support/test_rsa_key.hpp"

namespace trailguard::sources::logs {
namespace {

using model::DigestProblemKind;

const test_support::TestRsaKey& signer() {
  static const test_support::TestRsaKey key;
  return key;
}

std::string log_name(int hour, int n = 0) { return fmt::format("111122223333_CloudTrail_us-east-1_20261201T{:02}05Z_{:016}.json.gz", hour, n); }
std::string log_key(int hour, int n = 0) { return "AWSLogs/111122223333/CloudTrail/us-east-1/2026/12/01/" + log_name(hour, n); }
std::string digest_key(int hour) {
  return fmt::format(
      "AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/12/01/111122223333_CloudTrail-Digest_us-east-1_main_us-east-1_20261201T{:02}3000Z.json.gz",
      hour);
}

// A healthy chain of hourly digests, each listing the hour's one log file, signed with signer(): the evidence a
// scan of a local copy (or with `metadata`, of S3) would collect. Tests then break one thing.
struct Chain {
  explicit Chain(int hours, bool metadata = false) {
    std::optional<std::size_t> previous;
    for (int hour = 0; hour < hours; ++hour) {
      CollectedLogFile file{log_key(hour), *parse_log_object_name(log_name(hour)), aws::sha256("log " + std::to_string(hour))};
      evidence.log_files.emplace(log_name(hour), file);
      LogDigest digest;
      digest.end_time_text = fmt::format("2026-12-01T{:02}:30:00Z", hour);
      digest.end_time = *parse_utc_time(digest.end_time_text);
      digest.start_time = digest.end_time - 3600;
      digest.s3_bucket = "org-logs";
      digest.s3_object = digest_key(hour);
      digest.public_key_fingerprint = "fp";
      digest.signature_algorithm = "SHA256withRSA";
      digest.log_files.push_back({"org-logs", log_key(hour), aws::hex_lower(file.sha256), "SHA-256", {}, {}});
      if (previous) {
        const auto& before = evidence.digests[*previous];
        digest.previous_s3_bucket = "org-logs";
        digest.previous_s3_object = before.key;
        digest.previous_hash_value = before.sha256_hex;
        digest.previous_hash_algorithm = "SHA-256";
        digest.previous_signature = signatures[*previous];
      }
      CollectedDigest entry{"tree/" + digest_key(hour), digest_key(hour),
                            *parse_log_object_name(std::string(file_name_of(digest_key(hour)))),
                            aws::sha256_hex("digest " + std::to_string(hour)), digest, metadata, metadata ? "org-logs" : "", {}};
      signatures.push_back(sign(entry));
      if (metadata) entry.signature = signatures.back();
      evidence.digests.push_back(std::move(entry));
      previous = evidence.digests.size() - 1;
    }
  }
  static std::string sign(const CollectedDigest& entry) {
    return aws::hex_lower(std::span<const unsigned char>(
        reinterpret_cast<const unsigned char*>(signer().sign(digest_string_to_sign(entry.digest, entry.sha256_hex)).data()), 256));
  }
  model::DigestValidation check(const LogSelection& selection = {}) const {
    return check_digests(evidence, selection, [this](const std::string& fingerprint, const std::string& region) {
      EXPECT_EQ(region, "us-east-1");
      return fingerprint == "fp" ? &*key : nullptr;
    });
  }
  DigestEvidence evidence;
  std::vector<std::string> signatures;
  Result<aws::RsaPublicKey> key = aws::RsaPublicKey::from_der(signer().pkcs1_der(), "test");
};

std::vector<std::pair<DigestProblemKind, std::string>> kinds(const model::DigestValidation& validation) {
  std::vector<std::pair<DigestProblemKind, std::string>> found;
  for (const auto& problem : validation.problems) found.emplace_back(problem.kind, std::string(file_name_of(problem.file)));
  return found;
}

TEST(DigestChain, AHealthyLocalChainChecksAllButTheNewestSignature) {
  const Chain chain(5);
  const auto result = chain.check();
  EXPECT_TRUE(result.problems.empty()) << model::digest_problem_name(result.problems[0].kind) << ": " << result.problems[0].detail;
  EXPECT_EQ(result.digests_checked, 5u);
  EXPECT_EQ(result.chain_links_checked, 4u);
  EXPECT_EQ(result.signatures_checked, 4u);
  EXPECT_EQ(result.signatures_unavailable, 1u);
  EXPECT_EQ(result.log_files_checked, 5u);
}

TEST(DigestChain, FromS3EveryDigestIsCheckedByItsMetadata) {
  const Chain chain(5, true);
  const auto result = chain.check();
  EXPECT_TRUE(result.problems.empty());
  EXPECT_EQ(result.signatures_checked, 5u);
  EXPECT_EQ(result.signatures_unavailable, 0u);
}

TEST(DigestChain, AChangedLogFileIsAHashMismatch) {
  Chain chain(3);
  chain.evidence.log_files.at(log_name(1)).sha256 = aws::sha256("tampered");
  EXPECT_EQ(kinds(chain.check()), (std::vector<std::pair<DigestProblemKind, std::string>>{{DigestProblemKind::hash_mismatch, log_name(1)}}));
}

TEST(DigestChain, ADeletedLogFileIsMissingUnlessTheWindowLeavesItOut) {
  Chain chain(3);
  chain.evidence.log_files.erase(log_name(1));
  EXPECT_EQ(kinds(chain.check()), (std::vector<std::pair<DigestProblemKind, std::string>>{{DigestProblemKind::missing_log_file, log_name(1)}}));
  LogSelection other_account;
  other_account.accounts = {"999999999999"};
  EXPECT_TRUE(chain.check(other_account).problems.empty());
  // An unreadable file is the scan's error, not also a missing one.
  chain.evidence.unreadable.emplace(log_name(1), model::LogFileError{log_key(1), "truncated gzip"});
  EXPECT_TRUE(chain.check().problems.empty());
}

TEST(DigestChain, AChangedDigestBreaksTheHashChainAndItsSignature) {
  Chain chain(3);
  chain.evidence.digests[1].sha256_hex = aws::sha256_hex("edited digest");
  const auto found = kinds(chain.check());
  const auto name = std::string(file_name_of(digest_key(1)));
  EXPECT_EQ(found, (std::vector<std::pair<DigestProblemKind, std::string>>{{DigestProblemKind::broken_chain, name},
                                                                           {DigestProblemKind::bad_signature, name}}));
}

TEST(DigestChain, ADeletedDigestIsMissingAndItsPredecessorsSignatureUnavailable) {
  Chain chain(4);
  chain.evidence.digests.erase(chain.evidence.digests.begin() + 2);
  chain.evidence.log_files.erase(log_name(2));
  const auto result = chain.check();
  EXPECT_EQ(kinds(result), (std::vector<std::pair<DigestProblemKind, std::string>>{
                               {DigestProblemKind::missing_digest, std::string(file_name_of(digest_key(2)))}}));
  EXPECT_EQ(result.signatures_unavailable, 2u);  // hour 1 (its successor is gone) and hour 3 (the newest)
  EXPECT_EQ(result.signatures_checked, 1u);
}

TEST(DigestChain, ABadSignatureAWrongKeyAndAnUnknownFingerprint) {
  Chain chain(3, true);
  auto& signature = *chain.evidence.digests[2].signature;
  signature[0] = signature[0] == '0' ? '1' : '0';
  EXPECT_EQ(kinds(chain.check()), (std::vector<std::pair<DigestProblemKind, std::string>>{
                                      {DigestProblemKind::bad_signature, std::string(file_name_of(digest_key(2)))}}));

  Chain wrong(2, true);
  const test_support::TestRsaKey other;
  wrong.key = aws::RsaPublicKey::from_der(other.spki_der(), "other");
  EXPECT_EQ(wrong.check().problems.size(), 2u);
  for (const auto& problem : wrong.check().problems) EXPECT_EQ(problem.kind, DigestProblemKind::bad_signature);

  Chain unknown(2, true);
  unknown.evidence.digests[0].digest.public_key_fingerprint = "nobody";
  EXPECT_EQ(kinds(unknown.check()), (std::vector<std::pair<DigestProblemKind, std::string>>{
                                        {DigestProblemKind::unknown_key, std::string(file_name_of(digest_key(0)))}}));
}

TEST(DigestChain, S3MetadataWithoutASignatureIsNotAPass) {
  Chain chain(2, true);
  chain.evidence.digests[1].signature.reset();
  EXPECT_EQ(kinds(chain.check()), (std::vector<std::pair<DigestProblemKind, std::string>>{
                                      {DigestProblemKind::bad_signature, std::string(file_name_of(digest_key(1)))}}));
}

TEST(DigestChain, AnUnlistedLogFileInsideTheCoveredHoursIsReported) {
  Chain chain(3);
  const auto name = log_name(1, 7);
  chain.evidence.log_files.emplace(name, CollectedLogFile{log_key(1, 7), *parse_log_object_name(name), aws::sha256("x")});
  // Outside the digests' hours (after the newest one's end): not yet covered, not reported.
  const auto late = fmt::format("111122223333_CloudTrail_us-east-1_20261201T0345Z_{:016}.json.gz", 9);
  chain.evidence.log_files.emplace(late, CollectedLogFile{late, *parse_log_object_name(late), aws::sha256("y")});
  EXPECT_EQ(kinds(chain.check()), (std::vector<std::pair<DigestProblemKind, std::string>>{{DigestProblemKind::unlisted_log_file, name}}));
}

TEST(DigestChain, InsightsFilesAreCheckedWhenListedAndNeverUnlisted) {
  Chain chain(3);
  const std::string listed = "111122223333_CloudTrail-Insight_us-east-1_20261201T0110Z_iiiiiiiiiiiiiiii.json.gz";
  const std::string other = "111122223333_CloudTrail-Insight_us-east-1_20261201T0120Z_jjjjjjjjjjjjjjjj.json.gz";
  for (const auto& name : {listed, other})
    chain.evidence.log_files.emplace(name, CollectedLogFile{name, *parse_log_object_name(name), aws::sha256(name)});
  chain.evidence.digests[1].digest.log_files.push_back({"org-logs", "AWSLogs/x/" + listed, aws::hex_lower(aws::sha256(listed)), "SHA-256", {}, {}});
  auto result = chain.check();
  EXPECT_EQ(kinds(result), (std::vector<std::pair<DigestProblemKind, std::string>>{}));
  EXPECT_EQ(result.log_files_checked, 4u);
  chain.evidence.log_files.at(listed).sha256 = aws::sha256("changed");
  EXPECT_EQ(kinds(chain.check()), (std::vector<std::pair<DigestProblemKind, std::string>>{{DigestProblemKind::hash_mismatch, listed}}));
}

TEST(DigestChain, AListedFileWithANameCloudTrailWouldNotGiveIsMissing) {
  Chain chain(2);
  chain.evidence.digests[0].digest.log_files.push_back({"org-logs", "AWSLogs/renamed.json.gz", "00", "SHA-256", {}, {}});
  EXPECT_EQ(kinds(chain.check()), (std::vector<std::pair<DigestProblemKind, std::string>>{{DigestProblemKind::missing_log_file, "renamed.json.gz"}}));
}

TEST(DigestChain, AMovedDigestAndANewChainInTheMiddle) {
  Chain chain(3, true);
  chain.evidence.digests[0].key = "elsewhere/" + digest_key(0);
  chain.evidence.digests[2].digest.previous_s3_object.reset();
  const auto found = kinds(chain.check());
  const std::vector<std::pair<DigestProblemKind, std::string>> expected = {
      {DigestProblemKind::moved_digest, std::string(file_name_of(digest_key(0)))},
      {DigestProblemKind::broken_chain, std::string(file_name_of(digest_key(2)))}};  // hour 2 starts a new chain
  EXPECT_EQ(found, expected);
}

TEST(DigestChain, AnUnreadableDigestIsMalformedNotMissing) {
  Chain chain(3);
  const auto name = std::string(file_name_of(digest_key(1)));
  chain.evidence.digests.erase(chain.evidence.digests.begin() + 1);
  chain.evidence.log_files.erase(log_name(1));
  chain.evidence.unreadable.emplace(name, model::LogFileError{"tree/" + digest_key(1), "truncated gzip"});
  EXPECT_EQ(kinds(chain.check()), (std::vector<std::pair<DigestProblemKind, std::string>>{{DigestProblemKind::malformed_digest, name}}));
}

}  // namespace
}  // namespace trailguard::sources::logs
