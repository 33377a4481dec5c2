#include "sources/terraform/aws_cloudtrail_attributes.hpp"

#include <fmt/format.h>

#include "sources/terraform/tf_value_ops.hpp"

namespace trailguard::sources::terraform {
namespace {

using Kind = TfValue::Kind;
using model::Known;

// Where an attribute was written, for messages: the value's own origin, else the resource's place.
std::string place_of(const TfValue* value, const std::string& resource_place, const std::string& name) {
  if (value && !value->origin.empty()) return value->origin + ": " + name;
  return resource_place + ": " + name;
}

// Plan JSON and unknown-typed inputs may spell a bool as a string ("true"), as Terraform converts it.
std::optional<bool> bool_of(const TfValue& value) {
  if (value.kind == Kind::boolean) return value.boolean;
  if (value.kind == Kind::string) {
    if (value.string == "true") return true;
    if (value.string == "false") return false;
  }
  return std::nullopt;
}

Known<bool> boolean(const TfValue& attributes, const std::string& name, bool provider_default, const std::string& place) {
  const TfValue* value = attributes.field(name);
  if (!value || value->is_null())
    return Known<bool>::defaulted(provider_default, fmt::format("{}: {} not set (provider default {})", place, name, provider_default));
  const auto where = place_of(value, place, name);
  if (value->is_unknown()) return Known<bool>::unknown(fmt::format("{} is unknown: {}", where, value->string));
  if (const auto flag = bool_of(*value)) return Known<bool>::stated(*flag, where);
  return Known<bool>::unknown(fmt::format("{} is {}, not a boolean", where, describe(*value)));
}

std::string text(const TfValue& attributes, const std::string& name) {
  const TfValue* value = attributes.field(name);
  if (!value) return "";
  return as_text(*value).value_or("");
}

// A block list (nested blocks as lists of objects); null or absent is empty. An unknown list, or a value of
// another shape, is reported through `unknown_reason`.
std::vector<const TfValue*> blocks(const TfValue& attributes, const std::string& name, const std::string& place,
                                   std::string& unknown_reason) {
  std::vector<const TfValue*> out;
  const TfValue* value = attributes.field(name);
  if (!value || value->is_null()) return out;
  const auto where = place_of(value, place, name);
  if (value->is_unknown()) {
    unknown_reason = fmt::format("{} is unknown: {}", where, value->string);
    return out;
  }
  if (value->kind == Kind::object) {  // one block written as an object (hand-made plan JSON)
    out.push_back(value);
    return out;
  }
  if (value->kind != Kind::list) {
    unknown_reason = fmt::format("{} is {}, not a list of blocks", where, describe(*value));
    return out;
  }
  for (const auto& item : value->items) {
    if (item.is_unknown()) {
      unknown_reason = fmt::format("{} holds an unknown block: {}", where, item.string);
      return {};
    }
    if (item.kind != Kind::object) {
      unknown_reason = fmt::format("{} holds {}, not a block", where, describe(item));
      return {};
    }
    out.push_back(&item);
  }
  return out;
}

// A list of strings; an unknown element or list is reported through `unknown_reason`.
std::vector<std::string> strings(const TfValue& object, const std::string& name, const std::string& place,
                                 std::string& unknown_reason) {
  std::vector<std::string> out;
  const TfValue* value = object.field(name);
  if (!value || value->is_null()) return out;
  if (const auto* unknown = find_unknown(*value)) {
    unknown_reason = fmt::format("{} is unknown: {}", place_of(value, place, name), unknown->string);
    return out;
  }
  if (value->kind != Kind::list) {
    if (const auto single = as_text(*value)) out.push_back(*single);
    return out;
  }
  for (const auto& item : value->items)
    if (const auto item_text = as_text(item)) out.push_back(*item_text);
  return out;
}

Known<model::ReadWriteType> read_write_type(const TfValue& selector, const std::string& place) {
  using model::ReadWriteType;
  const TfValue* value = selector.field("read_write_type");
  if (!value || value->is_null())
    return Known<ReadWriteType>::defaulted(ReadWriteType::all, place + ": read_write_type not set (provider default \"All\")");
  const auto where = place_of(value, place, "read_write_type");
  if (value->is_unknown()) return Known<ReadWriteType>::unknown(fmt::format("{} is unknown: {}", where, value->string));
  const auto written = as_text(*value).value_or("");
  if (written == "All") return Known<ReadWriteType>::stated(ReadWriteType::all, where);
  if (written == "ReadOnly") return Known<ReadWriteType>::stated(ReadWriteType::read_only, where);
  if (written == "WriteOnly") return Known<ReadWriteType>::stated(ReadWriteType::write_only, where);
  return Known<ReadWriteType>::unknown(fmt::format("{} is {}, not All, ReadOnly or WriteOnly", where, describe(*value)));
}

model::BasicEventSelector basic_selector(const TfValue& block, const std::string& place, std::string& unknown_reason) {
  model::BasicEventSelector selector;
  selector.read_write_type = read_write_type(block, place);
  selector.include_management_events = boolean(block, "include_management_events", true, place);
  selector.exclude_management_event_sources = strings(block, "exclude_management_event_sources", place, unknown_reason);
  for (const auto* data : blocks(block, "data_resource", place, unknown_reason)) {
    model::DataResource resource;
    resource.type = text(*data, "type");
    resource.values = strings(*data, "values", place + ": data_resource", unknown_reason);
    selector.data_resources.push_back(std::move(resource));
  }
  return selector;
}

model::AdvancedEventSelector advanced_selector(const TfValue& block, const std::string& place, std::string& unknown_reason) {
  model::AdvancedEventSelector selector;
  selector.name = text(block, "name");
  for (const auto* field_block : blocks(block, "field_selector", place, unknown_reason)) {
    model::FieldSelector field;
    const TfValue* field_name = field_block->field("field");
    if (field_name && field_name->is_unknown())
      unknown_reason = fmt::format("{} is unknown: {}", place_of(field_name, place, "field_selector.field"), field_name->string);
    field.field = text(*field_block, "field");
    field.equals = strings(*field_block, "equals", place, unknown_reason);
    field.starts_with = strings(*field_block, "starts_with", place, unknown_reason);
    field.ends_with = strings(*field_block, "ends_with", place, unknown_reason);
    field.not_equals = strings(*field_block, "not_equals", place, unknown_reason);
    field.not_starts_with = strings(*field_block, "not_starts_with", place, unknown_reason);
    field.not_ends_with = strings(*field_block, "not_ends_with", place, unknown_reason);
    selector.field_selectors.push_back(std::move(field));
  }
  return selector;
}

model::ReadError unresolved(const std::string& message) { return {"Terraform", "", "UnresolvedValue", message}; }

model::Observed<model::EventSelectors> selectors_of(const TfValue& attributes, const std::string& place) {
  std::string unknown_reason;
  model::EventSelectors selectors;
  selectors.source = place;
  const auto basic = blocks(attributes, "event_selector", place, unknown_reason);
  for (std::size_t i = 0; i < basic.size(); ++i)
    selectors.basic.push_back(basic_selector(*basic[i], fmt::format("{}: event_selector[{}]", place, i), unknown_reason));
  const auto advanced = blocks(attributes, "advanced_event_selector", place, unknown_reason);
  for (std::size_t i = 0; i < advanced.size(); ++i)
    selectors.advanced.push_back(advanced_selector(*advanced[i], fmt::format("{}: advanced_event_selector[{}]", place, i), unknown_reason));
  if (!unknown_reason.empty()) return unresolved(unknown_reason);
  if (selectors.basic.empty() && selectors.advanced.empty())
    return model::cloudtrail_default_selectors(place + ": no event_selector (CloudTrail's default: all management events)");
  return selectors;
}

model::Observed<model::TrailStatus> status_of(const TfValue& attributes, const std::string& place) {
  const auto logging = boolean(attributes, "enable_logging", true, place);
  if (!logging.known()) return unresolved(logging.origin.source);
  return model::TrailStatus{*logging.value, "", logging.origin.source};
}

}  // namespace

model::DeclaredTrail declared_trail_from_attributes(const TfValue& attributes, const ResourcePlace& place) {
  model::DeclaredTrail declared;
  declared.format = place.format;
  declared.address = place.address;
  declared.location = place.location;
  const auto where = place.location.line > 0
                         ? fmt::format("{}:{}: {}", place.location.file, place.location.line, place.address)
                         : fmt::format("{}: {}", place.location.file, place.address);

  auto& trail = declared.trail;
  if (attributes.is_unknown()) {
    const auto why = fmt::format("{} is unknown: {}", where, attributes.string);
    trail.name = place.address;
    trail.is_multi_region = Known<bool>::unknown(why);
    trail.include_global_service_events = Known<bool>::unknown(why);
    trail.is_organization_trail = Known<bool>::unknown(why);
    trail.status = unresolved(why);
    trail.selectors = unresolved(why);
    return declared;
  }
  const auto name = text(attributes, "name");
  trail.name = name.empty() ? place.address : name;
  trail.home_region = place.region;
  trail.owner_account_id = place.account_id;
  if (!place.account_id.empty() && !place.region.empty() && !name.empty())
    trail.arn = fmt::format("arn:aws:cloudtrail:{}:{}:trail/{}", place.region, place.account_id, name);
  trail.is_multi_region = boolean(attributes, "is_multi_region_trail", false, where);
  trail.include_global_service_events = boolean(attributes, "include_global_service_events", true, where);
  trail.is_organization_trail = boolean(attributes, "is_organization_trail", false, where);
  trail.log_file_validation = boolean(attributes, "enable_log_file_validation", false, where);
  trail.s3_bucket = text(attributes, "s3_bucket_name");
  trail.s3_key_prefix = text(attributes, "s3_key_prefix");
  trail.kms_key_id = text(attributes, "kms_key_id");
  trail.status = status_of(attributes, where);
  trail.selectors = selectors_of(attributes, where);
  return declared;
}

}  // namespace trailguard::sources::terraform
