// A FakeAwsClient that answers every call of the applier as a fresh account would: writes succeed, no bucket
// policy yet, no KMS alias yet, CreateKey makes key k-1. Shared by the applier's tests and the --fix policy test.
#pragma once

#include "support/fake_aws_client.hpp"

namespace trailguard::test_support {

inline void answer_everything(FakeAwsClient& aws) {
  for (const char* op : {"CreateBucket", "PutPublicAccessBlock", "PutBucketPolicy", "CreateTrail", "PutEventSelectors",
                         "StartLogging", "UpdateTrail", "CreateAlias"})
    aws.answer(op, "*", "");
  aws.fail("GetBucketPolicy", "*", ErrorKind::not_found, "NoSuchBucketPolicy", "none");
  aws.fail("DescribeKey", "*", ErrorKind::not_found, "NotFoundException", "no alias");
  aws.answer("CreateKey", "*", R"({"KeyMetadata":{"KeyId":"k-1","Arn":"arn:aws:kms:eu-west-1:111111111111:key/k-1"}})");
}

}  // namespace trailguard::test_support
