// LocalLogStore: CloudTrail's files in a local directory tree (a copy of a log bucket at any depth), or one
// file. Folders are walked in name order, so each (account, region)'s files come in time order and a
// region's dedupe state can be dropped as soon as the walk leaves it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

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
  // The object's file, opened relative to its folder (kept open per thread); -1 with errno set on failure.
  int open_file(const LogObject& object) const;

  std::filesystem::path root_;
  std::string root_text_;
  std::uint64_t id_;  // tells one store's folder handles from another's (stores come and go at one address)
};

}  // namespace trailguard::sources::logs
