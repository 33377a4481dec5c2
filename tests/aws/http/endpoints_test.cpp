// Endpoint resolution: the three partitions, the global services, and which override wins.
#include <gtest/gtest.h>

#include "aws/http/endpoints.hpp"

namespace trailguard::aws {
namespace {

TEST(HttpEndpoints, RegionalServicesInEachPartition) {
  const EndpointConfig none;
  EXPECT_EQ(resolve_endpoint(none, "cloudtrail", "eu-west-1"), "https://cloudtrail.eu-west-1.amazonaws.com");
  EXPECT_EQ(resolve_endpoint(none, "ec2", "ap-southeast-2"), "https://ec2.ap-southeast-2.amazonaws.com");
  EXPECT_EQ(resolve_endpoint(none, "cloudtrail", "cn-north-1"), "https://cloudtrail.cn-north-1.amazonaws.com.cn");
  EXPECT_EQ(resolve_endpoint(none, "sts", "cn-northwest-1"), "https://sts.cn-northwest-1.amazonaws.com.cn");
  EXPECT_EQ(resolve_endpoint(none, "cloudtrail", "us-gov-west-1"), "https://cloudtrail.us-gov-west-1.amazonaws.com");
  EXPECT_EQ(resolve_endpoint(none, "sts", "us-gov-east-1"), "https://sts.us-gov-east-1.amazonaws.com");
}

TEST(HttpEndpoints, GlobalServicesHaveOneEndpointPerPartition) {
  const EndpointConfig none;
  EXPECT_EQ(resolve_endpoint(none, "organizations", "eu-west-1"), "https://organizations.us-east-1.amazonaws.com");
  EXPECT_EQ(resolve_endpoint(none, "organizations", "us-east-1"), "https://organizations.us-east-1.amazonaws.com");
  EXPECT_EQ(resolve_endpoint(none, "account", "ap-south-1"), "https://account.us-east-1.amazonaws.com");
  EXPECT_EQ(resolve_endpoint(none, "organizations", "cn-north-1"),
            "https://organizations.cn-northwest-1.amazonaws.com.cn");
  EXPECT_EQ(resolve_endpoint(none, "organizations", "us-gov-east-1"),
            "https://organizations.us-gov-west-1.amazonaws.com");
  EXPECT_EQ(resolve_endpoint(none, "iam", "eu-west-1"), "https://iam.amazonaws.com");
}

TEST(HttpEndpoints, GlobalServicesAreSignedForThePartitionsHomeRegion) {
  EXPECT_EQ(signing_region("organizations", "eu-west-1"), "us-east-1");
  EXPECT_EQ(signing_region("organizations", "cn-north-1"), "cn-northwest-1");
  EXPECT_EQ(signing_region("organizations", "us-gov-east-1"), "us-gov-west-1");
  EXPECT_EQ(signing_region("account", "ap-south-1"), "us-east-1");
  EXPECT_EQ(signing_region("iam", "cn-northwest-1"), "cn-north-1");
  EXPECT_EQ(signing_region("cloudtrail", "eu-west-1"), "eu-west-1");
  EXPECT_EQ(signing_region("sts", "us-gov-east-1"), "us-gov-east-1");
}

TEST(HttpEndpoints, PartitionOfRegion) {
  EXPECT_EQ(partition_of("us-east-1"), "aws");
  EXPECT_EQ(partition_of("eu-central-2"), "aws");
  EXPECT_EQ(partition_of("cn-north-1"), "aws-cn");
  EXPECT_EQ(partition_of("us-gov-west-1"), "aws-us-gov");
  EXPECT_EQ(partition_of("us-west-2"), "aws");  // "us-" alone is not GovCloud
}

TEST(HttpEndpoints, EndpointUrlBeatsServiceUrlBeatsDefaultUrl) {
  EndpointConfig config;
  config.default_endpoint_url = "http://127.0.0.1:1001";
  EXPECT_EQ(resolve_endpoint(config, "cloudtrail", "eu-west-1"), "http://127.0.0.1:1001");
  config.service_endpoint_urls["cloudtrail"] = "http://127.0.0.1:1002/";
  EXPECT_EQ(resolve_endpoint(config, "cloudtrail", "eu-west-1"), "http://127.0.0.1:1002");
  EXPECT_EQ(resolve_endpoint(config, "sts", "eu-west-1"), "http://127.0.0.1:1001");
  config.endpoint_url = "http://127.0.0.1:1003";
  EXPECT_EQ(resolve_endpoint(config, "cloudtrail", "eu-west-1"), "http://127.0.0.1:1003");
  EXPECT_EQ(resolve_endpoint(config, "organizations", "cn-north-1"), "http://127.0.0.1:1003");
}

TEST(HttpEndpoints, ServiceUrlKeysCompareIgnoringCase) {
  EndpointConfig config;
  config.service_endpoint_urls["CLOUDTRAIL"] = "http://127.0.0.1:1002";
  EXPECT_EQ(resolve_endpoint(config, "cloudtrail", "eu-west-1"), "http://127.0.0.1:1002");
  EXPECT_EQ(resolve_endpoint(config, "ec2", "eu-west-1"), "https://ec2.eu-west-1.amazonaws.com");
}

TEST(HttpEndpoints, EmptyOverridesAreIgnored) {
  EndpointConfig config;
  config.endpoint_url = "";
  config.default_endpoint_url = "";
  config.service_endpoint_urls["cloudtrail"] = "";
  EXPECT_EQ(resolve_endpoint(config, "cloudtrail", "eu-west-1"), "https://cloudtrail.eu-west-1.amazonaws.com");
}

}  // namespace
}  // namespace trailguard::aws
