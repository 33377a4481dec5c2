// find_suppression / apply_suppression: where a suppression comment counts (the resource's line, the
// unbroken comment lines above), which comments each format has, and the usage error of a bare marker.
#include <gtest/gtest.h>

#include "sources/iac/suppression.hpp"

namespace trailguard::sources::iac {
namespace {

constexpr const char* kMarker = "trailguard:ignore cloudtrail-multi-region-enabled";

std::string marked(const std::string& prefix, const std::string& reason) { return prefix + kMarker + reason; }

// The suppression found for the resource at `resource_line` has this reason and starts at line:column.
void expect_found(const std::string& content, int resource_line, const std::string& reason, int line, int column) {
  const auto found = find_suppression(content, resource_line, CommentStyle::hash);
  ASSERT_TRUE(found) << content;
  EXPECT_EQ(found->reason, reason);
  EXPECT_EQ(found->line, line);
  EXPECT_EQ(found->column, column);
}

TEST(FindSuppression, CommentRightAboveWithReason) {
  expect_found("x = 1\n" + marked("# ", " sandbox account ") + "\nresource \"aws_cloudtrail\" \"t\" {\n}\n", 3, "sandbox account", 2, 3);
}

TEST(FindSuppression, OnTheResourceLineAfterTheComment) {
  expect_found("Resources:\n  T: " + marked("# ", " audited elsewhere\r") + "\n    Type: AWS::CloudTrail::Trail\n", 2, "audited elsewhere", 2, 8);
}

TEST(FindSuppression, ThroughSeveralCommentLinesButNotPastCodeOrBlankLines) {
  const std::string above = marked("# ", " r") + "\n# why: see ticket\n# more\nresource \"aws_cloudtrail\" \"t\" {}\n";
  EXPECT_TRUE(find_suppression(above, 4, CommentStyle::hash));
  const std::string past_code = marked("# ", " r") + "\nlocals {}\nresource \"aws_cloudtrail\" \"t\" {}\n";
  EXPECT_FALSE(find_suppression(past_code, 3, CommentStyle::hash));
  const std::string past_blank = marked("# ", " r") + "\n\nresource \"aws_cloudtrail\" \"t\" {}\n";
  EXPECT_FALSE(find_suppression(past_blank, 3, CommentStyle::hash));
}

TEST(FindSuppression, BelowTheResourceLineDoesNotCount) {
  const std::string content = "resource \"aws_cloudtrail\" \"t\" {\n  " + marked("# ", " r") + "\n}\n";
  EXPECT_FALSE(find_suppression(content, 1, CommentStyle::hash));
  EXPECT_TRUE(find_suppression(content, 2, CommentStyle::hash));
}

TEST(FindSuppression, SlashCommentsOnlyWhereTheFormatHasThem) {
  const std::string content = marked("// ", " r") + "\nresource \"aws_cloudtrail\" \"t\" {}\n";
  EXPECT_TRUE(find_suppression(content, 2, CommentStyle::hash_or_slashes));
  EXPECT_FALSE(find_suppression(content, 2, CommentStyle::hash));
}

TEST(FindSuppression, MarkerOutsideAComment) {
  // In a value, not a comment: not a suppression.
  const std::string content = std::string("  T: ") + kMarker + " r\n";
  EXPECT_FALSE(find_suppression(content, 1, CommentStyle::hash));
  EXPECT_FALSE(find_suppression(content, 1, CommentStyle::hash_or_slashes));
}

TEST(FindSuppression, OtherRulesAndLinesOutOfRange) {
  const std::string content = "# trailguard:ignore some-other-rule r\nresource \"aws_cloudtrail\" \"t\" {}\n";
  EXPECT_FALSE(find_suppression(content, 2, CommentStyle::hash));
  EXPECT_FALSE(find_suppression(content, 0, CommentStyle::hash));
  EXPECT_FALSE(find_suppression(content, 9, CommentStyle::hash));
  EXPECT_FALSE(find_suppression("", 1, CommentStyle::hash));
}

TEST(ApplySuppression, ReasonSetsTheTrail) {
  model::DeclaredTrail trail;
  std::vector<model::IacProblem> problems;
  apply_suppression(marked("# ", " by design") + "\nT:\n", "t.yaml", 2, CommentStyle::hash, trail, problems);
  EXPECT_EQ(trail.suppression_reason.value_or("<none>"), "by design");
  EXPECT_TRUE(problems.empty());
}

TEST(ApplySuppression, NoReasonIsAUsageErrorAtTheComment) {
  model::DeclaredTrail trail;
  std::vector<model::IacProblem> problems;
  apply_suppression("a: 1\n  " + marked("# ", "   ") + "\nT:\n", "t.yaml", 3, CommentStyle::hash, trail, problems);
  EXPECT_FALSE(trail.suppression_reason.has_value());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_TRUE(problems[0].usage_error);
  EXPECT_EQ(problems[0].location.file, "t.yaml");
  EXPECT_EQ(problems[0].location.line, 2);
  EXPECT_EQ(problems[0].location.column, 5);
  EXPECT_NE(problems[0].message.find("needs a reason"), std::string::npos) << problems[0].message;
}

TEST(ApplySuppression, NothingWithoutAComment) {
  model::DeclaredTrail trail;
  std::vector<model::IacProblem> problems;
  apply_suppression("# just a comment\nT:\n", "t.yaml", 2, CommentStyle::hash, trail, problems);
  EXPECT_FALSE(trail.suppression_reason.has_value());
  EXPECT_TRUE(problems.empty());
}

}  // namespace
}  // namespace trailguard::sources::iac
