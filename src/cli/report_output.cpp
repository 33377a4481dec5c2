#include "cli/report_output.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <set>

#include "base/log.hpp"
#include "control/evaluator.hpp"
#include "report/text_writer.hpp"

namespace trailguard::cli {
namespace {

report::Color color_for(const ReportOptions& options, bool to_terminal) {
  const char* no_color = std::getenv("NO_COLOR");
  const bool wanted = to_terminal && !options.no_color && (no_color == nullptr || *no_color == '\0');
  return wanted ? report::Color::on : report::Color::off;
}

std::vector<std::string> split_formats(const std::string& list) {
  std::vector<std::string> names;
  std::size_t start = 0;
  for (std::size_t comma; (comma = list.find(',', start)) != std::string::npos; start = comma + 1) names.push_back(list.substr(start, comma - start));
  names.push_back(list.substr(start));
  return names;
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

std::unique_ptr<std::ofstream> open_file(const std::filesystem::path& path) {
  auto file = std::make_unique<std::ofstream>(path, std::ios::binary | std::ios::trunc);
  if (!*file) {
    log_error(path.string() + ": cannot write the report");
    return nullptr;
  }
  return file;
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
  if (names.size() > 1 && options.out_dir.empty()) {
    log_error("-o " + options.format + " names several formats: give --out-dir DIR for their files");
    return std::nullopt;
  }
  if (!options.out_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(options.out_dir, ec);
    if (!std::filesystem::is_directory(options.out_dir)) {
      log_error(options.out_dir + ": cannot make the report directory" + (ec ? " (" + ec.message() + ")" : ""));
      return std::nullopt;
    }
  }
  for (const auto& name : names) {
    const auto* format = report::find_format(name);
    std::unique_ptr<std::ofstream> file;
    if (!options.out_dir.empty() || !options.out_file.empty()) {
      file = open_file(options.out_dir.empty() ? std::filesystem::path(options.out_file)
                                               : std::filesystem::path(options.out_dir) / format->file_name);
      if (!file) return std::nullopt;
    }
    outputs.outputs_.push_back({format, std::move(file)});
  }
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

report::Report evaluate_accounts(const std::vector<model::Account>& accounts, const std::vector<std::string>& problems,
                                 const std::string& source, const ReportOptions& options) {
  control::EvaluationOptions evaluation_options;
  if (options.allow_excluded) evaluation_options.excluded_sources = control::ExcludedSources::allow;
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
