// trailguard's entry point: parses the command line, runs one command, and is the only place that
// decides the exit code or catches an exception.
#include <exception>
#include <iostream>
#include <map>

#include <CLI/CLI.hpp>

#include "base/log.hpp"
#include "cli/command.hpp"

namespace {

using trailguard::cli::ExitCode;

int run(int argc, char** argv) {
  CLI::App app{"trailguard: proves (and repairs) that AWS CloudTrail is enabled in all regions "
               "(CIS AWS Foundations 3.1, Security Hub CloudTrail.1)",
               "trailguard"};
  app.set_version_flag("--version", std::string("trailguard ") + TRAILGUARD_VERSION);
  app.require_subcommand(1);
  bool verbose = false, quiet = false, debug = false;
  app.add_flag("-v,--verbose", verbose, "Log what trailguard does on standard error");
  app.add_flag("--debug", debug, "Log every API call in detail (secrets are always redacted)");
  app.add_flag("-q,--quiet", quiet, "Log only errors");
  app.fallthrough();  // the global flags work after the command name too: `trailguard scan --debug`
  app.footer("Exit codes: 0 all regions pass, 1 a region fails, 2 usage or input error, "
             "3 incomplete (no failure, but some region could not be judged), 4 internal error.");

  std::map<std::string, trailguard::cli::Runner> runners;
  for (const auto& command : trailguard::cli::all_commands()) {
    auto* sub = app.add_subcommand(command.name, command.help);
    runners[command.name] = command.define(*sub);
  }

  if (argc > 1 && argv[1][0] != '-' && runners.count(argv[1]) == 0) {
    const auto suggestion = trailguard::cli::closest_command(argv[1]);
    std::cerr << "trailguard: unknown command '" << argv[1] << "'";
    if (!suggestion.empty()) std::cerr << "; did you mean '" << suggestion << "'?";
    std::cerr << "\nRun 'trailguard --help' for the list of commands.\n";
    return to_int(ExitCode::usage);
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : to_int(ExitCode::usage);
  }
  if (verbose) trailguard::set_log_level(trailguard::LogLevel::info);
  if (debug) trailguard::set_log_level(trailguard::LogLevel::debug);
  if (quiet) trailguard::set_log_level(trailguard::LogLevel::error);

  for (auto* sub : app.get_subcommands()) return to_int(runners.at(sub->get_name())());
  return to_int(ExitCode::usage);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "trailguard: internal error: " << e.what() << "\nPlease report this as a bug.\n";
  } catch (...) {
    std::cerr << "trailguard: internal error\nPlease report this as a bug.\n";
  }
  return to_int(ExitCode::internal);
}
