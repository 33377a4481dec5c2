#include "cli/report_files.hpp"

#include <filesystem>

#include "base/log.hpp"

namespace trailguard::cli {

std::vector<std::string> split_formats(const std::string& list) {
  std::vector<std::string> names;
  std::size_t start = 0;
  for (std::size_t comma; (comma = list.find(',', start)) != std::string::npos; start = comma + 1) names.push_back(list.substr(start, comma - start));
  names.push_back(list.substr(start));
  return names;
}

std::optional<std::vector<std::unique_ptr<std::ofstream>>> open_report_files(
    const std::vector<std::string>& names, const std::string& out_file, const std::string& out_dir,
    const std::function<std::string(const std::string& name)>& file_name) {
  if (!out_dir.empty() && !out_file.empty()) {
    log_error("--out and --out-dir cannot be used together");
    return std::nullopt;
  }
  if (names.size() > 1 && out_dir.empty()) {
    std::string list;
    for (const auto& name : names) list += (list.empty() ? "" : ",") + name;
    log_error("-o " + list + " names several formats: give --out-dir DIR for their files");
    return std::nullopt;
  }
  if (!out_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(out_dir, ec);
    if (!std::filesystem::is_directory(out_dir)) {
      log_error(out_dir + ": cannot make the report directory" + (ec ? " (" + ec.message() + ")" : ""));
      return std::nullopt;
    }
  }
  std::vector<std::unique_ptr<std::ofstream>> files;
  for (const auto& name : names) {
    if (out_dir.empty() && out_file.empty()) {
      files.push_back(nullptr);
      continue;
    }
    const auto path = out_dir.empty() ? std::filesystem::path(out_file) : std::filesystem::path(out_dir) / file_name(name);
    auto file = std::make_unique<std::ofstream>(path, std::ios::binary | std::ios::trunc);
    if (!*file) {
      log_error(path.string() + ": cannot write the report");
      return std::nullopt;
    }
    files.push_back(std::move(file));
  }
  return files;
}

}  // namespace trailguard::cli
