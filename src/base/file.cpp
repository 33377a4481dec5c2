#include "base/file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace trailguard {

Result<std::string> read_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    return make_error(ErrorKind::not_found, path.string(), "file does not exist");
  if (std::filesystem::is_directory(path, ec))
    return make_error(ErrorKind::invalid_argument, path.string(), "is a directory, expected a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorKind::not_found, path.string(), std::string("cannot open: ") + std::strerror(errno));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return make_error(ErrorKind::malformed_input, path.string(), "read failed");
  return buffer.str();
}

}  // namespace trailguard
