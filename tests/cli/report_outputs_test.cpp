// -o with several formats and --out-dir: one scan writes each format to its file, each the same as that
// format alone on standard output; a bad format list or an unwritable destination is a usage error found
// before anything is read (the evidence directory named here does not exist, and is never mentioned).
// And the text report's layouts as the command line chooses them.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/run_process.hpp"

namespace fs = std::filesystem;

namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using trailguard::test_support::run_process;

const std::string kEvidence = std::string(TRAILGUARD_SOURCE_DIR) + "/examples/evidence/mixed";
const std::string kMissingEvidence = "/nonexistent/trailguard-evidence";

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// OCSF events carry the time of the run: equal but for that.
nlohmann::json without_time(const std::string& ocsf) {
  auto events = nlohmann::json::parse(ocsf);
  for (auto& event : events) event.erase("time");
  return events;
}

class OutDir : public testing::Test {
 protected:
  fs::path dir = fs::temp_directory_path() / ("trailguard-out-dir-" + std::to_string(getpid()));
  void TearDown() override { fs::remove_all(dir); }
};

TEST_F(OutDir, OneScanWritesEachFormatToItsFile) {
  const auto out_dir = dir / "made" / "here";
  const auto run = run_process({TRAILGUARD_BINARY, "scan", "--evidence", kEvidence, "-o", "json,ndjson,csv,junit,ocsf,text",
                                "--out-dir", out_dir.string()});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_TRUE(run.out.empty()) << "nothing on standard output";
  for (const char* format : {"json", "ndjson", "csv", "junit", "ocsf", "text"}) {
    const std::string file = std::string(format) == "text" ? "report.txt"
                             : std::string(format) == "junit" ? "report.junit.xml"
                             : std::string(format) == "ocsf"  ? "report.ocsf.json"
                                                              : std::string("report.") + format;
    SCOPED_TRACE(file);
    ASSERT_TRUE(fs::is_regular_file(out_dir / file));
    const auto alone = run_process({TRAILGUARD_BINARY, "scan", "--evidence", kEvidence, "-o", format});
    EXPECT_EQ(alone.exit_code, run.exit_code);
    if (std::string(format) == "ocsf") {
      EXPECT_EQ(without_time(read_text(out_dir / file)), without_time(alone.out));
    } else {
      EXPECT_EQ(read_text(out_dir / file), alone.out) << "the same report as the format alone";
    }
  }
  EXPECT_FALSE(fs::exists(out_dir / "report.ocsf.ndjson")) << "only the formats asked for";
}

TEST_F(OutDir, BadListsAndUnwritableDestinationsFailBeforeAnythingIsRead) {
  fs::create_directories(dir);
  const std::string regular_file = (dir / "a-file").string();
  std::ofstream(regular_file) << "not a directory";
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"-o", "json,xml", "--out-dir", (dir / "new").string()}, "unknown report format 'xml'"},
      {{"-o", "json,json", "--out-dir", (dir / "new").string()}, "given twice"},
      {{"-o", "json,csv"}, "--out-dir"},
      {{"-o", "json,csv", "--out", (dir / "r").string()}, "--out-dir"},
      {{"-o", "json,csv", "--out-dir", regular_file}, regular_file},
      {{"-o", "json", "--out", "/nonexistent/dir/report.json"}, "/nonexistent/dir/report.json"},
      {{"--out", (dir / "r").string(), "--out-dir", (dir / "d").string()}, "excludes"},
  };
  for (const auto& [args, message] : cases) {
    std::vector<std::string> argv = {TRAILGUARD_BINARY, "scan", "--evidence", kMissingEvidence};
    argv.insert(argv.end(), args.begin(), args.end());
    const auto run = run_process(argv);
    SCOPED_TRACE(args.back());
    EXPECT_EQ(run.exit_code, 2);
    EXPECT_THAT(run.err, HasSubstr(message));
    EXPECT_THAT(run.err, Not(HasSubstr(kMissingEvidence))) << "the evidence was never read";
    EXPECT_TRUE(run.out.empty());
  }
  EXPECT_FALSE(fs::exists(dir / "new")) << "a refused format list makes no directory";
  EXPECT_EQ(read_text(regular_file), "not a directory");
}

TEST(TextLayouts, GroupedByDefaultOneRowPerRegionWithDetails) {
  const auto grouped = run_process({TRAILGUARD_BINARY, "scan", "--evidence", kEvidence});
  EXPECT_THAT(grouped.out, HasSubstr("  16 regions FAIL no_trail: ap-northeast-1, ap-northeast-2,"));
  EXPECT_THAT(grouped.out, HasSubstr("      No trail records events in ap-northeast-1 (and likewise in each region)\n"));
  EXPECT_THAT(grouped.out, Not(HasSubstr("REGION")));
  const auto details = run_process({TRAILGUARD_BINARY, "scan", "--evidence", kEvidence, "--details"});
  EXPECT_THAT(details.out, HasSubstr("  REGION          STATUS   REASONS\n"));
  EXPECT_THAT(details.out, HasSubstr("  eu-west-3       FAIL     no_trail\n      No trail records events in eu-west-3\n"));
  EXPECT_EQ(grouped.exit_code, details.exit_code);
}

}  // namespace
