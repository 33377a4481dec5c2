#include "sources/logs/digest_chain.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "aws/encoding.hpp"

namespace trailguard::sources::logs {
namespace {

using model::DigestProblemKind;

bool same_hex(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x >= 'A' && x <= 'Z' ? x + 32 : x) == (y >= 'A' && y <= 'Z' ? y + 32 : y);
         });
}

// Whether the run was meant to hold the file of that name: a file the window or --accounts/--region leaves out is
// not missing. A name CloudTrail would not give its files is never in a source, so it is missing too.
bool in_selection(std::string_view file_name, const LogSelection& selection) {
  const auto name = parse_log_object_name(file_name);
  return !name || selection.wants(*name);
}

class Checker {
 public:
  Checker(const DigestEvidence& evidence, const LogSelection& selection, const DigestKeyLookup& key_for)
      : evidence_(evidence), selection_(selection), key_for_(key_for) {
    for (std::size_t i = 0; i < evidence.digests.size(); ++i)
      by_name_.emplace(std::string(file_name_of(evidence.digests[i].key)), i);
    successor_.assign(evidence.digests.size(), npos);
  }

  model::DigestValidation run() {
    result_.problems = evidence_.problems;
    for (const auto& unreadable : evidence_.unreadable) {
      const auto& error = unreadable.second;  // a named reference: lambdas may not capture structured bindings (clang)
      const auto parsed = parse_log_object_name(unreadable.first);
      const bool reported = std::any_of(result_.problems.begin(), result_.problems.end(),
                                        [&](const auto& known) { return known.file == error.file; });
      if (parsed && parsed->kind == LogObjectKind::digest && !reported)
        problem(DigestProblemKind::malformed_digest, parsed->account_id, parsed->region, error.file, "cannot be read: " + error.error);
    }
    for (const auto& chain : chains()) check_chain(chain);
    for (std::size_t i = 0; i < evidence_.digests.size(); ++i) check_signature(i);
    check_unlisted();
    std::sort(result_.problems.begin(), result_.problems.end(), [](const auto& a, const auto& b) {
      return std::tie(a.account_id, a.region, a.file, a.kind) < std::tie(b.account_id, b.region, b.file, b.kind);
    });
    return std::move(result_);
  }

 private:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  void problem(DigestProblemKind kind, const std::string& account, const std::string& region, std::string file,
               std::string detail) {
    result_.problems.push_back({kind, account, region, std::move(file), std::move(detail)});
  }
  void problem(DigestProblemKind kind, const CollectedDigest& digest, std::string detail) {
    problem(kind, digest.name.account_id, digest.name.region, digest.described, std::move(detail));
  }

  // Each chain's digests, oldest first.
  std::vector<std::vector<std::size_t>> chains() const {
    std::map<std::tuple<std::string, std::string, std::string, std::string>, std::vector<std::size_t>> grouped;
    for (std::size_t i = 0; i < evidence_.digests.size(); ++i) {
      const auto& name = evidence_.digests[i].name;
      grouped[{name.account_id, name.region, name.trail_name, name.trail_home_region}].push_back(i);
    }
    std::vector<std::vector<std::size_t>> chains;
    for (auto& [key, members] : grouped) {
      std::sort(members.begin(), members.end(), [&](std::size_t a, std::size_t b) {
        const auto& x = evidence_.digests[a];
        const auto& y = evidence_.digests[b];
        return std::tie(x.digest.end_time, x.key) < std::tie(y.digest.end_time, y.key);
      });
      chains.push_back(std::move(members));
    }
    return chains;
  }

