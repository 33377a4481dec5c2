// Every evidence directory with an expected.json (examples/evidence, tests/fixtures/evidence) is run
// through the real binary; findings, reasons (as exact sets), exit code and stderr must match.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/run_process.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::vector<fs::path> fixture_dirs() {
  std::vector<fs::path> dirs;
  for (const char* root : {"examples/evidence", "tests/fixtures/evidence"}) {
    const fs::path base = fs::path(TRAILGUARD_SOURCE_DIR) / root;
    if (!fs::exists(base)) continue;
    for (const auto& entry : fs::directory_iterator(base))
      if (fs::exists(entry.path() / "expected.json")) dirs.push_back(entry.path());
  }
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

std::string test_name(const testing::TestParamInfo<fs::path>& info) {
  std::string name = info.param.parent_path().filename().string() + "_" + info.param.filename().string();
  std::replace_if(name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
  return name;
}

json read_json(const fs::path& path) {
  std::ifstream in(path);
  return json::parse(in);
}

class EvidenceFixture : public testing::TestWithParam<fs::path> {};

TEST_P(EvidenceFixture, GivesTheExpectedFindings) {
  const fs::path dir = GetParam();
  const json expected = read_json(dir / "expected.json");

  std::vector<std::string> argv = {TRAILGUARD_BINARY, "scan", "--evidence", dir.string(), "-o", "json"};
  for (const auto& arg : expected.value("args", json::array())) argv.push_back(arg.get<std::string>());
  const auto result = trailguard::test_support::run_process(argv);
  SCOPED_TRACE("stderr: " + result.err);

  EXPECT_EQ(result.exit_code, expected.at("exit_code").get<int>());
  if (expected.contains("stderr_contains")) {
    EXPECT_NE(result.err.find(expected["stderr_contains"].get<std::string>()), std::string::npos);
  }
  EXPECT_EQ(result.err.find("internal error"), std::string::npos);

  if (result.exit_code == 2) {
    EXPECT_TRUE(result.out.empty()) << "no report is written for unusable input";
    return;
  }
  const json report = json::parse(result.out);
  const json& regions = expected.at("regions");
  std::set<std::string> seen;
  ASSERT_FALSE(report.at("findings").empty());
  for (const auto& finding : report.at("findings")) {
    const std::string key = finding.at("account_id").get<std::string>() + "/" + finding.at("region").get<std::string>();
    seen.insert(key);
    const json* want = nullptr;
    if (regions.contains(key)) {
      want = &regions[key];
    } else {
      ASSERT_TRUE(expected.contains("default")) << key << " has a finding but no expectation";
      want = &expected["default"];
    }
    EXPECT_EQ(finding.at("status"), want->at("status")) << key << ": " << finding.at("message");
    const auto got_reasons = finding.at("reasons").get<std::set<std::string>>();
    const auto want_reasons = want->at("reasons").get<std::set<std::string>>();
    EXPECT_EQ(got_reasons, want_reasons) << key << ": " << finding.at("message");
    if (want->contains("trails")) {
      EXPECT_EQ(finding.at("trails").get<std::set<std::string>>(), want->at("trails").get<std::set<std::string>>()) << key;
    }
  }
  for (const auto& [key, value] : regions.items()) EXPECT_TRUE(seen.count(key)) << key << " expected but not reported";
}

INSTANTIATE_TEST_SUITE_P(Evidence, EvidenceFixture, testing::ValuesIn(fixture_dirs()), test_name);

TEST(EvidenceFixtures, AtLeastTwelveSituationsAreCovered) { EXPECT_GE(fixture_dirs().size(), 12u); }

}  // namespace
