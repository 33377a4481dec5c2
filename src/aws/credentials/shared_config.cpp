#include "aws/credentials/shared_config.hpp"

#include <system_error>
#include <utility>

#include "aws/credentials/shell_split.hpp"
#include "base/file.hpp"

namespace trailguard::aws {
namespace {

// Missing (or not a regular file, as os.path.isfile): nullopt, which botocore treats as an empty file.
Result<std::optional<IniFile>> load_ini(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::optional<IniFile>{};
  auto text = read_file(path);
  if (!text) return text.error();
  auto parsed = parse_ini(*text, path.string());
  if (!parsed) return parsed.error();
  return std::optional<IniFile>{std::move(parsed.value())};
}

// botocore's _parse_section: "profile NAME" -> NAME when the header is exactly two shell words.
std::optional<std::string> second_word(const std::string& header) {
  auto words = shell_split(header);
  if (!words || words->size() != 2) return std::nullopt;
  return (*words)[1];
}

bool starts_with(const std::string& text, std::string_view prefix) { return text.rfind(prefix, 0) == 0; }

}  // namespace

const ProfileValues* find_profile(const std::map<std::string, ProfileValues>& profiles, const std::string& name) {
  const auto it = profiles.find(name);
  return it == profiles.end() ? nullptr : &it->second;
}

std::optional<std::string> get_value(const ProfileValues& values, const std::string& key) {
  const auto it = values.find(key);
  if (it == values.end() || it->second.nested) return std::nullopt;
  return it->second.text;
}

std::optional<std::string> SharedConfig::get(const std::string& profile, const std::string& key) const {
  const ProfileValues* values = find_profile(full_profiles, profile);
  return values == nullptr ? std::nullopt : get_value(*values, key);
}

bool SharedConfig::has(const std::string& profile, const std::string& key) const {
  const ProfileValues* values = find_profile(full_profiles, profile);
  return values != nullptr && values->count(key) != 0;
}

Result<SharedConfig> load_shared_config(const std::filesystem::path& config_file,
                                        const std::filesystem::path& credentials_file) {
  SharedConfig shared;
  shared.config_path = config_file;
  shared.credentials_path = credentials_file;

  auto config = load_ini(config_file);
  if (!config) return config.error();
  if (config->has_value()) {
    shared.config_exists = true;
    // Later sections win when two name the same profile ("[default]" and "[profile default]"),
    // as botocore's dict.update does.
    for (const IniSection& section : (*config)->sections) {
      if (starts_with(section.name, "profile")) {
        if (auto name = second_word(section.name)) shared.config_profiles[*name] = section.values;
      } else if (starts_with(section.name, "sso-session")) {
        if (auto name = second_word(section.name)) shared.sso_sessions[*name] = section.values;
      } else if (section.name == "default") {
        shared.config_profiles["default"] = section.values;
      }
    }
  }

  auto credentials = load_ini(credentials_file);
  if (!credentials) return credentials.error();
  if (credentials->has_value()) {
    shared.credentials_exists = true;
    for (const IniSection& section : (*credentials)->sections) {
      shared.credentials_profiles[section.name] = section.values;
    }
  }

  shared.full_profiles = shared.config_profiles;
  for (const auto& [name, values] : shared.credentials_profiles) {
    ProfileValues& merged = shared.full_profiles[name];
    for (const auto& [key, value] : values) merged[key] = value;
  }
  return shared;
}

}  // namespace trailguard::aws