  void check_chain(const std::vector<std::size_t>& chain) {
    for (std::size_t position = 0; position < chain.size(); ++position) {
      const auto& entry = evidence_.digests[chain[position]];
      ++result_.digests_checked;
      check_location(entry);
      check_log_files(entry);
      const auto& previous = entry.digest.previous_s3_object;
      if (!previous) {
        if (position > 0)
          problem(DigestProblemKind::broken_chain, entry,
                  "starts a new chain (no previous digest) although " + evidence_.digests[chain[position - 1]].described +
                      " came before it: log file validation or logging was off in between");
        continue;
      }
      const auto previous_name = std::string(file_name_of(*previous));
      const auto found = by_name_.find(previous_name);
      if (found == by_name_.end()) {
        if (!evidence_.unreadable.count(previous_name) && in_selection(previous_name, selection_))
          problem(DigestProblemKind::missing_digest, entry.name.account_id, entry.name.region, previous_name,
                  "the previous digest that " + entry.described + " names is not in the source");
        continue;
      }
      const auto previous_index = found->second;
      const auto& before = evidence_.digests[previous_index];
      if (successor_[previous_index] != npos) {
        problem(DigestProblemKind::broken_chain, entry,
                "names " + before.described + " as its previous digest, as " +
                    evidence_.digests[successor_[previous_index]].described + " does");
      } else {
        successor_[previous_index] = chain[position];
      }
      ++result_.chain_links_checked;
      if (entry.digest.previous_hash_algorithm && *entry.digest.previous_hash_algorithm != "SHA-256")
        problem(DigestProblemKind::broken_chain, entry,
                "previousDigestHashAlgorithm \"" + *entry.digest.previous_hash_algorithm + "\" is not SHA-256");
      else if (!entry.digest.previous_hash_value || !same_hex(*entry.digest.previous_hash_value, before.sha256_hex))
        problem(DigestProblemKind::broken_chain, before,
                "its SHA-256 " + before.sha256_hex + " is not the previousDigestHashValue " +
                    entry.digest.previous_hash_value.value_or("(none)") + " that " + entry.described + " records");
    }
  }

  void check_location(const CollectedDigest& entry) {
    const auto& digest = entry.digest;
    const bool moved = entry.has_metadata ? digest.s3_bucket != entry.bucket || digest.s3_object != entry.key
                                          : file_name_of(digest.s3_object) != file_name_of(entry.key);
    if (moved)
      problem(DigestProblemKind::moved_digest, entry,
              "names itself s3://" + digest.s3_bucket + "/" + digest.s3_object + ": it has been moved or renamed");
  }

  void check_log_files(const CollectedDigest& entry) {
    for (const auto& listed : entry.digest.log_files) {
      const auto name = std::string(file_name_of(listed.s3_object));
      listed_.insert(name);
      const auto found = evidence_.log_files.find(name);
      if (found == evidence_.log_files.end()) {
        if (!evidence_.unreadable.count(name) && in_selection(name, selection_))
          problem(DigestProblemKind::missing_log_file, entry.name.account_id, entry.name.region,
                  "s3://" + listed.s3_bucket + "/" + listed.s3_object, "listed by " + entry.described + ", not in the source");
        continue;
      }
      ++result_.log_files_checked;
      const auto actual = aws::hex_lower(found->second.sha256);
      if (listed.hash_algorithm != "SHA-256")
        problem(DigestProblemKind::hash_mismatch, found->second.name.account_id, found->second.name.region,
                found->second.described, "listed by " + entry.described + " with hashAlgorithm \"" + listed.hash_algorithm + "\", not SHA-256");
      else if (!same_hex(listed.hash_value, actual))
        problem(DigestProblemKind::hash_mismatch, found->second.name.account_id, found->second.name.region,
                found->second.described,
                "its SHA-256 " + actual + " is not the " + listed.hash_value + " that " + entry.described + " lists");
    }
  }

