// Writers of `trailguard iac`'s result, one per format, each over the same control::IacEvaluation.
// text and json: report/iac_text_writer.cpp, iac_json_writer.cpp; sarif: sarif_writer.cpp; junit: iac_junit_writer.cpp.
#pragma once

#include <ostream>
#include <string>

#include "control/iac_judgement.hpp"

namespace trailguard::report {

struct IacReportOptions {
  // Paths in findings are made relative to this directory where they lie under it (SARIF's artifactLocation
  // must be repository-relative); "" leaves them as given.
  std::string base_directory;
  std::string tool_version;  // trailguard's version, for SARIF's tool.driver.version
  // trailguard's home page, for SARIF's tool.driver.informationUri (an absolute URI); "" leaves it out.
  std::string information_uri;
};

void write_iac_text(std::ostream& out, const control::IacEvaluation& evaluation, const IacReportOptions& options);
void write_iac_json(std::ostream& out, const control::IacEvaluation& evaluation, const IacReportOptions& options);
void write_iac_sarif(std::ostream& out, const control::IacEvaluation& evaluation, const IacReportOptions& options);
void write_iac_junit(std::ostream& out, const control::IacEvaluation& evaluation, const IacReportOptions& options);

}  // namespace trailguard::report
