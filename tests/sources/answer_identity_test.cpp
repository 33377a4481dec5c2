// Issue #10: an answer that names another trail, account or region than the one it is filed for.
#include "sources/answer_identity.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../control/model_builders.hpp"

namespace trailguard::sources {
namespace {

using ::testing::HasSubstr;

// A multi-region (or single-region) trail of `owner`, from the evaluator tests' builders.
model::Trail trail(const std::string& name, const std::string& home, bool multi_region, const std::string& owner = builders::kAccount,
                   bool organization = false) {
  auto t = multi_region ? builders::passing_trail(name, home, owner) : builders::single_region_trail(name, home);
  t.is_organization_trail = model::Known<bool>::stated(organization, "test");
  return t;
}

model::EventSelectors naming(const std::string& trail_arn) {
  model::EventSelectors s;
  s.trail_arn = trail_arn;
  s.source = "get-event-selectors.x.json";
  return s;
}

TEST(SelectorsIdentity, TheTrailsOwnArnOrNoneIsAccepted) {
  const auto main = trail("main", "us-east-1", true);
  EXPECT_EQ(selectors_of_another_trail(naming(main.arn), main), std::nullopt);
  EXPECT_EQ(selectors_of_another_trail(naming(""), main), std::nullopt);
  EXPECT_EQ(selectors_of_another_trail(naming("main"), main), std::nullopt);  // a bare name, compared as a name
}

TEST(SelectorsIdentity, AnotherTrailsArnOrNameIsRefusedNamingBoth) {
  const auto main = trail("main", "us-east-1", true);
  const auto why = selectors_of_another_trail(naming("arn:aws:cloudtrail:us-east-1:111111111111:trail/other"), main);
  ASSERT_TRUE(why);
  EXPECT_THAT(*why, HasSubstr("get-event-selectors.x.json"));
  EXPECT_THAT(*why, HasSubstr("trail/other"));
  EXPECT_THAT(*why, HasSubstr(main.arn));
  EXPECT_TRUE(selectors_of_another_trail(naming("other"), main));
  // Same name, another region: an ARN is compared whole.
  EXPECT_TRUE(selectors_of_another_trail(naming("arn:aws:cloudtrail:eu-west-1:111111111111:trail/main"), main));
}

TEST(ListingIdentity, OwnTrailsShadowsAndOrganizationTrailsBelong) {
  const std::vector<model::Trail> listing = {trail("local", "eu-west-1", false), trail("main", "us-east-1", true),
                                             trail("org", "us-east-1", true, "999999999999", true)};
  EXPECT_EQ(listing_of_another(listing, "111111111111", "eu-west-1"), std::nullopt);
}

TEST(ListingIdentity, AnotherAccountsOwnTrailIsRefused) {
  const auto why = listing_of_another({trail("main", "us-east-1", true, "999999999999")}, "111111111111", "us-east-1");
  ASSERT_TRUE(why);
  EXPECT_THAT(*why, HasSubstr("999999999999"));
  EXPECT_THAT(*why, HasSubstr("111111111111"));
  EXPECT_EQ(listing_of_another({trail("main", "us-east-1", true, "999999999999")}, "", "us-east-1"), std::nullopt)
      << "an account not known yet is not checked";
  EXPECT_EQ(listing_of_another({trail("main", "us-east-1", true, "999999999999")}, "unknown", "us-east-1"), std::nullopt)
      << "nor an account the evidence never names";
}

TEST(ListingIdentity, AnotherRegionsSingleRegionTrailIsRefused) {
  const auto why = listing_of_another({trail("local", "us-east-1", false)}, "111111111111", "eu-west-1");
  ASSERT_TRUE(why);
  EXPECT_THAT(*why, HasSubstr("eu-west-1"));
  EXPECT_EQ(listing_of_another({trail("local", "us-east-1", false)}, "111111111111", ""), std::nullopt);
}

TEST(ListingIdentity, SingleRegionTrailsOfTwoRegionsAreNotOneListing) {
  const auto why = listing_of_another({trail("a", "us-east-1", false), trail("b", "eu-west-1", false)}, "111111111111", "");
  ASSERT_TRUE(why);
  EXPECT_THAT(*why, HasSubstr("two regions"));
}

}  // namespace
}  // namespace trailguard::sources
