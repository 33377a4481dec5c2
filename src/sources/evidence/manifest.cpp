#include "sources/evidence/manifest.hpp"

#include <nlohmann/json.hpp>

#include "aws/digest.hpp"
#include "base/file.hpp"
#include "sources/json_input.hpp"

namespace trailguard::sources::evidence {
namespace fs = std::filesystem;

std::string manifest_line(const ManifestEntry& entry) {
  nlohmann::ordered_json line = {{"file", entry.file}, {"command", entry.command}};
  if (!entry.region.empty()) line["region"] = entry.region;
  if (!entry.trail_arn.empty()) line["trail_arn"] = entry.trail_arn;
  line["time"] = entry.time;
  if (!entry.sha256.empty()) line["sha256"] = entry.sha256;
  return line.dump() + "\n";
}

Result<std::optional<Manifest>> Manifest::load(const fs::path& directory) {
  const auto path = directory / std::string(kManifest);
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return std::optional<Manifest>();
  auto text = read_file(path);
  if (!text) return text.error();
  auto manifest = parse(*text, path.string());
  if (!manifest) return manifest.error();
  return std::optional<Manifest>(std::move(*manifest));
}

Result<Manifest> Manifest::parse(std::string_view text, std::string path) {
  Manifest manifest;
  manifest.path_ = std::move(path);
  std::string_view rest = text;
  for (std::size_t number = 1; !rest.empty(); ++number) {
    const auto end = rest.find('\n');
    const auto line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;

    const std::string input = manifest.path_ + ":" + std::to_string(number);
    auto root = parse_json(line, input);
    if (!root) return root.error();
    const auto at = json_root(*root, input);
    if (!at.is_object()) return at.shape_error("an object");
    Line parsed{{}, number};
    for (auto [key, target, required] : {std::tuple{"file", &parsed.entry.file, true}, std::tuple{"command", &parsed.entry.command, true},
                                         std::tuple{"region", &parsed.entry.region, false},
                                         std::tuple{"trail_arn", &parsed.entry.trail_arn, false},
                                         std::tuple{"time", &parsed.entry.time, false},
                                         std::tuple{"sha256", &parsed.entry.sha256, false}}) {
      auto value = optional_string(at, key);
      if (!value) return value.error();
      if (required && value->empty())
        return make_error(ErrorKind::malformed_input, input, std::string(key) + " is missing (expected a manifest line)");
      *target = std::move(*value);
    }
    auto file = parsed.entry.file;
    manifest.by_file_[std::move(file)] = std::move(parsed);
  }
  return manifest;
}

std::optional<std::string> Manifest::disagreement(const fs::path& path, std::string_view content, std::string_view region,
                                                  std::string_view trail_arn) const {
  const auto file = path.filename().string();
  const auto found = by_file_.find(file);
  if (found == by_file_.end())
    return path.string() + " is not listed in " + path_ + ": it was not written by the collection the manifest describes";
  const auto& [entry, number] = found->second;
  const auto where = path_ + ":" + std::to_string(number);
  if (!region.empty() && entry.region != region)
    return where + " records " + file + " as made in region " + (entry.region.empty() ? "(none)" : entry.region) + " (`" +
           entry.command + "`), not in " + std::string(region);
  if (!trail_arn.empty() && entry.trail_arn != trail_arn)
    return where + " records " + file + " as made for trail " + (entry.trail_arn.empty() ? "(none)" : entry.trail_arn) +
           " (`" + entry.command + "`), not for " + std::string(trail_arn);
  if (!entry.sha256.empty() && entry.sha256 != aws::sha256_hex(content))
    return path.string() + " is not the file " + where + " records (its SHA-256 differs): it was changed or swapped "
                           "after the collection";
  return std::nullopt;
}

}  // namespace trailguard::sources::evidence
