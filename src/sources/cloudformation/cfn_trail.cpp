#include "sources/cloudformation/cfn_trail.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace trailguard::sources::cloudformation {
namespace {

using model::Known;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// The trail's properties, each resolved on its own so one unknown property leaves the others known.
class TrailReader {
 public:
  TrailReader(TemplateEvaluator& evaluator, const CfnEntry& resource) : evaluator_(evaluator), resource_(resource) {
    const auto* properties = resource.value.find("Properties");
    if (!properties) return;
    // A whole Properties block behind an intrinsic (Fn::If) is resolved at once.
    auto resolved = properties->is_map() && properties->entries.size() == 1 && properties->entries[0].key.rfind("Fn::", 0) == 0
                        ? evaluator.resolve(*properties)
                        : Resolved::of(*properties);
    if (resolved.state == Resolved::State::unknown) {
      whole_unknown_ = evaluator.place(resolved.mark) + ": Properties is " + resolved.reason;
      return;
    }
    if (resolved.known() && resolved.node.is_map()) properties_ = std::move(resolved.node);
  }

  // The property resolved; nullopt when absent (or AWS::NoValue); unknown → `reason` set.
  std::optional<CfnNode> property(const std::string& name, std::string& reason, CfnMark& where) {
    where = resource_.key_mark;
    if (!whole_unknown_.empty()) {
      reason = whole_unknown_;
      return std::nullopt;
    }
    const auto* entry = properties_.find_entry(name);
    if (!entry) return std::nullopt;
    where = entry->key_mark;
    auto resolved = evaluator_.resolve(entry->value);
    if (resolved.state == Resolved::State::unknown) {
      reason = fmt::format("{}: {} is {}", evaluator_.place(entry->key_mark), name, resolved.reason);
      return std::nullopt;
    }
    if (resolved.state == Resolved::State::no_value) return std::nullopt;
    return std::move(resolved.node);
  }

  Known<bool> boolean(const std::string& name, bool fallback) {
    std::string reason;
    CfnMark where;
    const auto value = property(name, reason, where);
    if (!reason.empty()) return Known<bool>::unknown(reason);
    const auto place = evaluator_.place(where);
    if (!value) return Known<bool>::defaulted(fallback, fmt::format("{}: {} not set (default {})", place, name, fallback));
    if (const auto flag = boolean_of(*value)) return Known<bool>::stated(*flag, place + ": " + name);
    return Known<bool>::unknown(fmt::format("{}: {} is {}, not a boolean", place, name, describe(*value)));
  }

  std::string text(const std::string& name) {
    std::string reason;
    CfnMark where;
    const auto value = property(name, reason, where);
    return value ? scalar_text(*value).value_or("") : "";
  }

  bool has(const std::string& name) const { return !whole_unknown_.empty() || properties_.find_entry(name); }

  static std::string describe(const CfnNode& node) {
    if (const auto text = scalar_text(node)) return "\"" + *text + "\"";
    return node.is_list() ? "a list" : "a mapping";
  }

