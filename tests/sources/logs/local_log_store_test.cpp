#include "sources/logs/local_log_store.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "base/utc_time.hpp"

namespace trailguard::sources::logs {
namespace {
namespace fs = std::filesystem;

class LocalLogStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("trailguard-local-store-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  void put(const std::string& relative, const std::string& content = "{}") {
    fs::create_directories((root_ / relative).parent_path());
    std::ofstream(root_ / relative) << content;
  }
  std::vector<std::string> listed(const fs::path& root, const LogSelection& selection = {}) {
    LocalLogStore store(root);
    std::vector<std::string> keys;
    store.list(selection, [&](LogObject object) { keys.push_back(object.key); }, [&](ListingProblem problem) {
      problems_.push_back(problem.where);
    });
    return keys;
  }
  fs::path root_;
  std::vector<std::string> problems_;
};

const std::string kDay1 = "AWSLogs/111122223333/CloudTrail/us-east-1/2026/12/01/";
const std::string kDay2 = "AWSLogs/111122223333/CloudTrail/us-east-1/2026/12/02/";
const std::string kFile1 = "111122223333_CloudTrail_us-east-1_20261201T1005Z_aaaaaaaaaaaaaaaa.json.gz";
const std::string kFile2 = "111122223333_CloudTrail_us-east-1_20261201T0905Z_bbbbbbbbbbbbbbbb.json.gz";
const std::string kFile3 = "111122223333_CloudTrail_us-east-1_20261202T0005Z_cccccccccccccccc.json.gz";

TEST_F(LocalLogStoreTest, ListsCloudTrailFilesInNameOrderAndSkipsTheRest) {
  put(kDay2 + kFile3);
  put(kDay1 + kFile1);
  put(kDay1 + kFile2);
  put(kDay1 + "notes.txt");
  put("AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/12/01/"
      "111122223333_CloudTrail-Digest_us-east-1_main_us-east-1_20261201T110000Z.json.gz");
  const auto keys = listed(root_);
  ASSERT_EQ(keys.size(), 4u);
  EXPECT_EQ(keys[0], kDay1 + kFile2);
  EXPECT_EQ(keys[1], kDay1 + kFile1);
  EXPECT_EQ(keys[2], kDay2 + kFile3);
  EXPECT_NE(keys[3].find("CloudTrail-Digest"), std::string::npos);
  EXPECT_TRUE(problems_.empty());
}

TEST_F(LocalLogStoreTest, StartsAtAnyDepthAndTakesTheAccountFromTheName) {
  put(kDay1 + kFile1);
  const auto region_folder = root_ / "AWSLogs/111122223333/CloudTrail/us-east-1";
  LocalLogStore store(region_folder);
  std::vector<LogObject> objects;
  store.list({}, [&](LogObject object) { objects.push_back(object); }, [](ListingProblem) {});
  ASSERT_EQ(objects.size(), 1u);
  EXPECT_EQ(objects[0].key, "2026/12/01/" + kFile1);
  EXPECT_EQ(objects[0].name.account_id, "111122223333");
  std::string bytes;
  ASSERT_TRUE(store.read(objects[0], bytes, 1 << 20).ok());
  EXPECT_EQ(bytes, "{}");
  EXPECT_EQ(store.describe(objects[0]), (region_folder / objects[0].key).string());
  // One file as the source.
  EXPECT_EQ(listed(root_ / kDay1 / kFile1).size(), 1u);
}

TEST_F(LocalLogStoreTest, PrunesDayFoldersAccountsAndRegionsByTheirFolderNames) {
  put(kDay1 + kFile1);
  // A file whose name is inside the window, in a folder outside it: only folder pruning leaves it out.
  put("AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/20/" + kFile1);
  put("AWSLogs/444455556666/CloudTrail/us-east-1/2026/12/01/444455556666_CloudTrail_us-east-1_20261201T1005Z_dddddddddddddddd.json.gz");
  put("AWSLogs/111122223333/CloudTrail/eu-west-1/2026/12/01/111122223333_CloudTrail_eu-west-1_20261201T1005Z_eeeeeeeeeeeeeeee.json.gz");
  LogSelection selection;
  selection.since = *parse_utc_time("2026-12-01T00:00:00Z");
  selection.accounts = {"111122223333"};
  selection.regions = {"us-east-1"};
  const auto keys = listed(root_, selection);
  ASSERT_EQ(keys.size(), 1u) << keys.back();
  EXPECT_EQ(keys[0], kDay1 + kFile1);
}

TEST_F(LocalLogStoreTest, DoesNotFollowSymlinkedFoldersAndRefusesOversizedFiles) {
  put(kDay1 + kFile1, std::string(4096, 'x'));
  fs::create_directory_symlink(root_ / "AWSLogs", root_ / kDay1 / "loop");
  LocalLogStore store(root_);
  std::vector<LogObject> objects;
  store.list({}, [&](LogObject object) { objects.push_back(object); }, [](ListingProblem) {});
  ASSERT_EQ(objects.size(), 1u);
  std::string bytes;
  const auto read = store.read(objects[0], bytes, 1024);
  ASSERT_FALSE(read.ok());
  EXPECT_NE(read.error().message.find("limit"), std::string::npos);
}

TEST_F(LocalLogStoreTest, AMissingSourceIsAListingProblem) {
  EXPECT_TRUE(listed(root_ / "nowhere").empty());
  ASSERT_EQ(problems_.size(), 1u);
}

}  // namespace
}  // namespace trailguard::sources::logs
