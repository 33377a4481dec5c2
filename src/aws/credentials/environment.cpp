#include "aws/credentials/environment.hpp"

#include <cstdlib>

namespace trailguard::aws {
namespace {
bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
}  // namespace

EnvLookup process_environment() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

std::optional<std::string> non_empty(const EnvLookup& env, std::string_view name) {
  auto value = env(name);
  if (!value || value->empty()) return std::nullopt;
  return value;
}

std::filesystem::path expand_path(std::string_view path, const EnvLookup& env) {
  std::string out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] != '$') {
      out += path[i++];
      continue;
    }
    std::size_t start = i + 1;
    std::size_t end = start;
    bool braced = start < path.size() && path[start] == '{';
    if (braced) {
      end = path.find('}', start + 1);
      if (end == std::string_view::npos) {
        out += path.substr(i);
        break;
      }
      const auto name = path.substr(start + 1, end - start - 1);
      const auto value = env(name);
      out += value ? *value : std::string(path.substr(i, end + 1 - i));
      i = end + 1;
      continue;
    }
    while (end < path.size() && is_name_char(path[end])) ++end;
    if (end == start) {
      out += '$';
      ++i;
      continue;
    }
    const auto value = env(path.substr(start, end - start));
    out += value ? *value : std::string(path.substr(i, end - i));
    i = end;
  }
  if (!out.empty() && out[0] == '~' && (out.size() == 1 || out[1] == '/')) {
    if (const auto home = non_empty(env, "HOME")) out = *home + out.substr(1);
  }
  return std::filesystem::path(out);
}

}  // namespace trailguard::aws
