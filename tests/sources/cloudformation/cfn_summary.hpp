// One line per fact of what read_cloudformation returned, the shape the fixtures' .expected files are
// written in: "trail Trail name=Trail created=true multi_region=default:false ... selectors=default".
#pragma once

#include <fmt/format.h>

#include <string>
#include <vector>

#include "model/declared_trail.hpp"

namespace trailguard::test {

inline std::string known_text(const model::Known<bool>& value) {
  if (!value.known()) return "unknown";
  const std::string text = *value.value ? "true" : "false";
  return value.origin.provenance == model::Provenance::defaulted ? "default:" + text : text;
}

inline std::string joined(const std::vector<std::string>& values, const char* separator = "|") {
  std::string out;
  for (const auto& value : values) out += (out.empty() ? "" : separator) + value;
  return out;
}

inline std::string selectors_text(const model::Observed<model::EventSelectors>& observed) {
  if (!observed.was_read()) return "unknown";
  const auto& selectors = observed.value();
  std::vector<std::string> parts;
  for (const auto& basic : selectors.basic) {
    const auto& rw = basic.read_write_type;
    const bool defaulted_rw = rw.origin.provenance == model::Provenance::defaulted;
    if (selectors.basic.size() == 1 && selectors.advanced.empty() && defaulted_rw &&
        selectors.source.find("no EventSelectors") != std::string::npos)
      return "default";
    std::string text = rw.known() ? std::string(defaulted_rw ? "default:" : "") + std::string(model::to_string(*rw.value)) : "unknown";
    text += "," + std::string(basic.include_management_events.origin.provenance == model::Provenance::defaulted ? "default:" : "") +
            "mgmt=" + (basic.include_management_events.known() ? (*basic.include_management_events.value ? "true" : "false") : "unknown");
    if (!basic.exclude_management_event_sources.empty()) text += ",exclude=" + joined(basic.exclude_management_event_sources);
    std::vector<std::string> types;
    for (const auto& data : basic.data_resources) types.push_back(data.type);
    if (!types.empty()) text += ",data=" + joined(types);
    parts.push_back("basic(" + text + ")");
  }
  for (const auto& advanced : selectors.advanced) {
    std::vector<std::string> fields;
    for (const auto& field : advanced.field_selectors) {
      const std::pair<const char*, const std::vector<std::string>*> operators[] = {
          {"=", &field.equals}, {"^=", &field.starts_with}, {"$=", &field.ends_with},
          {"!=", &field.not_equals}, {"!^=", &field.not_starts_with}, {"!$=", &field.not_ends_with}};
      for (const auto& [op, values] : operators)
        if (!values->empty()) fields.push_back(field.field + op + joined(*values));
    }
    parts.push_back("advanced(" + joined(fields, ";") + ")");
  }
  return joined(parts, " + ");
}

inline std::vector<std::string> summary_lines(const model::IacInput& input) {
  std::vector<std::string> lines;
  for (const auto& problem : input.problems)
    lines.push_back(fmt::format("problem {}:{} {}", problem.location.line, problem.location.column, problem.message));
  lines.push_back(fmt::format("problems={}", input.problems.size()));
  for (const auto& declared : input.trails) {
    const auto& trail = declared.trail;
    std::string logging = declared.logging_not_declared ? "not_declared"
                          : trail.status.was_read()     ? (trail.status.value().is_logging ? "true" : "false")
                                                        : "unknown";
    lines.push_back(fmt::format("trail {} name={} created={} multi_region={} igse={} logging={} selectors={}", declared.address,
                                trail.name, known_text(declared.created), known_text(trail.is_multi_region),
                                known_text(trail.include_global_service_events), logging, selectors_text(trail.selectors)));
  }
  return lines;
}

}  // namespace trailguard::test
