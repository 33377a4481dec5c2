// The AWS CLI's two shared files, loaded and mapped to profiles as botocore does:
//   config file       "[default]" and "[profile NAME]" are profiles, "[sso-session NAME]" SSO sessions;
//   credentials file  every "[NAME]" is profile NAME (no "profile " prefix there).
// full_profiles is botocore's session.full_config: the config file's profiles with the credentials
// file's keys laid over them (the credentials file wins key by key). Settings such as role_arn,
// credential_process or region are read from it; the static-key providers read each file on its own.
// A missing file counts as empty; an unreadable or invalid one is an error.
// A value type; share it between threads only as const.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "aws/credentials/ini_file.hpp"
#include "base/result.hpp"

namespace trailguard::aws {

using ProfileValues = std::map<std::string, IniValue>;

struct SharedConfig {
  std::filesystem::path config_path;
  std::filesystem::path credentials_path;
  bool config_exists = false;
  bool credentials_exists = false;
  std::map<std::string, ProfileValues> config_profiles;
  std::map<std::string, ProfileValues> credentials_profiles;
  std::map<std::string, ProfileValues> sso_sessions;
  std::map<std::string, ProfileValues> full_profiles;

  bool has_profile(const std::string& profile) const { return full_profiles.count(profile) != 0; }
  // A plain (not nested) value of the profile in full_profiles; nullopt when absent.
  std::optional<std::string> get(const std::string& profile, const std::string& key) const;
  bool has(const std::string& profile, const std::string& key) const;
};

Result<SharedConfig> load_shared_config(const std::filesystem::path& config_file,
                                        const std::filesystem::path& credentials_file);

// One section's values as a profile, from either file: nullptr when absent.
const ProfileValues* find_profile(const std::map<std::string, ProfileValues>& profiles, const std::string& name);

// A plain value from one profile's values.
std::optional<std::string> get_value(const ProfileValues& values, const std::string& key);

}  // namespace trailguard::aws
