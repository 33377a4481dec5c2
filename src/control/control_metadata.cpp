#include "control/control_metadata.hpp"

#include <nlohmann/json.hpp>

#include "control/control_metadata_data.hpp"  // generated from cloudtrail_multi_region.json

namespace trailguard::control {
namespace {
ControlMetadata parse() {
  // The file is ours and compiled in; a parse failure is a build defect, caught by the tests.
  const auto j = nlohmann::json::parse(kControlMetadataJson);
  ControlMetadata m;
  m.id = j.at("id");
  m.title = j.at("title");
  m.severity = j.at("severity");
  m.resource_type = j.at("resource_type");
  m.rationale = j.at("rationale");
  m.pass_condition = j.at("pass_condition");
  m.remediation_text = j.at("remediation").at("text");
  m.remediation_cli = j.at("remediation").at("cli").get<std::vector<std::string>>();
  for (const auto& f : j.at("frameworks")) m.frameworks.push_back({f.at("framework"), f.at("version"), f.at("control")});
  m.references = j.at("references").get<std::vector<std::string>>();
  return m;
}
}  // namespace

const ControlMetadata& control_metadata() {
  static const ControlMetadata metadata = parse();
  return metadata;
}

std::string_view control_metadata_json() { return kControlMetadataJson; }

}  // namespace trailguard::control
