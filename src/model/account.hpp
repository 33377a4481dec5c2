// Account: everything the control judges about one AWS account, independent of where it came from
// (live API, saved evidence, infrastructure code). Built by a source, read by the evaluator.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/delivery_proof.hpp"
#include "model/read_error.hpp"
#include "model/trail.hpp"

namespace trailguard::model {

enum class RegionState { enabled, not_enabled };

struct Region {
  std::string name;
  RegionState state = RegionState::enabled;
  std::string opt_in_status;  // as AWS states it: opt-in-not-required, opted-in, not-opted-in
};

enum class RegionListing {
  listed,    // the account's own list of regions (DescribeRegions, ListRegions)
  inferred,  // not available: the default regions of the partition plus those seen elsewhere
};

struct Account {
  std::string account_id;
  std::string account_name;  // when the source knows it (an organization's ListAccounts); for people, not for judging
  std::string partition = "aws";
  std::vector<Region> regions;
  RegionListing region_listing = RegionListing::listed;

  // Every distinct trail that applies to the account, its own and organization trails, deduplicated by ARN.
  std::vector<Trail> trails;

  // Reads that failed for a whole region or the whole account; a region named here cannot pass.
  // An empty region means the failure concerns every region.
  std::vector<ReadError> read_errors;

  // Set when the account is deliberately not audited (an organization member that is SUSPENDED): every
  // region is then SKIPPED with this explanation, and the account counts as skipped, not incomplete.
  std::string not_audited;

  // Remarks about how the model was built, for the report ("regions inferred: no describe-regions.json").
  std::vector<std::string> notes;

  // scan --prove-delivery: what the covering trails' buckets show; absent when delivery was not looked at.
  std::optional<DeliveryProof> delivery;
};

// Finds a trail by ARN; nullptr when absent.
const Trail* find_trail(const Account& account, std::string_view arn);
Trail* find_trail(Account& account, std::string_view arn);

// Adds the trail, or merges it into the one with the same ARN (a shadow trail is the same trail):
// regions it was seen in are united, and facts the existing entry lacks are taken from the new one.
Trail& add_or_merge_trail(Account& account, Trail trail);

}  // namespace trailguard::model
