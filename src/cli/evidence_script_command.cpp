// `trailguard evidence-script`: print the AWS CLI script that collects an evidence directory.
#include <iostream>

#include "cli/command.hpp"
#include "sources/evidence/evidence_script.hpp"

namespace trailguard::cli {

Command evidence_script_command() {
  return {"evidence-script",
          "Print the bash script (read-only AWS CLI calls) that saves the evidence `scan --evidence` reads",
          [](CLI::App&) -> Runner {
            return [] {
              std::cout << sources::evidence::evidence_collection_script();
              return std::cout.flush() ? ExitCode::pass : ExitCode::usage;
            };
          }};
}

}  // namespace trailguard::cli
