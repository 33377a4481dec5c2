// Files a user's machine hands us: the AWS config/credentials INI files, credential_process and container
// JSON, the AWS CLI's saved error text, an evidence directory's manifest.jsonl, endpoint URLs, and delivered
// CloudTrail log files (gzip or plain: records, Insights, digests' bucket). None may crash the tool.
#include <algorithm>
#include <string>

#include "aws/credentials/credentials_json.hpp"
#include "aws/credentials/ini_file.hpp"
#include "aws/url.hpp"
#include "base/gzip.hpp"
#include "fuzz_input.hpp"
#include "sources/evidence/aws_cli_error.hpp"
#include "sources/evidence/manifest.hpp"
#include "sources/logs/log_records.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace trailguard;
  const auto input = fuzz::split(data, size);
  switch (input.selector % 8) {
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
    case 6:
    case 7: {
      // 6: a plain .json log file; 7: a .json.gz one, inflated first as the scan does.
      static thread_local sources::logs::LogRecordReader reader;
      static thread_local GzipInflater inflater;
      ByteBuffer json;
      if (input.selector % 8 == 7) {
        if (!inflater.inflate(input.document, json, 64 << 20, "fuzz.json.gz")) break;
      } else {
        std::copy(input.document.begin(), input.document.end(), json.grow(input.document.size()));
        json.set_size(input.document.size());
      }
      sources::logs::FileRecords records;
      if (reader.read(json, "fuzz.json", records))
        for (const auto& event : records.events) (void)sources::logs::string_member(event.request_parameters, "name");
      (void)reader.count_records(json, "fuzz.json");
      (void)reader.digest_bucket(json, "fuzz.json");
      break;
    }
    case 4:
      if (auto url = aws::split_url(input.document)) (void)aws::host_header_value(*url);
      (void)aws::normalize_path(input.document);
      break;
  }
  return 0;
}