  void check_signature(std::size_t index) {
    const auto& entry = evidence_.digests[index];
    const auto successor = successor_[index];
    std::optional<std::string> signature;
    if (entry.has_metadata) {
      if (!entry.signature) {
        problem(DigestProblemKind::bad_signature, entry, "the S3 object has no x-amz-meta-signature");
        return;
      }
      signature = entry.signature;
      const auto& recorded = successor != npos ? evidence_.digests[successor].digest.previous_signature : std::nullopt;
      if (recorded && !same_hex(*recorded, *signature))
        problem(DigestProblemKind::broken_chain, entry,
                "its signature differs from the previousDigestSignature " + evidence_.digests[successor].described + " records");
    } else if (successor != npos) {
      signature = evidence_.digests[successor].digest.previous_signature;
      if (!signature) {
        problem(DigestProblemKind::bad_signature, entry,
                evidence_.digests[successor].described + " names it as its previous digest but records no signature of it");
        return;
      }
    } else {
      ++result_.signatures_unavailable;  // the newest of its chain, offline: its signature is only in S3's metadata
      return;
    }
    const auto& digest = entry.digest;
    if (digest.signature_algorithm != "SHA256withRSA") {
      problem(DigestProblemKind::bad_signature, entry, "digestSignatureAlgorithm \"" + digest.signature_algorithm + "\" is not SHA256withRSA");
      return;
    }
    const auto* key = key_for_(digest.public_key_fingerprint, entry.name.trail_home_region);
    if (!key) {
      problem(DigestProblemKind::unknown_key, entry,
              "no public key has the fingerprint " + digest.public_key_fingerprint + " (region " + entry.name.trail_home_region + ")");
      return;
    }
    const auto bytes = aws::hex_decode(*signature);
    if (!bytes || !key->verify_sha256(digest_string_to_sign(digest, entry.sha256_hex), *bytes)) {
      problem(DigestProblemKind::bad_signature, entry,
              bytes ? "the signature does not verify with the key " + digest.public_key_fingerprint : "the signature is not hex");
      return;
    }
    ++result_.signatures_checked;
  }

  // A log file delivered inside the hours its (account, region)'s digests cover must be listed by one.
  void check_unlisted() {
    std::map<std::pair<std::string, std::string>, std::pair<std::int64_t, std::int64_t>> covered;
    for (const auto& entry : evidence_.digests) {
      const auto key = std::make_pair(entry.name.account_id, entry.name.region);
      auto [it, added] = covered.try_emplace(key, entry.digest.start_time, entry.digest.end_time);
      if (!added) {
        it->second.first = std::min(it->second.first, entry.digest.start_time);
        it->second.second = std::max(it->second.second, entry.digest.end_time);
      }
    }
    // An unreadable digest's hour (it ends at the time in its name) cannot say what it lists: its files are
    // neither listed nor unlisted.
    std::map<std::pair<std::string, std::string>, std::vector<std::int64_t>> unreadable_ends;
    for (const auto& [name, error] : evidence_.unreadable)
      if (const auto parsed = parse_log_object_name(name); parsed && parsed->kind == LogObjectKind::digest)
        unreadable_ends[{parsed->account_id, parsed->region}].push_back(parsed->time);
    for (const auto& seen : evidence_.log_files) {
      const auto& file = seen.second;
      // Insights files are checked when a digest lists them; whether every one must be listed is not documented.
      if (listed_.count(seen.first) || file.name.kind != LogObjectKind::log) continue;
      if (const auto ends = unreadable_ends.find({file.name.account_id, file.name.region}); ends != unreadable_ends.end() &&
          std::any_of(ends->second.begin(), ends->second.end(),
                      [&](std::int64_t end) { return file.name.time >= end - 3600 && file.name.time <= end; }))
        continue;
      const auto range = covered.find({file.name.account_id, file.name.region});
      if (range == covered.end()) continue;
      // Names carry the delivery minute: a file of the newest digest's last minute may belong to the next digest.
      if (file.name.time < range->second.first || file.name.time + 60 > range->second.second) continue;
      problem(DigestProblemKind::unlisted_log_file, file.name.account_id, file.name.region, file.described,
              "delivered inside the hours the digests cover, but no digest lists it");
    }
  }

  const DigestEvidence& evidence_;
  const LogSelection& selection_;
  const DigestKeyLookup& key_for_;
  std::unordered_map<std::string, std::size_t> by_name_;
  std::vector<std::size_t> successor_;
  std::set<std::string> listed_;
  model::DigestValidation result_;
};

}  // namespace

std::string_view file_name_of(std::string_view path) {
  const auto slash = path.find_last_of("/\\");
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

model::DigestValidation check_digests(const DigestEvidence& evidence, const LogSelection& selection,
                                      const DigestKeyLookup& key_for) {
  return Checker(evidence, selection, key_for).run();
}

}  // namespace trailguard::sources::logs
