// The live source: reads one AWS account through an AwsClient into the model, with the fewest calls
// that decide the control: GetCallerIdentity (unless the account id is known), one regions call, DescribeTrails once (it returns every
// multi-region and organization trail wherever its home is), then GetTrailStatus and GetEventSelectors
// once per distinct multi-region trail, in its home region, concurrently.
// Every failed read becomes a ReadError in the model (so the evaluator reports ERROR), never an omission.
// Thread-safety: scan_account may run for several accounts at once with different clients.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "aws/aws_client.hpp"
#include "model/account.hpp"

namespace trailguard::sources::evidence {
class EvidenceSink;
}

namespace trailguard::sources::live {

// --inventory: also list trails in every enabled region, to name each region's single-region trails.
enum class Inventory { off, every_region };

struct LiveScanOptions {
  std::string home_region = "us-east-1";  // where the account-wide calls go
  std::vector<std::string> only_regions;  // --region: judge only these (empty: every region)
  Inventory inventory = Inventory::off;
  std::size_t concurrency = 8;
  evidence::EvidenceSink* sink = nullptr;  // when set, every answer is saved as evidence (collect)
  // Trail ARNs whose status and selectors the caller already holds (organization trails, read once in the
  // management account): still listed and merged as usual, but never sent GetTrailStatus/GetEventSelectors.
  std::vector<std::string> known_trails;
  // The account's id when the caller already knows it (an organization member, reached through a role in
  // it): GetCallerIdentity is then not called, one call fewer per account.
  std::string account_id;
  // Also read the status and selectors of single-region trails (fix: one may be made multi-region, and its
  // data-event selectors must be kept).
  bool single_region_details = false;
};

model::Account scan_account(aws::AwsClient& client, const LiveScanOptions& options);

}  // namespace trailguard::sources::live
