// The path dispatcher's part in reading Terraform's JSON syntax: a directory holding only .tf.json files is
// a root, and a .tf.json file named is its directory, never a JSON document to tell apart by content.
#include <gtest/gtest.h>

#include <string>

#include "sources/iac/iac_paths.hpp"

namespace trailguard::sources::iac {
namespace {

const std::string kTerraform = std::string(TRAILGUARD_SOURCE_DIR) + "/tests/fixtures/iac/terraform";

std::vector<std::string> addresses(const model::IacInput& input) {
  std::vector<std::string> found;
  for (const auto& trail : input.trails) found.push_back(trail.address);
  return found;
}

TEST(IacPaths, DirectoryOfOnlyTfJsonIsATerraformRoot) {
  const auto input = read_iac_paths({kTerraform + "/tf_json_resource"}, {});
  EXPECT_TRUE(input.problems.empty()) << input.problems.at(0).message;
  EXPECT_EQ(addresses(input), std::vector<std::string>{"aws_cloudtrail.main"});
  ASSERT_EQ(input.files_read.size(), 1u);
  EXPECT_NE(input.files_read[0].find("tf_json_resource/main.tf.json"), std::string::npos);
}

TEST(IacPaths, NamedTfJsonFileStandsForItsDirectory) {
  const auto input = read_iac_paths({kTerraform + "/tf_json_mixed/main.tf.json"}, {});
  EXPECT_TRUE(input.problems.empty()) << input.problems.at(0).message;
  EXPECT_EQ(input.trails.size(), 3u);  // the .tf beside it is read too
}

TEST(IacPaths, JsonModuleDirectoryIsReadOnceThroughItsCaller) {
  const auto input = read_iac_paths({kTerraform + "/tf_json_module"}, {});
  EXPECT_EQ(addresses(input), std::vector<std::string>{"module.audit.aws_cloudtrail.this"});
}

}  // namespace
}  // namespace trailguard::sources::iac
