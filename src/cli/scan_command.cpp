// `trailguard scan`: read an account (evidence for now), evaluate, write the report.
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>

#include "base/log.hpp"
#include "cli/command.hpp"
#include "control/evaluator.hpp"
#include "report/json_writer.hpp"
#include "report/text_writer.hpp"
#include "sources/evidence/evidence_source.hpp"

namespace trailguard::cli {
namespace {

struct ScanOptions {
  std::string evidence;
  std::string format = "text";
  std::string out_file;
  bool allow_excluded = false;
  bool no_color = false;
};

report::Color color_for(const ScanOptions& options, bool to_terminal) {
  const char* no_color = std::getenv("NO_COLOR");
  const bool wanted = to_terminal && !options.no_color && (no_color == nullptr || *no_color == '\0');
  return wanted ? report::Color::on : report::Color::off;
}

ExitCode run_scan(const ScanOptions& options) {
  if (options.evidence.empty()) {
    log_error("a live scan is not available yet; give saved evidence with --evidence DIR "
              "(`trailguard evidence-script` prints how to collect it)");
    return ExitCode::usage;
  }
  auto evidence = sources::evidence::load_evidence(options.evidence);
  if (!evidence) {
    log_error(evidence.error().describe());
    return ExitCode::usage;
  }
  for (const auto& problem : evidence->problems) log_warning(problem);

  control::EvaluationOptions evaluation_options;
  if (options.allow_excluded) evaluation_options.excluded_sources = control::ExcludedSources::allow;

  report::Report report;
  report.source = "evidence " + options.evidence;
  report.problems = evidence->problems;
  for (const auto& account : evidence->accounts) report.accounts.push_back(control::evaluate(account, evaluation_options));

  std::ofstream file;
  std::ostream* out = &std::cout;
  if (!options.out_file.empty()) {
    file.open(options.out_file, std::ios::binary | std::ios::trunc);
    if (!file) {
      log_error(options.out_file + ": cannot write the report");
      return ExitCode::usage;
    }
    out = &file;
  }
  if (options.format == "json") {
    report::write_json(report, *out);
  } else {
    const bool terminal = out == &std::cout && isatty(STDOUT_FILENO) == 1;
    report::write_text(report, *out, color_for(options, terminal));
  }
  out->flush();
  if (!*out) {
    log_error("writing the report failed");
    return ExitCode::usage;
  }
  return exit_code_for(report);
}

}  // namespace

Command scan_command() {
  return {"scan", "Audit that CloudTrail is enabled in all regions",
          [](CLI::App& sub) -> Runner {
            auto options = std::make_shared<ScanOptions>();
            sub.add_option("--evidence", options->evidence,
                           "Audit saved AWS CLI output in DIR (one account, or one sub-directory per account)")
                ->type_name("DIR");
            sub.add_option("-o,--output", options->format, "Report format")
                ->check(CLI::IsMember({"text", "json"}))
                ->capture_default_str();
            sub.add_option("--out", options->out_file, "Write the report to FILE instead of standard output")->type_name("FILE");
            sub.add_flag("--allow-excluded-event-sources", options->allow_excluded,
                         "Pass trails that exclude some management event sources, with a warning "
                         "(AWS Config and Security Hub fail them; the CIS audit text does not check)");
            sub.add_flag("--no-color", options->no_color, "No colour in the text report (also: NO_COLOR)");
            return [options] { return run_scan(*options); };
          }};
}

}  // namespace trailguard::cli
