// `trailguard iac PATH...`: the control over infrastructure code (Terraform, plan JSON, CloudFormation),
// before anything is deployed. Reads files only; no AWS call.
#include <fstream>
#include <iostream>
#include <memory>

#include "base/log.hpp"
#include "cli/command.hpp"
#include "control/iac_judgement.hpp"
#include "report/iac_report.hpp"
#include "sources/iac/iac_paths.hpp"

extern char** environ;

namespace trailguard::cli {
namespace {

struct IacOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string out_file;
  std::vector<std::string> parameters;
  bool allow_excluded = false;
  sources::iac::IacReadOptions read;
};

using Writer = void (*)(std::ostream&, const control::IacEvaluation&, const report::IacReportOptions&);

struct IacFormat {
  const char* name;
  Writer writer;
};

constexpr IacFormat kFormats[] = {
    {"text", report::write_iac_text},
    {"json", report::write_iac_json},
    {"sarif", report::write_iac_sarif},
    {"junit", report::write_iac_junit},
};

const IacFormat* find_format(const std::string& name) {
  for (const auto& format : kFormats)
    if (name == format.name) return &format;
  return nullptr;
}

// TF_VAR_<name> from the environment, as Terraform reads them.
std::vector<std::pair<std::string, std::string>> terraform_environment() {
  std::vector<std::pair<std::string, std::string>> out;
  for (char** entry = environ; entry && *entry; ++entry) {
    const std::string text = *entry;
    if (text.rfind("TF_VAR_", 0) != 0) continue;
    const auto equals = text.find('=');
    if (equals == std::string::npos || equals == 7) continue;
    out.emplace_back(text.substr(7, equals - 7), text.substr(equals + 1));
  }
  return out;
}

ExitCode exit_code_of(const control::IacEvaluation& evaluation) {
  for (const auto& problem : evaluation.problems)
    if (problem.usage_error) return ExitCode::usage;
  if (evaluation.files_read.empty() && !evaluation.problems.empty()) return ExitCode::usage;  // nothing judged
  // A file that could not be read leaves the input incomplete, even when another file's trail passes.
  if (!evaluation.problems.empty()) return ExitCode::incomplete;
  switch (evaluation.verdict) {
    case control::IacStatus::pass: return ExitCode::pass;
    case control::IacStatus::fail: return ExitCode::fail;
    default: return ExitCode::incomplete;
  }
}

ExitCode run_iac(IacOptions& options) {
  const auto* format = find_format(options.format);
  for (const auto& parameter : options.parameters) {
    const auto equals = parameter.find('=');
    if (equals == std::string::npos || equals == 0) {
      log_error("iac: --parameter needs KEY=VALUE, got '" + parameter + "'");
      return ExitCode::usage;
    }
    options.read.cloudformation.parameters.emplace_back(parameter.substr(0, equals), parameter.substr(equals + 1));
  }
  options.read.terraform.environment = terraform_environment();

  const auto input = sources::iac::read_iac_paths(options.paths, options.read);
  control::EvaluationOptions evaluation_options;
  if (options.allow_excluded) evaluation_options.excluded_sources = control::ExcludedSources::allow;
  const auto evaluation = control::evaluate_iac(input, evaluation_options);

  // Each problem also on stderr, file:line:col first, so an editor or CI log can jump to it.
  for (const auto& problem : evaluation.problems) {
    const auto& where = problem.location;
    const auto place = where.line > 0 ? where.file + ":" + std::to_string(where.line) + ":" + std::to_string(where.column) : where.file;
    log_error(place + ": " + problem.message);
  }

  report::IacReportOptions report_options;
  report_options.tool_version = TRAILGUARD_VERSION;
  report_options.information_uri = TRAILGUARD_HOMEPAGE_URL;
  std::error_code error;
  report_options.base_directory = std::filesystem::current_path(error).string();
  if (options.out_file.empty()) {
    format->writer(std::cout, evaluation, report_options);
  } else {
    std::ofstream out(options.out_file, std::ios::binary);
    if (out) format->writer(out, evaluation, report_options);
    if (!out) {
      log_error("iac: cannot write " + options.out_file);
      return ExitCode::usage;
    }
  }
  return exit_code_of(evaluation);
}

std::string format_problem(const std::string& name) {
  if (find_format(name)) return "";
  std::string known;
  for (const auto& format : kFormats) known += (known.empty() ? "" : ", ") + std::string(format.name);
  return "unknown format '" + name + "' (formats: " + known + ")";
}

}  // namespace

Command iac_command() {
  return {"iac", "Judge the control over infrastructure code: Terraform, terraform show -json plans, CloudFormation",
          [](CLI::App& sub) -> Runner {
            auto options = std::make_shared<IacOptions>();
            sub.footer(
                "PATH: a directory (searched for Terraform root modules, CloudFormation templates and plan JSON; "
                ".terraform/, .git/ and node_modules/ skipped) or a file. Each aws_cloudtrail / AWS::CloudTrail::Trail "
                "is one finding: PASS, FAIL, UNKNOWN (a value that cannot be known before deployment), NOT_CREATED "
                "(count = 0, a false Condition, a planned delete) or SUPPRESSED (`# trailguard:ignore "
                "cloudtrail-multi-region-enabled <reason>` on or above the resource). The code passes when at least "
                "one trail it creates satisfies the control.\n"
                "Exit codes: 0 PASS, 1 FAIL, 3 UNKNOWN (or a file among others could not be read), 2 usage or nothing "
                "could be judged.");
            sub.add_option("PATH", options->paths, "Files or directories to read")->required()->type_name("PATH...");
            sub.add_option("-o,--output", options->format,
                           "Format: text, json, sarif (SARIF 2.1.0, for GitHub code scanning), junit (JUnit XML, for CI "
                           "test views); docs/iac.md")
                ->check(CLI::Validator(format_problem, "FORMAT"))
                ->capture_default_str();
            sub.add_option("--out", options->out_file, "Write the result to FILE instead of standard output")->type_name("FILE");
            // --var and --var-file keep their command-line order between them, as Terraform's precedence does.
            sub.add_option_function<std::string>(
                   "--var", [options](const std::string& text) { options->read.terraform.command_line.push_back({false, text}); },
                   "Terraform: set a root variable (NAME=VALUE), as terraform plan -var")
                ->type_name("NAME=VALUE")
                ->trigger_on_parse()
                ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
            sub.add_option_function<std::string>(
                   "--var-file",
                   [options](const std::string& path) { options->read.terraform.command_line.push_back({true, path}); },
                   "Terraform: read root variables from a .tfvars file, as terraform plan -var-file")
                ->type_name("FILE")
                ->trigger_on_parse()
                ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
            sub.add_option("--parameter", options->parameters, "CloudFormation: a parameter's value (KEY=VALUE)")
                ->type_name("KEY=VALUE");
            sub.add_flag("--allow-excluded-event-sources", options->allow_excluded,
                         "Pass trails that exclude some management event sources, with a warning");
            return [options] { return run_iac(*options); };
          }};
}

}  // namespace trailguard::cli
