// The collection manifest (manifest.jsonl): one JSON line per file that `collect` or `evidence-script` wrote,
// naming the command that produced it, the region and trail it was made for, and when. GetTrailStatus answers
// carry no identity of their own, so the manifest is what ties them to a trail; when a directory has one,
// `scan --evidence` takes no file that the manifest does not list for the trail and region it is read as,
// nor one whose bytes are not those the manifest's SHA-256 records (two files swapped after collection).
// It guards against mix-ups, not forgery: whoever can edit the files can edit the manifest too.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace trailguard::sources::evidence {

inline constexpr std::string_view kManifest = "manifest.jsonl";

struct ManifestEntry {
  std::string file;       // the file's name in its directory: "get-trail-status.111111111111.us-east-1.main.json"
  std::string command;    // the AWS CLI command that stands for the call
  std::string region;     // where it was called; "" when not region-bound
  std::string trail_arn;  // the trail it was made for; "" when none
  std::string time;       // UTC, ISO 8601
  std::string sha256;     // of the file's bytes (lowercase hex); "" when the writer could not compute it
};

// One manifest line for `entry` (with its newline), as both writers write it.
std::string manifest_line(const ManifestEntry& entry);

class Manifest {
 public:
  // The directory's manifest; nullopt when it has none. A malformed line is an error naming file and line.
  static Result<std::optional<Manifest>> load(const std::filesystem::path& directory);
  // The manifest in `text`, read from `path` (named in errors, with the line).
  static Result<Manifest> parse(std::string_view text, std::string path);

  // Why `file` (in the manifest's directory), holding `content`, cannot be read as the answer made in
  // `region` for `trail_arn` ("" checks nothing of that part); nullopt when the manifest agrees.
  std::optional<std::string> disagreement(const std::filesystem::path& file, std::string_view content,
                                          std::string_view region, std::string_view trail_arn) const;

 private:
  struct Line {
    ManifestEntry entry;
    std::size_t number = 0;
  };
  std::string path_;
  std::map<std::string, Line> by_file_;  // the last line for each file: a call saved again replaces its file
};

}  // namespace trailguard::sources::evidence
