// Files a user's machine hands us: the AWS config/credentials INI files, credential_process and container
// JSON, the AWS CLI's saved error text, endpoint URLs. None may crash the tool.
#include <string>

#include "aws/credentials/credentials_json.hpp"
#include "aws/credentials/ini_file.hpp"
#include "aws/url.hpp"
#include "fuzz_input.hpp"
#include "sources/evidence/aws_cli_error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace trailguard;
  const auto input = fuzz::split(data, size);
  switch (input.selector % 5) {
    case 0:
      (void)aws::parse_ini(input.document, "fuzz");
      break;
    case 1:
      (void)aws::parse_credentials_json(input.document, aws::process_json_format(), "fuzz");
      break;
    case 2:
      (void)aws::parse_credentials_json(input.document, aws::metadata_json_format(), "fuzz");
      break;
    case 3:
      (void)sources::evidence::parse_aws_cli_error(input.document, "DescribeTrails", "us-east-1");
      break;
    default:
      if (auto url = aws::split_url(input.document)) (void)aws::host_header_value(*url);
      (void)aws::normalize_path(input.document);
      break;
  }
  return 0;
}
