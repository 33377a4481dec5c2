#include "aws/http/api_rates.hpp"

namespace trailguard::aws {
namespace {

// One row: a service, an operation ("Describe*" matches every operation starting with "Describe"; "*"
// every operation) and the steady rate in requests per second. Rows are tried in order; the first match
// wins. AWS throttles each API per account and per region with a token bucket; these are the refill rates
// it publishes, and the client's own bucket for an API holds one second's worth (see rate_limiter.hpp).
struct ApiRate {
  std::string_view service;
  std::string_view operation;
  double per_second;
};

constexpr ApiRate kApiRates[] = {
    // CloudTrail User Guide, "Quotas in AWS CloudTrail": "Get, describe, and list APIs: 10 transactions
    // per second", LookupEvents 2, ListInsightsMetricData 1, "All other APIs: 1" (the writes remediation
    // makes: CreateTrail, UpdateTrail, PutEventSelectors, StartLogging). None can be increased.
    {"cloudtrail", "LookupEvents", 2},
    {"cloudtrail", "ListInsightsMetricData", 1},
    {"cloudtrail", "Get*", 10},
    {"cloudtrail", "Describe*", 10},
    {"cloudtrail", "List*", 10},
    {"cloudtrail", "*", 1},

    // EC2 API Reference, "Request throttling for the Amazon EC2 API": non-mutating actions (Describe*)
    // have a bucket of 100 tokens refilled at 20 per second.
    {"ec2", "Describe*", 20},

    // Account Management Reference, "Quotas for AWS Account Management": ListRegions and
    // GetRegionOptStatus 5 per second, burst 5.
    {"account", "ListRegions", 5},
    {"account", "GetRegionOptStatus", 5},

    // STS publishes no rates (its throttling is a token bucket per API, per the AWS Security Blog "How to
    // monitor and query IAM resources at scale, part 2", without numbers). An organization scan assumes one
    // role per member through the management account's client, as fast as members finish: at 20 per second
    // AssumeRole alone would make a 1,000-account run last 50 s, whatever the concurrency. 100 per second
    // leaves the members' own calls as the bound, and the adaptive decrease finds a lower limit if AWS
    // throttles earlier.
    {"sts", "*", 100},

    // Organizations publishes no rates either (awsdocs/aws-organizations-docs#39 asked, unanswered), and it
    // throttles busy organizations early ("another request is already in progress"): the default. ListAccounts
    // pages one request at a time anyway.
    {"organizations", "*", kDefaultApiRate},

    // Security Hub API Reference, "Quotas": BatchImportFindings 10 requests per second (burst 30) per account
    // and region, GetFindings 3 (burst 6).
    {"securityhub", "BatchImportFindings", 10},
    {"securityhub", "GetFindings", 3},
    // Athena, "Per account API call quotas" (AWS General Reference, Amazon Athena endpoints and quotas):
    // StartQueryExecution and StopQueryExecution 20 calls per second, GetQueryExecution and GetQueryResults 100.
    {"athena", "StartQueryExecution", 20},
    {"athena", "StopQueryExecution", 20},
    {"athena", "GetQueryExecution", 100},
    {"athena", "GetQueryResults", 100},
    // S3 User Guide, "Best practices design patterns: optimizing Amazon S3 performance": at least 3,500
    // PUT/COPY/POST/DELETE and 5,500 GET/HEAD requests per second per partitioned prefix. Reading a log bucket
    // is GETs (ListObjectsV2, GetObject) spread over every account, region and day prefix: the network and
    // the threads bound it long before S3 does. Remediation's few writes keep the default.
    {"s3", "Get*", 5500},
    {"s3", "List*", 5500},
    {"s3", "Head*", 5500},
};

bool matches(std::string_view pattern, std::string_view operation) {
  if (!pattern.empty() && pattern.back() == '*') return operation.starts_with(pattern.substr(0, pattern.size() - 1));
  return pattern == operation;
}

}  // namespace

double published_api_rate(std::string_view service, std::string_view operation) {
  for (const ApiRate& row : kApiRates) {
    if (row.service == service && matches(row.operation, operation)) return row.per_second;
  }
  return kDefaultApiRate;
}

}  // namespace trailguard::aws
