#include "sources/evidence/evidence_sink.hpp"

#include <chrono>
#include <ctime>
#include <fstream>

#include "aws/digest.hpp"
#include "sources/evidence/evidence_files.hpp"
#include "sources/evidence/manifest.hpp"

namespace trailguard::sources::evidence {
namespace {

std::string utc_now() {
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

}  // namespace

CallRecord call_record(std::string_view kind, std::string region, std::string trail_arn) {
  std::string command;
  if (kind == kCallerIdentity) command = "aws sts get-caller-identity";
  else if (kind == kDescribeRegions) command = "aws ec2 describe-regions --all-regions";
  else if (kind == kDescribeTrails) command = "aws cloudtrail describe-trails --region " + region;
  else if (kind == kTrailStatus) command = "aws cloudtrail get-trail-status --name " + trail_arn + " --region " + region;
  else if (kind == kEventSelectors) command = "aws cloudtrail get-event-selectors --trail-name " + trail_arn + " --region " + region;
  else if (kind == kListAccounts) command = "aws organizations list-accounts";
  else if (kind == kDescribeOrganization) command = "aws organizations describe-organization";
  else command = std::string(kind);
  return {std::move(command), std::move(region), std::move(trail_arn)};
}

DirectorySink::DirectorySink(std::filesystem::path directory) : directory_(std::move(directory)) {
  std::error_code ec;
  std::filesystem::create_directories(directory_, ec);
  if (ec) errors_.push_back(directory_.string() + ": cannot create the directory: " + ec.message());
  std::filesystem::remove(directory_ / std::string(kManifest), ec);
}

void DirectorySink::save(const std::string& base, std::string_view content, bool failed, const CallRecord& record) {
  const auto file = base + std::string(failed ? kFailureSuffix : kAnswerSuffix);
  const auto path = directory_ / file;
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
  std::lock_guard lock(mutex_);
  if (ec) {
    errors_.push_back(path.string() + ": cannot write: " + ec.message());
    return;
  }
  // Appended after the file is in place: a line in the manifest always names a complete file.
  std::ofstream manifest(directory_ / std::string(kManifest), std::ios::binary | std::ios::app);
  manifest << manifest_line({file, record.command, record.region, record.trail_arn, utc_now(), aws::sha256_hex(content)});
  if (!manifest.flush()) errors_.push_back((directory_ / std::string(kManifest)).string() + ": cannot write");
}

std::vector<std::string> DirectorySink::errors() const {
  std::lock_guard lock(mutex_);
  return errors_;
}

void MemorySink::save(const std::string& base, std::string_view content, bool failed, const CallRecord& record) {
  std::lock_guard lock(mutex_);
  saved_.push_back({base, std::string(content), failed, record});
}

void MemorySink::replay_into(EvidenceSink& sink) const {
  std::lock_guard lock(mutex_);
  for (const auto& s : saved_) sink.save(s.base, s.content, s.failed, s.record);
}

std::string aws_cli_error_text(std::string_view code, std::string_view operation, std::string_view message) {
  return "\nAn error occurred (" + std::string(code.empty() ? "Unknown" : code) + ") when calling the " +
         std::string(operation) + " operation: " + std::string(message) + "\n";
}

}  // namespace trailguard::sources::evidence
