// Our config-file parser and command splitter against botocore's own: tests/aws/credentials/
// gen_config_cases.py feeds fixed and generated cases through botocore.configloader (raw_config_parse,
// load_config) and shlex.split, and every answer must be ours too — the same sections, keys, values,
// nested blocks and profile mapping, and an error exactly where botocore has one.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "aws/credentials/ini_file.hpp"
#include "aws/credentials/shared_config.hpp"
#include "aws/credentials/shell_split.hpp"
#include "test_env.hpp"

namespace trailguard::aws {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr int kGenerated = 400;

std::string python() {
  if (const char* home = std::getenv("HOME"); home != nullptr) {
    const fs::path shim = fs::path(home) / ".pyenv" / "shims" / "python3";
    std::error_code ec;
    if (fs::exists(shim, ec)) return shim.string();
  }
  return "python3";
}

std::vector<json> botocore_cases() {
  const std::string command = python() + " " + TRAILGUARD_SOURCE_DIR "/tests/aws/credentials/gen_config_cases.py " +
                              std::to_string(kGenerated);
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return {};
  std::string output;
  char buffer[65536];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
  const int status = ::pclose(pipe);
  EXPECT_EQ(status, 0) << command;
  std::vector<json> cases;
  std::size_t start = 0;
  while (start < output.size()) {
    const auto end = output.find('\n', start);
    cases.push_back(json::parse(output.substr(start, end - start)));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return cases;
}

json to_json(const std::map<std::string, IniValue>& values) {
  json out = json::object();
  for (const auto& [key, value] : values) {
    if (value.nested) {
      out[key] = *value.nested;
    } else {
      out[key] = value.text;
    }
  }
  return out;
}

json to_json(const std::map<std::string, ProfileValues>& profiles) {
  json out = json::object();
  for (const auto& [name, values] : profiles) out[name] = to_json(values);
  return out;
}

TEST(CredentialsIniVsBotocore, EveryCaseParsesAsBotocoreParsesIt) {
  const auto cases = botocore_cases();
  ASSERT_GE(cases.size(), static_cast<std::size_t>(2 * kGenerated)) << "the generator did not run";
  testing::TempDir dir;
  int ini = 0, shlex = 0, errors = 0;
  for (const json& c : cases) {
    const std::string text = c["text"];
    const bool error = c["error"];
    errors += error ? 1 : 0;
    if (c["kind"] == "shlex") {
      ++shlex;
      auto words = shell_split(text);
      ASSERT_EQ(!words.ok(), error) << "shlex case: " << json(text).dump();
      if (words) {
        EXPECT_EQ(json(*words), c["words"]) << "shlex case: " << json(text).dump();
      }
      continue;
    }
    ++ini;
    auto parsed = parse_ini(text, "case.ini");
    ASSERT_EQ(!parsed.ok(), error) << "ini case: " << json(text).dump()
                                   << (parsed ? "" : "\nour error: " + parsed.error().describe());
    if (!parsed) continue;
    json sections = json::object();
    for (const IniSection& section : parsed->sections) sections[section.name] = to_json(section.values);
    EXPECT_EQ(sections, c["sections"]) << "ini case: " << json(text).dump();

    const auto config_file = dir.write("config", text);
    auto shared = load_shared_config(config_file, dir.path() / "no-credentials");
    ASSERT_TRUE(shared) << shared.error().describe();
    EXPECT_EQ(to_json(shared->config_profiles), c["profiles"]) << "ini case: " << json(text).dump();
    EXPECT_EQ(to_json(shared->sso_sessions), c["sso_sessions"]) << "ini case: " << json(text).dump();
  }
  EXPECT_GT(ini, kGenerated);
  EXPECT_GT(shlex, kGenerated);
  EXPECT_GT(errors, 20) << "the cases should include invalid input";
}

}  // namespace
}  // namespace trailguard::aws
