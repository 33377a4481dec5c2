#include "model/regions.hpp"

#include <array>

namespace trailguard::model {
namespace {
// Regions enabled by default (opt-in-not-required). Opt-in regions (af-south-1, ap-east-1, me-south-1, ...)
// are enabled only where the account opted in, so they are not assumed.
constexpr std::array<std::string_view, 17> kCommercial = {
    "us-east-1",      "us-east-2",      "us-west-1",      "us-west-2",    "ap-south-1",   "ap-northeast-1",
    "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "ca-central-1", "eu-central-1",
    "eu-west-1",      "eu-west-2",      "eu-west-3",      "eu-north-1",   "sa-east-1"};
constexpr std::array<std::string_view, 2> kChina = {"cn-north-1", "cn-northwest-1"};
constexpr std::array<std::string_view, 2> kGovCloud = {"us-gov-west-1", "us-gov-east-1"};
}  // namespace

std::string_view partition_of_region(std::string_view region) {
  if (region.starts_with("cn-")) return "aws-cn";
  if (region.starts_with("us-gov-")) return "aws-us-gov";
  if (region.starts_with("us-isob-")) return "aws-iso-b";
  if (region.starts_with("us-iso-")) return "aws-iso";
  return "aws";
}

std::span<const std::string_view> default_regions(std::string_view partition) {
  if (partition == "aws-cn") return kChina;
  if (partition == "aws-us-gov") return kGovCloud;
  if (partition == "aws") return kCommercial;
  return {};
}

}  // namespace trailguard::model
