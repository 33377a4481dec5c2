// evaluate_iac: the verdict over declared trails. Found by bench/iac_bench.py's generated tree (hundreds of trails).
#include <gtest/gtest.h>

#include "control/iac_judgement.hpp"
#include "model_builders.hpp"

namespace trailguard::control {
namespace {

model::DeclaredTrail declared(const std::string& address, model::Trail trail, int line) {
  model::DeclaredTrail d;
  d.address = address;
  d.location = {"main.tf", line, 1};
  d.created = model::Known<bool>::stated(true, "test");
  d.trail = std::move(trail);
  return d;
}

// The verdict names the first passing trail; with many findings after it the vector reallocates, so a
// pointer kept into it would name garbage (an empty address, or std::bad_alloc from a wild length).
TEST(IacJudgement, VerdictNamesTheFirstPassingTrailAfterManyMore) {
  model::IacInput input;
  input.files_read = {"main.tf"};
  input.trails.push_back(declared("aws_cloudtrail.first", builders::passing_trail("first"), 3));
  for (int i = 0; i < 100; ++i) input.trails.push_back(declared("aws_cloudtrail.more" + std::to_string(i), builders::passing_trail(), 10 + i));
  const auto evaluation = evaluate_iac(input, {});
  EXPECT_EQ(evaluation.verdict, IacStatus::pass);
  EXPECT_EQ(evaluation.verdict_message, "aws_cloudtrail.first (main.tf:3) satisfies the control");
}

// "Enabled in all regions": a declared single-region trail (is_multi_region_trail = false, Terraform's
// default) records its home region only, so it cannot satisfy the control, whatever else it does right.
TEST(IacJudgement, SingleRegionTrailFails) {
  model::IacInput input;
  input.files_read = {"main.tf"};
  input.trails.push_back(declared("aws_cloudtrail.regional", builders::single_region_trail("regional", "eu-west-1"), 1));
  const auto evaluation = evaluate_iac(input, {});
  ASSERT_EQ(evaluation.findings.size(), 1u);
  EXPECT_EQ(evaluation.findings[0].status, IacStatus::fail);
  ASSERT_FALSE(evaluation.findings[0].reasons.empty());
  EXPECT_EQ(evaluation.findings[0].reasons[0].code, ReasonCode::single_region_only);
  EXPECT_EQ(evaluation.verdict, IacStatus::fail);
}

}  // namespace
}  // namespace trailguard::control
