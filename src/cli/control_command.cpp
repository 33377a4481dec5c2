// `trailguard control`: show what the control checks and where it comes from.
#include <iostream>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "control/control_metadata.hpp"

namespace trailguard::cli {

Command control_command() {
  return {"control", "Describe the control: what passes, framework mappings, remediation",
          [](CLI::App& sub) -> Runner {
            auto json = std::make_shared<bool>(false);
            sub.add_flag("--json", *json, "Print the control's metadata file as JSON");
            return [json] {
              if (*json) {
                std::cout << control::control_metadata_json();
                return ExitCode::pass;
              }
              const auto& m = control::control_metadata();
              std::cout << fmt::format("{}\n  id: {}\n  severity: {}\n\nPasses when: {}\n\nWhy: {}\n\nFrameworks:\n", m.title,
                                       m.id, m.severity, m.pass_condition, m.rationale);
              for (const auto& f : m.frameworks) std::cout << fmt::format("  {} {}: {}\n", f.framework, f.version, f.control);
              std::cout << fmt::format("\nRemediation: {}\n", m.remediation_text);
              for (const auto& line : m.remediation_cli) std::cout << "  " << line << '\n';
              return ExitCode::pass;
            };
          }};
}

}  // namespace trailguard::cli
