// Every template under tests/fixtures/iac/cloudformation/ against its .expected file (written from
// CloudFormation's semantics); a .params file beside it holds --parameter KEY=VALUE lines.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cfn_summary.hpp"
#include "sources/cloudformation/cfn_source.hpp"

namespace {

namespace fs = std::filesystem;
using trailguard::sources::cloudformation::CloudFormationOptions;
using trailguard::sources::cloudformation::read_cloudformation;

const fs::path fixtures = fs::path(TRAILGUARD_SOURCE_DIR) / "tests/fixtures/iac/cloudformation";

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

std::vector<std::string> templates() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(fixtures)) {
    const auto ext = entry.path().extension();
    if (ext == ".yaml" || ext == ".json") names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class CfnFixture : public testing::TestWithParam<std::string> {};

TEST_P(CfnFixture, MatchesExpected) {
  const auto path = fixtures / GetParam();
  ASSERT_TRUE(fs::exists(path.string() + ".expected")) << "no expected file for " << GetParam();
  CloudFormationOptions options;
  if (fs::exists(path.string() + ".params"))
    for (const auto& line : lines(read(path.string() + ".params"))) {
      const auto eq = line.find('=');
      options.parameters.emplace_back(line.substr(0, eq), line.substr(eq + 1));
    }
  const auto actual = trailguard::test::summary_lines(read_cloudformation(GetParam(), read(path), options));
  const auto expected = lines(read(path.string() + ".expected"));
  ASSERT_EQ(actual.size(), expected.size()) << testing::PrintToString(actual);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    // A problem's message may go on after what the expected file states (the parser's own words).
    if (expected[i].rfind("problem ", 0) == 0) EXPECT_EQ(actual[i].rfind(expected[i], 0), 0u) << actual[i];
    else EXPECT_EQ(actual[i], expected[i]);
  }
}

INSTANTIATE_TEST_SUITE_P(Templates, CfnFixture, testing::ValuesIn(templates()), [](const auto& param_info) {
  std::string name = param_info.param;
  for (auto& c : name) if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
});

TEST(CfnFixtures, AtLeastTwenty) { EXPECT_GE(templates().size(), 20u); }

}  // namespace
