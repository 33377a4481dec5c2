#include "sources/evidence/evidence_sink.hpp"

#include <fstream>

#include "sources/evidence/evidence_files.hpp"

namespace trailguard::sources::evidence {

DirectorySink::DirectorySink(std::filesystem::path directory) : directory_(std::move(directory)) {
  std::error_code ec;
  std::filesystem::create_directories(directory_, ec);
  if (ec) errors_.push_back(directory_.string() + ": cannot create the directory: " + ec.message());
}

void DirectorySink::save(const std::string& base, std::string_view content, bool failed) {
  const auto path = directory_ / (base + std::string(failed ? kFailureSuffix : kAnswerSuffix));
  // Write then rename, so an interrupted collection never leaves a half file that looks complete.
  const auto partial = path.string() + ".partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out.flush()) {
      std::lock_guard lock(mutex_);
      errors_.push_back(partial + ": cannot write");
      return;
    }
  }
  std::error_code ec;
  // A call saved twice (a retry of the collection) keeps only its latest outcome.
  std::filesystem::remove(directory_ / (base + std::string(failed ? kAnswerSuffix : kFailureSuffix)), ec);
  std::filesystem::rename(partial, path, ec);
  if (ec) {
    std::lock_guard lock(mutex_);
    errors_.push_back(path.string() + ": cannot write: " + ec.message());
  }
}

std::vector<std::string> DirectorySink::errors() const {
  std::lock_guard lock(mutex_);
  return errors_;
}

void MemorySink::save(const std::string& base, std::string_view content, bool failed) {
  std::lock_guard lock(mutex_);
  saved_.push_back({base, std::string(content), failed});
}

void MemorySink::replay_into(EvidenceSink& sink) const {
  std::lock_guard lock(mutex_);
  for (const auto& s : saved_) sink.save(s.base, s.content, s.failed);
}

std::string aws_cli_error_text(std::string_view code, std::string_view operation, std::string_view message) {
  return "\nAn error occurred (" + std::string(code.empty() ? "Unknown" : code) + ") when calling the " +
         std::string(operation) + " operation: " + std::string(message) + "\n";
}

}  // namespace trailguard::sources::evidence
