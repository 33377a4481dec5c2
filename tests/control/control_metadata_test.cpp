#include "control/control_metadata.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace trailguard::control {
namespace {

using testing::Contains;
using testing::Field;
using testing::AllOf;

TEST(ControlMetadata, CarriesEveryFrameworkMappingTheIssueNames) {
  const auto& m = control_metadata();
  EXPECT_EQ(m.title, "CloudTrail is enabled in all regions");
  EXPECT_THAT(m.frameworks, Contains(AllOf(Field(&FrameworkMapping::version, "3.0.0"), Field(&FrameworkMapping::control, "3.1"))));
  EXPECT_THAT(m.frameworks, Contains(AllOf(Field(&FrameworkMapping::version, "4.0.0"), Field(&FrameworkMapping::control, "3.1"))));
  EXPECT_THAT(m.frameworks, Contains(AllOf(Field(&FrameworkMapping::version, "1.2.0"), Field(&FrameworkMapping::control, "2.1"))));
  EXPECT_THAT(m.frameworks, Contains(Field(&FrameworkMapping::control, "CloudTrail.1")));
  EXPECT_THAT(m.frameworks, Contains(Field(&FrameworkMapping::control, "multi-region-cloudtrail-enabled")));
  EXPECT_FALSE(m.rationale.empty());
  EXPECT_FALSE(m.remediation_cli.empty());
}

TEST(ControlMetadata, RawJsonIsTheSameData) {
  EXPECT_NE(control_metadata_json().find("\"cloudtrail-multi-region-enabled\""), std::string_view::npos);
}

}  // namespace
}  // namespace trailguard::control
