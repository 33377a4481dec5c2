// Reading whole files into memory, with errors that name the file.
#pragma once

#include <filesystem>
#include <string>

#include "base/result.hpp"

namespace trailguard {

Result<std::string> read_file(const std::filesystem::path& path);

}  // namespace trailguard
