// declared_trail_from_attributes, the one reading of an aws_cloudtrail resource for HCL and plans alike:
// the AWS provider's defaults (marked defaulted, not stated), unknown values kept unknown with where and
// why, no selector = CloudTrail's default, an organization trail, and shapes the provider would refuse.
#include <gtest/gtest.h>

#include "sources/terraform/aws_cloudtrail_attributes.hpp"

namespace trailguard::sources::terraform {
namespace {

using model::Provenance;
using model::ReadWriteType;
using Fields = std::vector<std::pair<std::string, TfValue>>;

ResourcePlace place_at(const std::string& address = "aws_cloudtrail.main") {
  ResourcePlace place;
  place.address = address;
  place.location = {"main.tf", 7, 1};
  return place;
}

model::DeclaredTrail read(Fields fields, ResourcePlace place = place_at()) {
  return declared_trail_from_attributes(TfValue::object(std::move(fields), "main.tf:7:1"), place);
}

TfValue block(Fields fields) { return TfValue::object(std::move(fields)); }
TfValue blocks(std::vector<TfValue> items) { return TfValue::list(std::move(items)); }
TfValue strings(std::vector<std::string> texts) {
  std::vector<TfValue> items;
  for (auto& text : texts) items.push_back(TfValue::of_string(std::move(text)));
  return TfValue::list(std::move(items));
}

TEST(AttributeDefaults, TheProvidersDefaultsWhenNothingIsSet) {
  const auto declared = read({{"name", TfValue::of_string("main")}, {"s3_bucket_name", TfValue::of_string("logs")}});
  const auto& trail = declared.trail;
  EXPECT_EQ(declared.address, "aws_cloudtrail.main");
  EXPECT_EQ(declared.location.line, 7);
  EXPECT_EQ(trail.name, "main");
  EXPECT_EQ(trail.s3_bucket, "logs");
  EXPECT_TRUE(trail.is_multi_region.is(false));
  EXPECT_EQ(trail.is_multi_region.origin.provenance, Provenance::defaulted);
  EXPECT_NE(trail.is_multi_region.origin.source.find("provider default false"), std::string::npos) << trail.is_multi_region.origin.source;
  EXPECT_TRUE(trail.include_global_service_events.is(true));
  EXPECT_EQ(trail.include_global_service_events.origin.provenance, Provenance::defaulted);
  EXPECT_TRUE(trail.is_organization_trail.is(false));
  ASSERT_TRUE(trail.status.was_read());
  EXPECT_TRUE(trail.status.value().is_logging) << "enable_logging defaults to true";
}

TEST(AttributeDefaults, NullIsTheSameAsNotSet) {
  const auto declared = read({{"is_multi_region_trail", TfValue::null_value()}, {"enable_logging", TfValue::null_value()}});
  EXPECT_TRUE(declared.trail.is_multi_region.is(false));
  EXPECT_EQ(declared.trail.is_multi_region.origin.provenance, Provenance::defaulted);
  ASSERT_TRUE(declared.trail.status.was_read());
  EXPECT_TRUE(declared.trail.status.value().is_logging);
}

TEST(AttributeDefaults, StatedValuesAndBooleanStrings) {
  const auto declared = read({{"is_multi_region_trail", TfValue::of_bool(true, "main.tf:9:3")},
                              {"include_global_service_events", TfValue::of_string("false")},
                              {"enable_logging", TfValue::of_bool(false)}});
  EXPECT_TRUE(declared.trail.is_multi_region.is(true));
  EXPECT_EQ(declared.trail.is_multi_region.origin.provenance, Provenance::explicit_value);
  EXPECT_NE(declared.trail.is_multi_region.origin.source.find("main.tf:9:3"), std::string::npos)
      << declared.trail.is_multi_region.origin.source;
  EXPECT_TRUE(declared.trail.include_global_service_events.is(false)) << "Terraform converts \"false\" to a bool";
  ASSERT_TRUE(declared.trail.status.was_read());
  EXPECT_FALSE(declared.trail.status.value().is_logging);
}

TEST(AttributeDefaults, NotABooleanIsUnknownNamingWhatWasFound) {
  const auto declared = read({{"is_multi_region_trail", TfValue::of_string("maybe")}});
  EXPECT_FALSE(declared.trail.is_multi_region.known());
  EXPECT_NE(declared.trail.is_multi_region.origin.source.find("not a boolean"), std::string::npos)
      << declared.trail.is_multi_region.origin.source;
}

TEST(AttributeUnknowns, UnknownValuesStayUnknownWithTheirReason) {
  const auto declared = read({{"is_multi_region_trail", TfValue::unknown("var.multi has no value")},
                              {"enable_logging", TfValue::unknown("aws_s3_bucket.logs.id is known only after apply")},
                              {"event_selector", TfValue::unknown("dynamic block over var.selectors")}});
  const auto& trail = declared.trail;
  EXPECT_FALSE(trail.is_multi_region.known());
  EXPECT_EQ(trail.is_multi_region.origin.provenance, Provenance::unknown);
  EXPECT_NE(trail.is_multi_region.origin.source.find("var.multi has no value"), std::string::npos) << trail.is_multi_region.origin.source;
  ASSERT_TRUE(trail.status.failed());
  EXPECT_NE(trail.status.error().message.find("known only after apply"), std::string::npos) << trail.status.error().message;
  ASSERT_TRUE(trail.selectors.failed());
  EXPECT_NE(trail.selectors.error().message.find("dynamic block over var.selectors"), std::string::npos) << trail.selectors.error().message;
}

TEST(AttributeUnknowns, AnUnknownInsideASelectorMakesTheSelectorsUnknown) {
  const auto declared = read({{"event_selector", blocks({block({{"read_write_type", TfValue::unknown("var.rw has no value")}})})}});
  ASSERT_TRUE(declared.trail.selectors.was_read()) << "the unknown is inside the selector, which is kept";
  ASSERT_EQ(declared.trail.selectors.value().basic.size(), 1u);
  EXPECT_FALSE(declared.trail.selectors.value().basic[0].read_write_type.known());

  const auto excluded = read({{"event_selector", blocks({block({{"exclude_management_event_sources", TfValue::unknown("var.sources")}})})}});
  EXPECT_TRUE(excluded.trail.selectors.failed()) << "an unknown exclusion could narrow anything";
  const auto unknown_block = read({{"event_selector", blocks({TfValue::unknown("for_each of a dynamic block")})}});
  EXPECT_TRUE(unknown_block.trail.selectors.failed());
}

TEST(AttributeUnknowns, WholeResourceUnknownLeavesEveryFactUnknown) {
  const auto declared = declared_trail_from_attributes(TfValue::unknown("module output not read"), place_at());
  EXPECT_FALSE(declared.trail.is_multi_region.known());
  EXPECT_FALSE(declared.trail.include_global_service_events.known());
  EXPECT_FALSE(declared.trail.is_organization_trail.known());
  EXPECT_TRUE(declared.trail.status.failed());
  EXPECT_TRUE(declared.trail.selectors.failed());
  EXPECT_NE(declared.trail.is_multi_region.origin.source.find("main.tf:7: aws_cloudtrail.main is unknown: module output not read"),
            std::string::npos)
      << declared.trail.is_multi_region.origin.source;
}

TEST(AttributeSelectors, NoSelectorIsCloudTrailsDefault) {
  for (const auto& fields : {Fields{}, Fields{{"event_selector", blocks({})}, {"advanced_event_selector", blocks({})}},
                             Fields{{"event_selector", TfValue::null_value()}}}) {
    const auto declared = read(fields);
    ASSERT_TRUE(declared.trail.selectors.was_read());
    const auto& selectors = declared.trail.selectors.value();
    ASSERT_EQ(selectors.basic.size(), 1u);
    EXPECT_TRUE(selectors.advanced.empty());
    EXPECT_TRUE(selectors.basic[0].read_write_type.is(ReadWriteType::all));
    EXPECT_EQ(selectors.basic[0].read_write_type.origin.provenance, Provenance::defaulted);
    EXPECT_TRUE(selectors.basic[0].include_management_events.is(true));
    EXPECT_NE(selectors.source.find("CloudTrail's default"), std::string::npos) << selectors.source;
  }
}

TEST(AttributeSelectors, ABasicSelectorWithTheProvidersDefaults) {
  const auto declared = read({{"event_selector", blocks({block({{"data_resource", blocks({block(
      {{"type", TfValue::of_string("AWS::S3::Object")}, {"values", strings({"arn:aws:s3"})}})})}})})}});
  ASSERT_TRUE(declared.trail.selectors.was_read());
  const auto& basic = declared.trail.selectors.value().basic;
  ASSERT_EQ(basic.size(), 1u);
  EXPECT_TRUE(basic[0].read_write_type.is(ReadWriteType::all));
  EXPECT_EQ(basic[0].read_write_type.origin.provenance, Provenance::defaulted);
  EXPECT_TRUE(basic[0].include_management_events.is(true));
  ASSERT_EQ(basic[0].data_resources.size(), 1u);
  EXPECT_EQ(basic[0].data_resources[0].type, "AWS::S3::Object");
  EXPECT_EQ(basic[0].data_resources[0].values, std::vector<std::string>{"arn:aws:s3"});
}

TEST(AttributeSelectors, StatedSelectorValues) {
  const auto declared = read({{"event_selector", blocks({block({{"read_write_type", TfValue::of_string("WriteOnly")},
                                                                {"include_management_events", TfValue::of_bool(false)},
                                                                {"exclude_management_event_sources", strings({"kms.amazonaws.com"})}})})}});
  ASSERT_TRUE(declared.trail.selectors.was_read());
  const auto& basic = declared.trail.selectors.value().basic;
  ASSERT_EQ(basic.size(), 1u);
  EXPECT_TRUE(basic[0].read_write_type.is(ReadWriteType::write_only));
  EXPECT_TRUE(basic[0].include_management_events.is(false));
  EXPECT_EQ(basic[0].exclude_management_event_sources, std::vector<std::string>{"kms.amazonaws.com"});
  const auto bad = read({{"event_selector", blocks({block({{"read_write_type", TfValue::of_string("Everything")}})})}});
  ASSERT_TRUE(bad.trail.selectors.was_read());
  EXPECT_FALSE(bad.trail.selectors.value().basic[0].read_write_type.known());
}

TEST(AttributeSelectors, AdvancedSelectorFields) {
  const auto declared = read({{"advanced_event_selector",
                               blocks({block({{"name", TfValue::of_string("mgmt")},
                                              {"field_selector", blocks({block({{"field", TfValue::of_string("eventCategory")},
                                                                                {"equals", strings({"Management"})}}),
                                                                         block({{"field", TfValue::of_string("eventSource")},
                                                                                {"not_equals", strings({"kms.amazonaws.com"})}})})}})})}});
  ASSERT_TRUE(declared.trail.selectors.was_read());
  const auto& selectors = declared.trail.selectors.value();
  EXPECT_TRUE(selectors.basic.empty()) << "an advanced selector replaces the default";
  ASSERT_EQ(selectors.advanced.size(), 1u);
  EXPECT_EQ(selectors.advanced[0].name, "mgmt");
  ASSERT_EQ(selectors.advanced[0].field_selectors.size(), 2u);
  EXPECT_EQ(selectors.advanced[0].field_selectors[0].field, "eventCategory");
  EXPECT_EQ(selectors.advanced[0].field_selectors[0].equals, std::vector<std::string>{"Management"});
  EXPECT_EQ(selectors.advanced[0].field_selectors[1].not_equals, std::vector<std::string>{"kms.amazonaws.com"});
}

TEST(AttributeSelectors, NotAListOfBlocksIsUnknown) {
  const auto declared = read({{"event_selector", TfValue::of_string("All")}});
  ASSERT_TRUE(declared.trail.selectors.failed());
  EXPECT_NE(declared.trail.selectors.error().message.find("not a list of blocks"), std::string::npos)
      << declared.trail.selectors.error().message;
}

TEST(AttributeOrganization, AnOrganizationTrailWithTheAccountAndRegionOfThePlace) {
  auto place = place_at("module.org.aws_cloudtrail.org");
  place.account_id = "999999999999";
  place.region = "eu-west-1";
  const auto declared = read({{"name", TfValue::of_string("org-trail")},
                              {"is_organization_trail", TfValue::of_bool(true)},
                              {"is_multi_region_trail", TfValue::of_bool(true)}},
                             place);
  EXPECT_TRUE(declared.trail.is_organization_trail.is(true));
  EXPECT_EQ(declared.trail.is_organization_trail.origin.provenance, Provenance::explicit_value);
  EXPECT_EQ(declared.trail.owner_account_id, "999999999999");
  EXPECT_EQ(declared.trail.home_region, "eu-west-1");
  EXPECT_EQ(declared.trail.arn, "arn:aws:cloudtrail:eu-west-1:999999999999:trail/org-trail");
  const auto unnamed = read({}, place);
  EXPECT_EQ(unnamed.trail.name, "module.org.aws_cloudtrail.org") << "the address names a trail the code does not name";
  EXPECT_TRUE(unnamed.trail.arn.empty());
}

}  // namespace
}  // namespace trailguard::sources::terraform
