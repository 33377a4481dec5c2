// Reading environment variables through an injectable lookup (tests pass a map instead of changing the
// process environment), and expanding "~" and "$VAR" in file paths as botocore does for
// AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE.
// Thread-safety: process_environment() reads getenv, which is safe as long as nothing calls setenv.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace trailguard::aws {

// The value of an environment variable, or nullopt when it is not set.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;

// getenv.
EnvLookup process_environment();

// A variable's value when it is set and not empty.
std::optional<std::string> non_empty(const EnvLookup& env, std::string_view name);

// Python's os.path.expandvars then os.path.expanduser: "$NAME" and "${NAME}" become the variable's
// value (left as written when unset), then a leading "~" or "~/" becomes $HOME.
std::filesystem::path expand_path(std::string_view path, const EnvLookup& env);

}  // namespace trailguard::aws
