// CloudTrail answers (DescribeTrails, GetTrailStatus, GetEventSelectors) into the model.
// The AWS CLI prints the same JSON the API returns, so live scans and saved evidence share this adapter.
// Unknown fields are ignored (AWS adds fields); missing facts become unknown, never defaults that pass.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "model/trail.hpp"

namespace trailguard::sources {

// `input` names the document in errors ("describe-trails.eu-west-1.json", "DescribeTrails in eu-west-1");
// `listing_region` is the region whose listing this is ("" when unknown).
Result<std::vector<model::Trail>> parse_describe_trails(std::string_view json, const std::string& input,
                                                        const std::string& listing_region);
Result<model::TrailStatus> parse_trail_status(std::string_view json, const std::string& input);
Result<model::EventSelectors> parse_event_selectors(std::string_view json, const std::string& input);

}  // namespace trailguard::sources
