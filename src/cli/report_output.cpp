#include "cli/report_output.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "base/log.hpp"
#include "control/evaluator.hpp"
#include "report/formats.hpp"
#include "report/text_writer.hpp"

namespace trailguard::cli {
namespace {

report::Color color_for(const ReportOptions& options, bool to_terminal) {
  const char* no_color = std::getenv("NO_COLOR");
  const bool wanted = to_terminal && !options.no_color && (no_color == nullptr || *no_color == '\0');
  return wanted ? report::Color::on : report::Color::off;
}

std::vector<std::string> format_names() {
  std::vector<std::string> names;
  for (const auto& format : report::formats()) names.emplace_back(format.name);
  return names;
}

}  // namespace

void write_report(const report::Report& report, const ReportOptions& options, std::ostream& out) {
  if (options.format == "text") {
    const bool terminal = &out == &std::cout && isatty(STDOUT_FILENO) == 1;
    report::write_text(report, out, color_for(options, terminal));
  } else {
    report::find_format(options.format)->write(report, out);  // the option's check admits known names only
  }
}

void add_report_options(CLI::App& command, ReportOptions& options) {
  command.add_option("-o,--output", options.format, "Report format")->check(CLI::IsMember(format_names()))->capture_default_str();
  command.add_option("--out", options.out_file, "Write the report to FILE instead of standard output")->type_name("FILE");
  command.add_flag("--allow-excluded-event-sources", options.allow_excluded,
                   "Pass trails that exclude some management event sources, with a warning "
                   "(AWS Config and Security Hub fail them; the CIS audit text does not check)");
  command.add_flag("--no-color", options.no_color, "No colour in the text report (also: NO_COLOR)");
}

report::Report new_report() {
  report::Report report;
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  report.generated_ms = std::chrono::duration_cast<std::chrono::milliseconds>(now).count();
  report.tool_version = TRAILGUARD_VERSION;
  return report;
}

ExitCode evaluate_and_report(const std::vector<model::Account>& accounts, const std::vector<std::string>& problems,
                             const std::string& source, const ReportOptions& options) {
  control::EvaluationOptions evaluation_options;
  if (options.allow_excluded) evaluation_options.excluded_sources = control::ExcludedSources::allow;

  auto report = new_report();
  report.source = source;
  report.problems = problems;
  for (const auto& account : accounts) report.accounts.push_back(control::evaluate(account, evaluation_options));

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
  write_report(report, options, *out);
  out->flush();
  if (!*out) {
    log_error("writing the report failed");
    return ExitCode::usage;
  }
  return exit_code_for(report);
}

}  // namespace trailguard::cli
