// Where a command's reports go — standard output, --out FILE, or one file per format under --out-dir DIR —
// for every command that writes reports (scan and the rest through ReportOutputs, logs through its own table).
#pragma once

#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace trailguard::cli {

// "json,html" -> {"json", "html"}.
std::vector<std::string> split_formats(const std::string& list);

// One destination per format name, opened before anything is read so that an unwritable one is a usage error
// at once, never after a long scan: a null file is standard output. Several formats need --out-dir, whose
// files `file_name(name)` names. nullopt after logging why.
std::optional<std::vector<std::unique_ptr<std::ofstream>>> open_report_files(
    const std::vector<std::string>& names, const std::string& out_file, const std::string& out_dir,
    const std::function<std::string(const std::string& name)>& file_name);

}  // namespace trailguard::cli
