#include "cli/report_output.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <set>

#include "base/log.hpp"
#include "cli/report_files.hpp"
#include "control/evaluator.hpp"
#include "report/text_writer.hpp"

namespace trailguard::cli {
namespace {

report::Color color_for(const ReportOptions& options, bool to_terminal) {
  const char* no_color = std::getenv("NO_COLOR");
  const bool wanted = to_terminal && !options.no_color && (no_color == nullptr || *no_color == '\0');
  return wanted ? report::Color::on : report::Color::off;
}

std::string known_formats() {
  std::string known;
  for (const auto& format : report::formats()) known += (known.empty() ? "" : ", ") + std::string(format.name);
  return known;
}

// -o's check, at parse time (before anything is read): every name known, none twice.
std::string formats_problem(const std::string& list) {
  std::set<std::string> seen;
  for (const auto& name : split_formats(list)) {
    if (report::find_format(name) == nullptr) return "unknown report format '" + name + "' (formats: " + known_formats() + ")";
    if (!seen.insert(name).second) return "report format '" + name + "' given twice";
  }
  return "";
}

}  // namespace

void add_report_options(CLI::App& command, ReportOptions& options) {
  command.add_option("-o,--output", options.format, "Report format(s), comma-separated (several need --out-dir): " + known_formats())
      ->check(CLI::Validator(formats_problem, "FORMAT[,FORMAT...]"))
      ->capture_default_str();
  auto* out = command.add_option("--out", options.out_file, "Write the report to FILE instead of standard output")->type_name("FILE");
  command.add_option("--out-dir", options.out_dir, "Write each -o format to DIR/report.<ext> (created if missing)")
      ->type_name("DIR")
      ->excludes(out);
  command.add_flag("--allow-excluded-event-sources", options.allow_excluded,
                   "Pass trails that exclude some management event sources, with a warning "
                   "(AWS Config and Security Hub fail them; the CIS audit text does not check)");
  command.add_flag("--no-color", options.no_color, "No colour in the text report (also: NO_COLOR)");
  command.add_flag("--details", options.details,
                   "Text report: one row per region (default: regions that share a status and reasons on one line; "
                   "with --org, one line per account)");
}

std::optional<ReportOutputs> ReportOutputs::open(const ReportOptions& options) {
  ReportOutputs outputs(options);
  const auto names = split_formats(options.format);
  auto files = open_report_files(names, options.out_file, options.out_dir,
                                 [](const std::string& name) { return std::string(report::find_format(name)->file_name); });
  if (!files) return std::nullopt;
  for (std::size_t i = 0; i < names.size(); ++i) outputs.outputs_.push_back({report::find_format(names[i]), std::move((*files)[i])});
  return outputs;
}

std::ostream* ReportOutputs::ndjson() {
  for (auto& output : outputs_)
    if (output.format->name == "ndjson") return output.file ? static_cast<std::ostream*>(output.file.get()) : &std::cout;
  return nullptr;
}

bool ReportOutputs::write(const report::Report& report, const WriteContext& context) {
  bool written = true;
  for (auto& output : outputs_) {
    std::ostream& out = output.file ? *output.file : std::cout;
    if (output.format->name == "ndjson" && context.ndjson_streamed) {
      report::write_ndjson_summary(report, context.end, out);
    } else if (output.format->name == "text") {
      const bool terminal = !output.file && isatty(STDOUT_FILENO) == 1;
      const auto layout = options_->details       ? report::TextLayout::details
                          : context.organization ? report::TextLayout::accounts
                                                 : report::TextLayout::grouped;
      report::write_text(report, out, color_for(*options_, terminal), layout);
    } else {
      output.format->write(report, out);
    }
    out.flush();
    if (!out) {
      log_error("writing the " + std::string(output.format->name) + " report failed");
      written = false;
    }
  }
  return written;
}

report::Report new_report() {
  report::Report report;
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  report.generated_ms = std::chrono::duration_cast<std::chrono::milliseconds>(now).count();
  report.tool_version = TRAILGUARD_VERSION;
  return report;
}

control::EvaluationOptions evaluation_options_of(const ReportOptions& options) {
  control::EvaluationOptions evaluation;
  if (options.allow_excluded) evaluation.excluded_sources = control::ExcludedSources::allow;
  if (options.prove_delivery) evaluation.prove_delivery = control::ProveDelivery::yes;
  return evaluation;
}

report::Report evaluate_accounts(const std::vector<model::Account>& accounts, const std::vector<std::string>& problems,
                                 const std::string& source, const ReportOptions& options) {
  const auto evaluation_options = evaluation_options_of(options);
  auto report = new_report();
  report.source = source;
  report.problems = problems;
  for (const auto& account : accounts) report.accounts.push_back(control::evaluate(account, evaluation_options));
  return report;
}

ExitCode evaluate_and_report(const std::vector<model::Account>& accounts, const std::vector<std::string>& problems,
                             const std::string& source, const ReportOptions& options, ReportOutputs& outputs) {
  const auto report = evaluate_accounts(accounts, problems, source, options);
  if (!outputs.write(report)) return ExitCode::usage;
  return exit_code_for(report);
}

}  // namespace trailguard::cli
