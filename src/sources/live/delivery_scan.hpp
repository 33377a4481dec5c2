// scan --prove-delivery's read: for each trail asked about (the CLI asks about the trails that pass), the
// digest files in its bucket for each region in the window, into model::DeliveryProof. The calls:
//   - GetBucketLocation once per bucket (cached for the run; when denied, the trail's home region is tried, as
//     logs s3:// does);
//   - for an organization trail whose organization id the caller does not know, one ListObjectsV2 of
//     <key prefix>/AWSLogs/ (delimiter /) to find the o-... folder (cached per bucket and prefix);
//   - one ListObjectsV2 per region and UTC day the window touches, of
//     [<key prefix>/]AWSLogs/[<o-id>/]<account>/CloudTrail-Digest/<region>/YYYY/MM/DD/ (more only when a day
//     holds over 1,000 keys), concurrently.
// A trail without log file validation is not listed (CloudTrail writes no digests for it). A digest counts only
// when its name says this account, region, trail name and trail home region (two trails may share a folder).
// Judging what was found is control/delivery_judgement's.
// Thread-safety: one DeliveryScanner may serve several accounts at once (scan --org); its caches are locked.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "aws/aws_client.hpp"
#include "model/account.hpp"

namespace trailguard::sources::live {

struct DeliveryScanOptions {
  std::int64_t now = 0;              // the window's end, seconds since the epoch
  std::int64_t window_seconds = 86400;
  std::size_t concurrency = 8;       // listings at once, per account
};

// A trail to prove and the regions it must be proven in.
struct DeliveryRequest {
  std::string trail_arn;
  std::vector<std::string> regions;
};

// The folder above the digest region folders: [<key prefix>/]AWSLogs/[<o-id>/]<account>/CloudTrail-Digest/.
// Organization trails (IsOrganizationTrail) put every account under the organization's id.
std::string digest_prefix(const model::Trail& trail, const std::string& account_id, const std::string& organization_id);

// The "YYYY/MM/DD/" folders of every UTC day from `start` to `end` (seconds since the epoch), oldest first.
std::vector<std::string> day_folders(std::int64_t start, std::int64_t end);

class DeliveryScanner {
 public:
  explicit DeliveryScanner(DeliveryScanOptions options) : options_(options) {}

  // `organization_id`: the organization's o-... when known (scan --org), else "" (found in the bucket when an
  // organization trail needs it). Trails the account does not hold are recorded as not looked at.
  model::DeliveryProof scan(aws::AwsClient& client, const model::Account& account, const std::vector<DeliveryRequest>& requests,
                            const std::string& organization_id = "");

 private:
  model::TrailDelivery scan_trail(aws::AwsClient& client, const model::Account& account, const model::Trail& trail,
                                  const std::vector<std::string>& regions, const std::string& organization_id);
  Result<std::string> bucket_region(aws::AwsClient& client, const model::Trail& trail);
  Result<std::string> organization_folder(aws::AwsClient& client, const model::Trail& trail, const std::string& region);

  DeliveryScanOptions options_;
  std::mutex mutex_;
  std::map<std::string, std::string> bucket_regions_;        // bucket -> region
  std::map<std::string, std::string> organization_folders_;  // bucket + "/" + key prefix -> o-...
};

}  // namespace trailguard::sources::live
