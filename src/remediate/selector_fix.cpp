#include "remediate/selector_fix.hpp"

#include <algorithm>

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

// What narrows management events in every item: `narrowing_of(item)` lists it, the items in common are kept.
template <class Item, class Narrowing, class Of>
std::vector<Narrowing> shared_by_all(const std::vector<const Item*>& items, Of narrowing_of) {
  if (items.empty()) return {};
  std::vector<Narrowing> shared = narrowing_of(*items.front());
  for (const auto* item : items) {
    const auto mine = narrowing_of(*item);
    std::erase_if(shared, [&](const Narrowing& n) { return std::find(mine.begin(), mine.end(), n) == mine.end(); });
  }
  return shared;
}

std::vector<model::FieldSelector> narrowing_fields(const model::AdvancedEventSelector& s) {
  std::vector<model::FieldSelector> out;
  for (const auto& f : s.field_selectors)
    if (f.field != "eventCategory" && f.field != "readOnly") out.push_back(f);
  return out;
}

}  // namespace

Result<SelectorFix> fix_management_selectors(const model::EventSelectors& current, AllowedNarrowing narrowing) {
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
    if (narrowing == AllowedNarrowing::keep) {
      std::vector<const model::AdvancedEventSelector*> management;
      for (const auto& s : current.advanced)
        if (control::selects_management_events(s)) management.push_back(&s);
      auto& fields = fix.selectors.advanced.front().field_selectors;
      for (auto& kept : shared_by_all<model::AdvancedEventSelector, model::FieldSelector>(management, narrowing_fields)) {
        fields.push_back(std::move(kept));
        ++fix.kept_narrowing;
      }
    }
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
  if (narrowing == AllowedNarrowing::keep) {
    std::vector<const model::BasicEventSelector*> management;
    for (const auto& s : current.basic)
      if (s.include_management_events.is(true)) management.push_back(&s);
    auto& excluded = fix.selectors.basic.front().exclude_management_event_sources;
    excluded = shared_by_all<model::BasicEventSelector, std::string>(
        management, [](const model::BasicEventSelector& s) { return s.exclude_management_event_sources; });
    fix.kept_narrowing = static_cast<int>(excluded.size());
  }
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