 private:
  TemplateEvaluator& evaluator_;
  const CfnEntry& resource_;
  CfnNode properties_;
  std::string whole_unknown_;
};

std::vector<std::string> strings_of(const CfnNode* node) {
  std::vector<std::string> out;
  if (!node) return out;
  if (const auto text = scalar_text(*node)) return {*text};
  for (const auto& item : node->items)
    if (const auto text = scalar_text(item)) out.push_back(*text);
  return out;
}

model::BasicEventSelector basic_selector(const CfnNode& node, const std::string& place) {
  model::BasicEventSelector selector;
  const auto* read_write = node.find("ReadWriteType");
  if (!read_write) {
    selector.read_write_type = Known<model::ReadWriteType>::defaulted(model::ReadWriteType::all, place + ": ReadWriteType not set (default All)");
  } else {
    const auto text = scalar_text(*read_write).value_or("");
    const auto source = fmt::format("{}: ReadWriteType", place);
    if (text == "All") selector.read_write_type = Known<model::ReadWriteType>::stated(model::ReadWriteType::all, source);
    else if (text == "ReadOnly") selector.read_write_type = Known<model::ReadWriteType>::stated(model::ReadWriteType::read_only, source);
    else if (text == "WriteOnly") selector.read_write_type = Known<model::ReadWriteType>::stated(model::ReadWriteType::write_only, source);
    else selector.read_write_type = Known<model::ReadWriteType>::unknown(fmt::format("{} is \"{}\", not All, ReadOnly or WriteOnly", source, text));
  }
  const auto* management = node.find("IncludeManagementEvents");
  if (!management) {
    selector.include_management_events = Known<bool>::defaulted(true, place + ": IncludeManagementEvents not set (default true)");
  } else if (const auto flag = boolean_of(*management)) {
    selector.include_management_events = Known<bool>::stated(*flag, place + ": IncludeManagementEvents");
  } else {
    selector.include_management_events = Known<bool>::unknown(place + ": IncludeManagementEvents is " + TrailReader::describe(*management) + ", not a boolean");
  }
  selector.exclude_management_event_sources = strings_of(node.find("ExcludeManagementEventSources"));
  if (const auto* data = node.find("DataResources"); data && data->is_list()) {
    for (const auto& item : data->items) {
      model::DataResource resource;
      if (const auto* type = item.find("Type")) resource.type = scalar_text(*type).value_or("");
      resource.values = strings_of(item.find("Values"));
      selector.data_resources.push_back(std::move(resource));
    }
  }
  return selector;
}

model::AdvancedEventSelector advanced_selector(const CfnNode& node) {
  model::AdvancedEventSelector selector;
  if (const auto* name = node.find("Name")) selector.name = scalar_text(*name).value_or("");
  const auto* fields = node.find("FieldSelectors");
  if (!fields || !fields->is_list()) return selector;
  for (const auto& item : fields->items) {
    model::FieldSelector field;
    if (const auto* name = item.find("Field")) field.field = scalar_text(*name).value_or("");
    field.equals = strings_of(item.find("Equals"));
    field.starts_with = strings_of(item.find("StartsWith"));
    field.ends_with = strings_of(item.find("EndsWith"));
    field.not_equals = strings_of(item.find("NotEquals"));
    field.not_starts_with = strings_of(item.find("NotStartsWith"));
    field.not_ends_with = strings_of(item.find("NotEndsWith"));
    selector.field_selectors.push_back(std::move(field));
  }
  return selector;
}

model::ReadError unresolved(const std::string& message) { return {"CloudFormation", "", "UnresolvedValue", message}; }

model::Observed<model::EventSelectors> selectors_of(TrailReader& reader, const std::string& resource_place) {
  std::string reason;
  CfnMark basic_mark, advanced_mark;
  const auto basic = reader.property("EventSelectors", reason, basic_mark);
  if (!reason.empty()) return unresolved(reason);
  const auto advanced = reader.property("AdvancedEventSelectors", reason, advanced_mark);
  if (!reason.empty()) return unresolved(reason);
  model::EventSelectors selectors;
  selectors.source = resource_place;
  if (basic && basic->is_list()) {
    for (std::size_t i = 0; i < basic->items.size(); ++i)
      selectors.basic.push_back(basic_selector(basic->items[i], fmt::format("{}: EventSelectors[{}]", resource_place, i)));
  }
  if (advanced && advanced->is_list())
    for (const auto& item : advanced->items) selectors.advanced.push_back(advanced_selector(item));
  if ((basic && !basic->is_list()) || (advanced && !advanced->is_list()))
    return unresolved(resource_place + ": EventSelectors and AdvancedEventSelectors must be lists");
  if (selectors.basic.empty() && selectors.advanced.empty())
    return model::cloudtrail_default_selectors(resource_place + ": no EventSelectors (CloudTrail's default: all management events)");
  return selectors;
}

}  // namespace

std::optional<bool> boolean_of(const CfnNode& node) {
  if (node.kind == CfnNode::Kind::boolean) return node.boolean;
  if (node.kind != CfnNode::Kind::string) return std::nullopt;
  const auto text = lower(node.text);
  if (text == "true") return true;
  if (text == "false") return false;
  return std::nullopt;
}

model::DeclaredTrail declared_trail_of(TemplateEvaluator& evaluator, const CfnEntry& resource) {
  model::DeclaredTrail declared;
  declared.format = model::IacFormat::cloudformation;
  declared.address = resource.key;
  declared.location = {evaluator.file(), resource.key_mark.line, resource.key_mark.column};
  const auto place = evaluator.place(resource.key_mark);

  if (const auto* condition = resource.value.find("Condition")) {
    const auto name = scalar_text(*condition).value_or("");
    const auto value = evaluator.condition(name, condition->mark);
    declared.created = value.value ? Known<bool>::stated(*value.value, fmt::format("{}: Condition {} is {}", place, name, *value.value))
                                   : Known<bool>::unknown(fmt::format("{}: Condition {} is unknown: {}", place, name, value.reason));
  } else {
    declared.created = Known<bool>::stated(true, place + ": no Condition");
  }

  TrailReader reader(evaluator, resource);
  auto& trail = declared.trail;
  const auto trail_name = reader.text("TrailName");
  trail.name = trail_name.empty() ? resource.key : trail_name;
  trail.is_multi_region = reader.boolean("IsMultiRegionTrail", false);
  trail.include_global_service_events = reader.boolean("IncludeGlobalServiceEvents", true);
  trail.is_organization_trail = reader.boolean("IsOrganizationTrail", false);
  trail.log_file_validation = reader.boolean("EnableLogFileValidation", false);
  trail.s3_bucket = reader.text("S3BucketName");
  trail.s3_key_prefix = reader.text("S3KeyPrefix");
  trail.kms_key_id = reader.text("KMSKeyId");

  if (!reader.has("IsLogging")) {
    declared.logging_not_declared = true;
  } else {
    const auto logging = reader.boolean("IsLogging", false);
    if (logging.origin.provenance == model::Provenance::unknown) trail.status = unresolved(logging.origin.source);
    else if (logging.origin.provenance == model::Provenance::defaulted) declared.logging_not_declared = true;  // AWS::NoValue
    else trail.status = model::TrailStatus{*logging.value, "", logging.origin.source};
  }
  trail.selectors = selectors_of(reader, place);
  return declared;
}

}  // namespace trailguard::sources::cloudformation
