#include "sources/logs/digest_validator.hpp"

#include <algorithm>
#include <map>

namespace trailguard::sources::logs {

void DigestValidator::add(const LogObject& object, const std::string& described, std::string_view inflated,
                          const ObjectRead& read) {
  // The hashing and parsing happen outside the lock: they are the cost, and each worker has its own file.
  switch (object.name.kind) {
    case LogObjectKind::insight:  // hashed too: a digest may list them
    case LogObjectKind::log: {
      CollectedLogFile file{described, object.name, aws::sha256(inflated)};
      std::string name(file_name_of(object.key));
      std::lock_guard lock(mutex_);
      evidence_.log_files.try_emplace(std::move(name), std::move(file));
      return;
    }
    case LogObjectKind::digest: {
      auto digest = parse_log_digest(inflated, described);
      if (!digest) {
        std::lock_guard lock(mutex_);
        evidence_.problems.push_back({model::DigestProblemKind::malformed_digest, object.name.account_id, object.name.region,
                                      described, digest.error().message});
        return;
      }
      CollectedDigest entry{described, object.key, object.name, aws::sha256_hex(inflated), std::move(*digest),
                            read.has_metadata, read.bucket, read.signature};
      std::lock_guard lock(mutex_);
      if (digest_names_.insert(std::string(file_name_of(object.key))).second) evidence_.digests.push_back(std::move(entry));
      return;
    }
  }
}

std::vector<DigestValidator::KeyWindow> DigestValidator::key_windows() const {
  std::map<std::string, KeyWindow> windows;
  for (const auto& entry : evidence_.digests) {
    auto [it, added] = windows.try_emplace(entry.name.trail_home_region,
                                           KeyWindow{entry.name.trail_home_region, entry.digest.start_time, entry.digest.end_time});
    if (!added) {
      it->second.start = std::min(it->second.start, entry.digest.start_time);
      it->second.end = std::max(it->second.end, entry.digest.end_time);
    }
  }
  std::vector<KeyWindow> result;
  for (auto& [region, window] : windows) result.push_back(window);
  return result;
}

model::DigestValidation DigestValidator::finish(const std::vector<model::LogFileError>& errors, const DigestKeys& keys) {
  for (const auto& error : errors) evidence_.unreadable.try_emplace(std::string(file_name_of(error.file)), error);
  return check_digests(evidence_, selection_,
                       [&](const std::string& fingerprint, const std::string&) { return keys.find(fingerprint); });
}

}  // namespace trailguard::sources::logs
