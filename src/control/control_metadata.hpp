// The control's metadata (ids, title, severity, framework mappings, rationale, remediation).
// The data lives in cloudtrail_multi_region.json, compiled in; this is its typed view.
// Thread-safe: built once, immutable afterwards.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace trailguard::control {

struct FrameworkMapping {
  std::string framework;
  std::string version;
  std::string control;
};

struct ControlMetadata {
  std::string id;
  std::string title;
  std::string severity;
  std::string resource_type;
  std::string rationale;
  std::string pass_condition;
  std::string remediation_text;
  std::vector<std::string> remediation_cli;
  std::vector<FrameworkMapping> frameworks;
  std::vector<std::string> references;
};

const ControlMetadata& control_metadata();

// The data file's text, exactly as shipped, for writers that embed it whole.
std::string_view control_metadata_json();

}  // namespace trailguard::control
