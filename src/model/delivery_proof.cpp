#include "model/delivery_proof.hpp"

#include <algorithm>

namespace trailguard::model {

const TrailDelivery* find_delivery(const DeliveryProof& proof, const std::string& trail_arn) {
  const auto it = std::find_if(proof.trails.begin(), proof.trails.end(), [&](const TrailDelivery& t) { return t.trail_arn == trail_arn; });
  return it == proof.trails.end() ? nullptr : &*it;
}

const RegionDigests* find_region(const TrailDelivery& trail, const std::string& region) {
  const auto it = std::find_if(trail.regions.begin(), trail.regions.end(), [&](const RegionDigests& r) { return r.region == region; });
  return it == trail.regions.end() ? nullptr : &*it;
}

}  // namespace trailguard::model
