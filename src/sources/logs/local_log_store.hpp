// LocalLogStore: CloudTrail's files in a local directory tree (a copy of a log bucket at any depth), or one
// file. Folders are walked in name order, so each (account, region)'s files come in time order and a
// region's dedupe state can be dropped as soon as the walk leaves it.
#pragma once

#include <filesystem>

#include "sources/logs/log_store.hpp"

namespace trailguard::sources::logs {

class LocalLogStore : public LogStore {
 public:
  explicit LocalLogStore(std::filesystem::path root);

  void list(const LogSelection& selection, const std::function<void(LogObject)>& visit,
            const std::function<void(ListingProblem)>& problem) override;
  Result<ObjectRead> read(const LogObject& object, std::string& bytes, std::uint64_t max_bytes) override;
  std::string describe(const LogObject& object) const override;
  std::optional<std::string> bucket() const override { return std::nullopt; }
  bool has_metadata() const override { return false; }

 private:
  std::filesystem::path root_;
};

}  // namespace trailguard::sources::logs
