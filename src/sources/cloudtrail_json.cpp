#include "sources/cloudtrail_json.hpp"

#include "sources/json_input.hpp"

namespace trailguard::sources {
namespace {

using model::Known;

Result<Known<bool>> known_bool(const JsonAt& object, std::string_view key) {
  const std::string where = *object.input + ": " + object.path + (object.path.empty() ? "" : ".") + std::string(key);
  auto child = object.member(key);
  if (!child) return Known<bool>::unknown(where + " is missing");
  auto value = child->as_bool();
  if (!value) return value.error();
  return Known<bool>::stated(*value, where);
}

Result<model::Trail> parse_trail(const JsonAt& item, const std::string& listing_region) {
  if (!item.is_object()) return item.shape_error("an object");
  model::Trail trail;
  auto arn = item.member("TrailARN");
  if (!arn) return make_error(ErrorKind::malformed_input, *item.input, item.path + ".TrailARN is missing");
  auto arn_text = arn->as_string();
  if (!arn_text) return arn_text.error();
  trail.arn = *arn_text;
  trail.owner_account_id = model::account_of_arn(trail.arn);

  for (auto [field, target] : {std::pair{"Name", &trail.name}, std::pair{"HomeRegion", &trail.home_region},
                               std::pair{"S3BucketName", &trail.s3_bucket}, std::pair{"S3KeyPrefix", &trail.s3_key_prefix},
                               std::pair{"KmsKeyId", &trail.kms_key_id}}) {
    auto value = optional_string(item, field);
    if (!value) return value.error();
    *target = std::move(*value);
  }
  // The trail's ARN names its home region too; DescribeTrails answers always carry HomeRegion. Should the two
  // disagree, HomeRegion decides where the trail is read, and the trail is marked as contradicting itself.
  const auto arn_region = model::region_of_arn(trail.arn);
  if (trail.home_region.empty()) {
    trail.home_region = arn_region;
  } else if (!arn_region.empty() && arn_region != trail.home_region) {
    trail.contradictions.push_back(*item.input + ": " + item.path + ": its ARN names region " + arn_region +
                                   ", its HomeRegion " + trail.home_region + " (HomeRegion decides where it is read)");
  }

  for (auto [field, target] : {std::pair{"IsMultiRegionTrail", &trail.is_multi_region},
                               std::pair{"IncludeGlobalServiceEvents", &trail.include_global_service_events},
                               std::pair{"IsOrganizationTrail", &trail.is_organization_trail},
                               std::pair{"LogFileValidationEnabled", &trail.log_file_validation}}) {
    auto value = known_bool(item, field);
    if (!value) return value.error();
    *target = std::move(*value);
  }
  if (!listing_region.empty()) trail.seen_in_regions.push_back(listing_region);
  return trail;
}

Result<model::ReadWriteType> read_write_type(const JsonAt& value) {
  auto text = value.as_string();
  if (!text) return text.error();
  if (*text == "All") return model::ReadWriteType::all;
  if (*text == "ReadOnly") return model::ReadWriteType::read_only;
  if (*text == "WriteOnly") return model::ReadWriteType::write_only;
  return make_error(ErrorKind::malformed_input, *value.input,
                    value.path + " is \"" + *text + "\", expected All, ReadOnly or WriteOnly");
}

Result<model::BasicEventSelector> parse_basic_selector(const JsonAt& item) {
  if (!item.is_object()) return item.shape_error("an object");
  model::BasicEventSelector selector;
  const std::string where = *item.input + ": " + item.path;
  if (auto rw = item.member("ReadWriteType")) {
    auto value = read_write_type(*rw);
    if (!value) return value.error();
    selector.read_write_type = Known<model::ReadWriteType>::stated(*value, where + ".ReadWriteType");
  } else {
    selector.read_write_type = Known<model::ReadWriteType>::unknown(where + ".ReadWriteType is missing");
  }
  auto include = known_bool(item, "IncludeManagementEvents");
  if (!include) return include.error();
  selector.include_management_events = std::move(*include);
  auto excluded = optional_strings(item, "ExcludeManagementEventSources");
  if (!excluded) return excluded.error();
  selector.exclude_management_event_sources = std::move(*excluded);
  if (auto resources = item.member("DataResources")) {
    auto list = resources->items();
    if (!list) return list.error();
    for (const auto& resource : *list) {
      auto type = optional_string(resource, "Type");
      if (!type) return type.error();
      auto values = optional_strings(resource, "Values");
      if (!values) return values.error();
      selector.data_resources.push_back({std::move(*type), std::move(*values)});
    }
  }
  return selector;
}

Result<model::AdvancedEventSelector> parse_advanced_selector(const JsonAt& item) {
  if (!item.is_object()) return item.shape_error("an object");
  model::AdvancedEventSelector selector;
  auto name = optional_string(item, "Name");
  if (!name) return name.error();
  selector.name = std::move(*name);
  auto fields = item.member("FieldSelectors");
  if (!fields) return make_error(ErrorKind::malformed_input, *item.input, item.path + ".FieldSelectors is missing");
  auto list = fields->items();
  if (!list) return list.error();
  for (const auto& f : *list) {
    if (!f.is_object()) return f.shape_error("an object");
    model::FieldSelector field;
    auto field_name = f.member("Field");
    if (!field_name) return make_error(ErrorKind::malformed_input, *f.input, f.path + ".Field is missing");
    auto field_text = field_name->as_string();
    if (!field_text) return field_text.error();
    field.field = std::move(*field_text);
    for (auto [key, target] : {std::pair{"Equals", &field.equals}, std::pair{"StartsWith", &field.starts_with},
                               std::pair{"EndsWith", &field.ends_with}, std::pair{"NotEquals", &field.not_equals},
                               std::pair{"NotStartsWith", &field.not_starts_with},
                               std::pair{"NotEndsWith", &field.not_ends_with}}) {
      auto values = optional_strings(f, key);
      if (!values) return values.error();
      *target = std::move(*values);
    }
    selector.field_selectors.push_back(std::move(field));
  }
  return selector;
}

Result<JsonAt> parse_object(std::string_view json, const std::string& input) {
  auto root = parse_json(json, input);
  if (!root) return root.error();
  JsonAt at = json_root(*root, input);
  if (!at.is_object()) return at.shape_error("an object");
  return at;
}

}  // namespace

Result<std::vector<model::Trail>> parse_describe_trails(std::string_view json, const std::string& input,
                                                        const std::string& listing_region) {
  auto root = parse_object(json, input);
  if (!root) return root.error();
  auto list = root->member("trailList");
  if (!list) return make_error(ErrorKind::malformed_input, input, "trailList is missing (expected DescribeTrails output)");
  auto items = list->items();
  if (!items) return items.error();
  std::vector<model::Trail> trails;
  for (const auto& item : *items) {
    auto trail = parse_trail(item, listing_region);
    if (!trail) return trail.error();
    trails.push_back(std::move(*trail));
  }
  return trails;
}

Result<model::TrailStatus> parse_trail_status(std::string_view json, const std::string& input) {
  auto root = parse_object(json, input);
  if (!root) return root.error();
  auto logging = root->member("IsLogging");
  if (!logging) return make_error(ErrorKind::malformed_input, input, "IsLogging is missing (expected GetTrailStatus output)");
  auto is_logging = logging->as_bool();
  if (!is_logging) return is_logging.error();
  auto delivery_error = optional_string(*root, "LatestDeliveryError");
  if (!delivery_error) return delivery_error.error();
  return model::TrailStatus{*is_logging, std::move(*delivery_error), input};
}

Result<model::EventSelectors> parse_event_selectors(std::string_view json, const std::string& input) {
  auto root = parse_object(json, input);
  if (!root) return root.error();
  model::EventSelectors selectors;
  selectors.source = input;
  auto trail_arn = optional_string(*root, "TrailARN");
  if (!trail_arn) return trail_arn.error();
  selectors.trail_arn = std::move(*trail_arn);
  auto basic = root->member("EventSelectors");
  auto advanced = root->member("AdvancedEventSelectors");
  if (!basic && !advanced && !root->member("TrailARN"))
    return make_error(ErrorKind::malformed_input, input,
                      "has neither EventSelectors, AdvancedEventSelectors nor TrailARN (expected GetEventSelectors output)");
  if (basic) {
    auto items = basic->items();
    if (!items) return items.error();
    for (const auto& item : *items) {
      auto selector = parse_basic_selector(item);
      if (!selector) return selector.error();
      selectors.basic.push_back(std::move(*selector));
    }
  }
  if (advanced) {
    auto items = advanced->items();
    if (!items) return items.error();
    for (const auto& item : *items) {
      auto selector = parse_advanced_selector(item);
      if (!selector) return selector.error();
      selectors.advanced.push_back(std::move(*selector));
    }
  }
  return selectors;
}

}  // namespace trailguard::sources
