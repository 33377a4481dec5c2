// DeliveryProof: what a trail's bucket shows about delivery (scan --prove-delivery), whatever read it. Per
// trail that covers the account, per region: the end times of the digest files found for the days the window
// touches, or why none could be looked for. Facts only: which digests count (the window's edges) and what the
// facts mean for a finding is control/delivery_judgement's, so that the rule lives in one pure place.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/read_error.hpp"

namespace trailguard::model {

struct RegionDigests {
  std::string region;
  // Each digest file's end time (seconds since the epoch, from its name), of this trail, account and region,
  // for every day the window touches (so some may be older than the window's start).
  std::vector<std::int64_t> digest_times;
  std::optional<ReadError> error;  // the listing failed: nothing is known for the region
};

// Why a trail's bucket was not looked at, or could not be.
enum class DeliveryGap {
  none,                // listed: regions says what was found
  validation_off,      // the trail has no log file validation: CloudTrail writes no digests to look for
  bucket_unreadable,   // GetBucketLocation (or the organization's folder) could not be read: `error` says why
  bucket_missing,      // the bucket does not exist (NoSuchBucket): nothing can be delivered
};

struct TrailDelivery {
  std::string trail_arn;
  std::string bucket;
  std::string bucket_region;  // GetBucketLocation's answer
  std::string digest_prefix;  // the folder above the region folders: [<key prefix>/]AWSLogs/[<o-id>/]<account>/CloudTrail-Digest/
  DeliveryGap gap = DeliveryGap::none;
  std::optional<ReadError> error;    // with bucket_unreadable / bucket_missing
  std::vector<RegionDigests> regions;  // with gap none: one per region looked at
};

struct DeliveryProof {
  std::int64_t window_start = 0;  // seconds since the epoch: a digest at or after it counts
  std::int64_t window_end = 0;    // when the scan looked (the window's end)
  std::vector<TrailDelivery> trails;
};

// The trail's record, or nullptr when the proof has none (the trail was not looked at).
const TrailDelivery* find_delivery(const DeliveryProof& proof, const std::string& trail_arn);
// The region's record of a trail, or nullptr.
const RegionDigests* find_region(const TrailDelivery& trail, const std::string& region);

}  // namespace trailguard::model
