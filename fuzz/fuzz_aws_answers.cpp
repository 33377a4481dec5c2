// What AWS endpoints (or anything pretending to be one) send back: STS and EC2 XML, Organizations and
// Account JSON, Security Hub's import and GetFindings answers, S3's ListObjectsV2 and GetBucketLocation
// documents, and error bodies of every protocol. None may crash the client.
#include <string>

#include "aws/http/aws_error.hpp"
#include "aws/services/identity_api.hpp"
#include "aws/services/organizations_api.hpp"
#include "aws/services/s3_objects.hpp"
#include "aws/services/securityhub_api.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace trailguard;
  const auto input = fuzz::split(data, size);
  switch (input.selector % 10) {
    case 0:
      (void)aws::parse_caller_identity_xml(input.document);
      break;
    case 1:
      (void)aws::parse_describe_regions_xml(input.document);
      break;
    case 2: {
      std::string token;
      (void)aws::parse_list_regions_json(input.document, token);
      break;
    }
    case 3:
      (void)aws::parse_list_accounts_json(input.document);
      break;
    case 4:
      (void)aws::parse_describe_organization_json(input.document);
      break;
    case 6:
      (void)aws::parse_batch_import_findings(input.document);
      break;
    case 7: {
      std::string token;
      (void)aws::parse_get_findings(input.document, token);
      break;
    }
    case 8:
      (void)aws::parse_list_objects_v2(input.document, "fuzz");
      break;
    case 9:
      (void)aws::parse_bucket_location(input.document, "fuzz");
      break;
    default: {
      aws::HttpResponse response;
      response.status = 400 + static_cast<long>(input.selector % 200);
      response.headers = {{"Content-Type", (input.selector & 1) != 0 ? "application/x-amz-json-1.1" : "text/xml"}};
      response.body = std::string(input.document);
      (void)aws::make_aws_error(response, "127.0.0.1", "fuzz");
      break;
    }
  }
  return 0;
}
