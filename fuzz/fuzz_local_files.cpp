// Files a user's machine hands us: the AWS config/credentials INI files, credential_process and container
// JSON, the AWS CLI's saved error text, an evidence directory's manifest.jsonl, endpoint URLs. None may crash
// the tool.
#include <string>

#include "aws/credentials/credentials_json.hpp"
#include "aws/credentials/ini_file.hpp"
#include "aws/url.hpp"
#include "fuzz_input.hpp"
#include "sources/evidence/aws_cli_error.hpp"
#include "sources/evidence/manifest.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace trailguard;
  const auto input = fuzz::split(data, size);
  switch (input.selector % 6) {
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
    case 5:
      if (auto manifest = sources::evidence::Manifest::parse(input.document, "manifest.jsonl"))
        (void)manifest->disagreement("get-trail-status.x.json", input.document, "us-east-1", "arn:aws:cloudtrail:us-east-1:1:trail/x");
      break;
    case 4:
      if (auto url = aws::split_url(input.document)) (void)aws::host_header_value(*url);
      (void)aws::normalize_path(input.document);
      break;
  }
  return 0;
}
