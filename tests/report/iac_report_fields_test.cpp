// The path every iac writer shows: relative to the base directory when under it (lexically, so no prefix
// trap and no "..") and as given otherwise; and -o json uses it.
#include "report/iac_report_fields.hpp"

#include <filesystem>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "iac_sample_evaluation.hpp"
#include "report/iac_report.hpp"

namespace trailguard::report {
namespace {

TEST(IacReportPath, UnderTheBaseIsRelativeAndNormal) {
  EXPECT_EQ(iac_report_path("/repo/infra/main.tf", "/repo").path, "infra/main.tf");
  EXPECT_TRUE(iac_report_path("/repo/infra/main.tf", "/repo").under_base);
  EXPECT_EQ(iac_report_path("/repo/infra/./x/../main.tf", "/repo/").path, "infra/main.tf");
  EXPECT_EQ(iac_report_path("/repo//main.tf", "/repo").path, "main.tf");
}

TEST(IacReportPath, OutsideTheBaseStaysAsGiven) {
  for (const auto* file : {"/repository/main.tf", "/elsewhere/main.tf", "/repo/../other/main.tf", "/repo"}) {
    const auto where = iac_report_path(file, "/repo");
    EXPECT_FALSE(where.under_base) << file;
    EXPECT_EQ(where.path, file);
  }
  EXPECT_EQ(iac_report_path("/repo/main.tf", "").path, "/repo/main.tf") << "no base: as given";
  EXPECT_FALSE(iac_report_path("/repo/main.tf", "").under_base);
}

TEST(IacReportPath, RelativePathsAreRelativeToTheCurrentDirectory) {
  const auto cwd = std::filesystem::current_path().string();
  EXPECT_EQ(iac_report_path("infra/main.tf", cwd).path, "infra/main.tf");
  EXPECT_TRUE(iac_report_path("./infra/main.tf", cwd).under_base);
  EXPECT_EQ(iac_report_path("infra/main.tf", cwd + "/infra").path, "main.tf");
  EXPECT_FALSE(iac_report_path("../main.tf", cwd).under_base);
  EXPECT_EQ(iac_absolute_path("infra/./main.tf"), (std::filesystem::current_path() / "infra/main.tf").generic_string());
}

TEST(IacPlace, LineAndColumnOnlyWhenKnown) {
  EXPECT_EQ(iac_place("a.tf", {"ignored", 3, 7}), "a.tf:3:7");
  EXPECT_EQ(iac_place("a.tf", {"ignored", 3, 0}), "a.tf:3");
  EXPECT_EQ(iac_place("plan.json", {"ignored", 0, 0}), "plan.json");
}

TEST(IacJson, FilesAreRelativeToTheBaseAsInSarif) {
  std::ostringstream out;
  write_iac_json(out, iac_sample::evaluation(), iac_sample::options());
  const auto document = nlohmann::json::parse(out.str());
  EXPECT_EQ(document.at("findings").at(1).at("file"), "infra/modules/audit/trail.tf");
  EXPECT_EQ(document.at("findings").at(4).at("file"), "/elsewhere/stacks/org trail.yaml");
  EXPECT_EQ(document.at("problems").at(0).at("file"), "infra/broken.tf");
  EXPECT_EQ(document.at("files_read").at(0), "infra/main.tf");
}

}  // namespace
}  // namespace trailguard::report
