// EvidenceSink: where a live scan saves each answer it read, in the evidence layout (docs/evidence.md),
// so that `scan --evidence` on the result judges exactly what the live scan judged. Each answer comes with
// the record of the call that made it, which a DirectorySink writes to the directory's manifest.jsonl.
// Thread-safety: implementations must accept save() from several threads at once.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace trailguard::sources::evidence {

// What a saved answer answers: the AWS CLI command that stands for the call, and the region and trail it was
// made for ("" when not bound to one).
struct CallRecord {
  std::string command;
  std::string region;
  std::string trail_arn;
};

// The record of a call of evidence kind `kind` (evidence_files.hpp: kDescribeTrails, kTrailStatus, ...).
CallRecord call_record(std::string_view kind, std::string region = {}, std::string trail_arn = {});

class EvidenceSink {
 public:
  virtual ~EvidenceSink() = default;
  // `base` as evidence_base() makes it ("describe-trails.eu-west-1"); `failed` chooses .error over .json.
  virtual void save(const std::string& base, std::string_view content, bool failed, const CallRecord& record) = 0;
};

// Writes files into a directory (created if needed), and a line per file to its manifest.jsonl, which it
// starts anew: the manifest describes this collection only, so a file left from an earlier one is not
// taken for part of it. Write failures are kept and reported by errors().
class DirectorySink : public EvidenceSink {
 public:
  explicit DirectorySink(std::filesystem::path directory);
  void save(const std::string& base, std::string_view content, bool failed, const CallRecord& record) override;
  std::vector<std::string> errors() const;

 private:
  std::filesystem::path directory_;
  mutable std::mutex mutex_;
  std::vector<std::string> errors_;
};

// Keeps answers in memory until their directory is known (the caller's account in collect --org).
class MemorySink : public EvidenceSink {
 public:
  void save(const std::string& base, std::string_view content, bool failed, const CallRecord& record) override;
  void replay_into(EvidenceSink& sink) const;

 private:
  struct Saved {
    std::string base;
    std::string content;
    bool failed;
    CallRecord record;
  };
  mutable std::mutex mutex_;
  std::vector<Saved> saved_;
};

// The AWS CLI's wording of a failed call, which parse_aws_cli_error() reads back.
std::string aws_cli_error_text(std::string_view code, std::string_view operation, std::string_view message);

}  // namespace trailguard::sources::evidence
