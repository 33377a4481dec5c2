// EvidenceSink: where a live scan saves each answer it read, in the evidence layout (docs/evidence.md),
// so that `scan --evidence` on the result judges exactly what the live scan judged.
// Thread-safety: implementations must accept save() from several threads at once.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace trailguard::sources::evidence {

class EvidenceSink {
 public:
  virtual ~EvidenceSink() = default;
  // `base` as evidence_base() makes it ("describe-trails.eu-west-1"); `failed` chooses .error over .json.
  virtual void save(const std::string& base, std::string_view content, bool failed) = 0;
};

// Writes files into a directory (created if needed). Write failures are kept and reported by errors().
class DirectorySink : public EvidenceSink {
 public:
  explicit DirectorySink(std::filesystem::path directory);
  void save(const std::string& base, std::string_view content, bool failed) override;
  std::vector<std::string> errors() const;

 private:
  std::filesystem::path directory_;
  mutable std::mutex mutex_;
  std::vector<std::string> errors_;
};

// Keeps answers in memory until their directory is known (the caller's account in collect --org).
class MemorySink : public EvidenceSink {
 public:
  void save(const std::string& base, std::string_view content, bool failed) override;
  void replay_into(EvidenceSink& sink) const;

 private:
  struct Saved {
    std::string base;
    std::string content;
    bool failed;
  };
  mutable std::mutex mutex_;
  std::vector<Saved> saved_;
};

// The AWS CLI's wording of a failed call, which parse_aws_cli_error() reads back.
std::string aws_cli_error_text(std::string_view code, std::string_view operation, std::string_view message);

}  // namespace trailguard::sources::evidence
