#include "aws/services/s3_objects.hpp"

#include <gtest/gtest.h>

namespace trailguard::aws {
namespace {

constexpr const char* kPage = R"(<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>org-logs</Name><Prefix>AWSLogs/</Prefix>
<IsTruncated>true</IsTruncated><Contents><Key>AWSLogs/a&amp;b.json.gz</Key><Size>1234</Size></Contents>
<Contents><Key>AWSLogs/c.json.gz</Key><Size>0</Size><FutureField>x</FutureField></Contents>
<CommonPrefixes><Prefix>AWSLogs/111122223333/</Prefix></CommonPrefixes>
<NextContinuationToken>token/+=</NextContinuationToken></ListBucketResult>)";

TEST(S3Objects, ListObjectsV2AsksForOneFolderLevelAndPages) {
  const auto call = list_objects_v2_call("org-logs", "eu-west-1", "AWSLogs/", "/", "token/+=");
  EXPECT_EQ(call.service, "s3");
  EXPECT_EQ(call.method, "GET");
  EXPECT_EQ(call.path, "/org-logs");
  EXPECT_EQ(call.params, (std::vector<std::pair<std::string, std::string>>{
                             {"list-type", "2"}, {"prefix", "AWSLogs/"}, {"delimiter", "/"}, {"continuation-token", "token/+="}}));
  EXPECT_EQ(list_objects_v2_call("b", "us-east-1", "").params.size(), 1u);  // the whole bucket: no empty prefix sent
  EXPECT_EQ(get_object_call("org-logs", "eu-west-1", "AWSLogs/x y.json.gz").path, "/org-logs/AWSLogs/x y.json.gz");
}

TEST(S3Objects, ReadsAPageOfKeysFoldersAndItsToken) {
  const auto page = parse_list_objects_v2(kPage, "s3://org-logs/AWSLogs/");
  ASSERT_TRUE(page.ok()) << page.error().message;
  ASSERT_EQ(page->objects.size(), 2u);
  EXPECT_EQ(page->objects[0].key, "AWSLogs/a&b.json.gz");
  EXPECT_EQ(page->objects[0].size, 1234u);
  EXPECT_EQ(page->common_prefixes, std::vector<std::string>{"AWSLogs/111122223333/"});
  EXPECT_TRUE(page->truncated);
  EXPECT_EQ(page->next_continuation_token, "token/+=");
}

TEST(S3Objects, RefusesWhatIsNotAListing) {
  for (const char* bad : {"", "not xml", "<Error><Code>AccessDenied</Code></Error>",
                          "<ListBucketResult><IsTruncated>true</IsTruncated></ListBucketResult>",
                          "<ListBucketResult><Contents><Key>k</Key><Size>12x</Size></Contents></ListBucketResult>",
                          "<ListBucketResult><Contents><Size>1</Size></Contents></ListBucketResult>"}) {
    const auto page = parse_list_objects_v2(bad, "s3://b/");
    ASSERT_FALSE(page.ok()) << bad;
    EXPECT_EQ(page.error().kind, ErrorKind::malformed_input);
  }
}

TEST(S3Objects, BucketLocationNamesTheRegion) {
  EXPECT_EQ(*parse_bucket_location("<LocationConstraint>eu-west-1</LocationConstraint>", "b"), "eu-west-1");
  EXPECT_EQ(*parse_bucket_location("<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>", "b"), "us-east-1");
  EXPECT_EQ(*parse_bucket_location("<LocationConstraint>EU</LocationConstraint>", "b"), "eu-west-1");
  EXPECT_FALSE(parse_bucket_location("<Other/>", "b").ok());
}

}  // namespace
}  // namespace trailguard::aws
