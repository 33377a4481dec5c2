#include "sources/evidence/account_files.hpp"

#include "sources/json_input.hpp"

namespace trailguard::sources::evidence {

Result<CallerIdentity> parse_caller_identity(std::string_view json, const std::string& input) {
  auto root = parse_json(json, input);
  if (!root) return root.error();
  const auto at = json_root(*root, input);
  if (!at.is_object()) return at.shape_error("an object");
  auto account = at.member("Account");
  if (!account) return make_error(ErrorKind::malformed_input, input, "Account is missing (expected GetCallerIdentity output)");
  auto account_id = account->as_string();
  if (!account_id) return account_id.error();
  auto arn = optional_string(at, "Arn");
  if (!arn) return arn.error();
  return CallerIdentity{std::move(*account_id), std::move(*arn)};
}

Result<std::vector<model::Region>> parse_describe_regions(std::string_view json, const std::string& input) {
  auto root = parse_json(json, input);
  if (!root) return root.error();
  const auto at = json_root(*root, input);
  if (!at.is_object()) return at.shape_error("an object");
  auto list = at.member("Regions");
  if (!list) return make_error(ErrorKind::malformed_input, input, "Regions is missing (expected DescribeRegions output)");
  auto items = list->items();
  if (!items) return items.error();
  std::vector<model::Region> regions;
  for (const auto& item : *items) {
    if (!item.is_object()) return item.shape_error("an object");
    auto name = item.member("RegionName");
    if (!name) return make_error(ErrorKind::malformed_input, input, item.path + ".RegionName is missing");
    auto region_name = name->as_string();
    if (!region_name) return region_name.error();
    auto opt_in = optional_string(item, "OptInStatus", "opt-in-not-required");
    if (!opt_in) return opt_in.error();
    const auto state = *opt_in == "not-opted-in" ? model::RegionState::not_enabled : model::RegionState::enabled;
    regions.push_back({std::move(*region_name), state, std::move(*opt_in)});
  }
  return regions;
}

}  // namespace trailguard::sources::evidence
