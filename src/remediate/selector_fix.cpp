#include "remediate/selector_fix.hpp"

#include <nlohmann/json.hpp>

#include "control/management_events.hpp"

namespace trailguard::remediate {
namespace {

model::BasicEventSelector management_basic_selector() {
  model::BasicEventSelector selector;
  selector.read_write_type = model::Known<model::ReadWriteType>::stated(model::ReadWriteType::all, "trailguard fix");
  selector.include_management_events = model::Known<bool>::stated(true, "trailguard fix");
  return selector;
}

model::AdvancedEventSelector management_advanced_selector() {
  model::FieldSelector category;
  category.field = "eventCategory";
  category.equals = {"Management"};
  return {"Management events", {category}};
}

nlohmann::ordered_json basic_json(const model::BasicEventSelector& s) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  if (s.read_write_type.known() && *s.read_write_type.value != model::ReadWriteType::unknown)
    out["ReadWriteType"] = std::string(model::to_string(*s.read_write_type.value));
  if (s.include_management_events.known()) out["IncludeManagementEvents"] = *s.include_management_events.value;
  out["DataResources"] = nlohmann::ordered_json::array();
  for (const auto& resource : s.data_resources)
    out["DataResources"].push_back({{"Type", resource.type}, {"Values", resource.values}});
  out["ExcludeManagementEventSources"] = s.exclude_management_event_sources;
  return out;
}

nlohmann::ordered_json advanced_json(const model::AdvancedEventSelector& s) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  if (!s.name.empty()) out["Name"] = s.name;
  out["FieldSelectors"] = nlohmann::ordered_json::array();
  for (const auto& f : s.field_selectors) {
    nlohmann::ordered_json field = {{"Field", f.field}};
    for (auto [key, values] : {std::pair{"Equals", &f.equals}, std::pair{"StartsWith", &f.starts_with},
                               std::pair{"EndsWith", &f.ends_with}, std::pair{"NotEquals", &f.not_equals},
                               std::pair{"NotStartsWith", &f.not_starts_with},
                               std::pair{"NotEndsWith", &f.not_ends_with}})
      if (!values->empty()) field[key] = *values;
    out["FieldSelectors"].push_back(std::move(field));
  }
  return out;
}

}  // namespace

Result<SelectorFix> fix_management_selectors(const model::EventSelectors& current) {
  SelectorFix fix;
  fix.selectors.source = "trailguard fix";
  const auto has_data = [](const model::BasicEventSelector& s) { return !s.data_resources.empty(); };
  if (!current.advanced.empty()) {
    // AWS keeps one kind; moto can show both. Putting advanced selectors clears basic ones, so basic
    // data-event selectors would be lost.
    for (const auto& s : current.basic)
      if (has_data(s))
        return make_error(ErrorKind::invalid_argument, current.source,
                          "the trail shows both basic selectors with data events and advanced selectors; "
                          "replacing them would drop data-event configuration: set the selectors by hand");
    fix.kind = SelectorKind::advanced;
    fix.selectors.advanced.push_back(management_advanced_selector());
    for (const auto& s : current.advanced) {
      if (control::selects_management_events(s)) {
        ++fix.replaced_selectors;
        continue;
      }
      fix.selectors.advanced.push_back(s);
      ++fix.kept_data_selectors;
    }
    fix.replaced_selectors += static_cast<int>(current.basic.size());
    return fix;
  }
  fix.kind = SelectorKind::basic;
  fix.selectors.basic.push_back(management_basic_selector());
  for (const auto& s : current.basic) {
    if (!has_data(s)) {
      ++fix.replaced_selectors;
      continue;
    }
    fix.selectors.basic.push_back(s);
    ++fix.kept_data_selectors;
  }
  if (fix.selectors.basic.size() > kMaxBasicSelectors)
    return make_error(ErrorKind::invalid_argument, current.source,
                      "the trail already has " + std::to_string(fix.kept_data_selectors) +
                          " basic selectors with data events; AWS allows " + std::to_string(kMaxBasicSelectors) +
                          ", so a management-event selector cannot be added without changing them: merge them, "
                          "or move the trail to advanced selectors, by hand");
  return fix;
}

std::string selectors_json(const model::EventSelectors& selectors, SelectorKind kind) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  if (kind == SelectorKind::basic) {
    for (const auto& s : selectors.basic) out.push_back(basic_json(s));
  } else {
    for (const auto& s : selectors.advanced) out.push_back(advanced_json(s));
  }
  return out.dump();
}

}  // namespace trailguard::remediate
