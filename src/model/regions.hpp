// Region facts that do not depend on any account: partitions and their default regions.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace trailguard::model {

// The partition a region belongs to: aws, aws-cn, aws-us-gov (aws-iso* too), from the name's prefix.
std::string_view partition_of_region(std::string_view region);

// The regions enabled by default in every account of the partition (no opt-in needed).
std::span<const std::string_view> default_regions(std::string_view partition);

}  // namespace trailguard::model
