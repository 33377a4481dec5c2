#include "cli/fix_emit.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "base/log.hpp"
#include "remediate/emit_cloudformation.hpp"
#include "remediate/emit_context.hpp"
#include "remediate/emit_terraform.hpp"

namespace trailguard::cli {
namespace {

Status usage_error(std::string where, std::string message) {
  return make_error(ErrorKind::invalid_argument, std::move(where), std::move(message));
}

// Checked before the account is read, so that a typo in a path costs no AWS call and leaves no empty file.
Status check_writable(const std::string& file) {
  const std::filesystem::path path(file);
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) return usage_error("--out " + file, "is a directory");
  if (std::filesystem::exists(path, error)) {
    if (access(file.c_str(), W_OK) != 0) return usage_error("--out " + file, "cannot be written (permission denied)");
    return ok_status();
  }
  const auto parent = path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
  if (!std::filesystem::is_directory(parent, error))
    return usage_error("--out " + file, "cannot be written: directory " + parent.string() + " does not exist");
  if (access(parent.c_str(), W_OK) != 0)
    return usage_error("--out " + file, "cannot be written: directory " + parent.string() + " is not writable");
  return ok_status();
}

}  // namespace

void add_emit_options(CLI::App& command, EmitOptions& options) {
  command
      .add_option("--emit", options.language,
                  "Write the change as infrastructure code (terraform or cloudformation) instead of making it; "
                  "nothing is changed in AWS")
      ->check(CLI::IsMember({"terraform", "cloudformation"}))
      ->type_name("LANGUAGE");
  command.add_option("--out", options.out_file, "With --emit: write the code to FILE instead of standard output")
      ->type_name("FILE");
}

Status check_emit_options(const EmitOptions& options, bool apply, const std::string& plan_format) {
  if (!options.requested()) {
    if (!options.out_file.empty()) return usage_error("--out", "--out names where --emit writes its code: give --emit too");
    return ok_status();
  }
  if (apply) return usage_error("--emit", "--emit writes the change as code instead of making it: leave out --apply");
  if (options.out_file.empty() && plan_format == "json")
    return usage_error("--emit", "-o json and --emit would both write to standard output: give --out FILE for the code");
  if (!options.out_file.empty()) return check_writable(options.out_file);
  return ok_status();
}

ExitCode emit_plan(const remediate::Plan& plan, const model::Account& account, aws::AwsClient& client,
                   const EmitOptions& options, std::ostream& progress) {
  const auto context = remediate::read_emit_context(plan, account, client);
  if (!context) {
    log_error(context.error().describe());
    return ExitCode::incomplete;
  }
  return write_emitted(plan, *context, options, progress);
}

ExitCode write_emitted(const remediate::Plan& plan, const remediate::EmitContext& context, const EmitOptions& options,
                       std::ostream& progress) {
  const bool terraform = options.language == "terraform";
  const auto code = terraform ? remediate::emit_terraform(plan, context) : remediate::emit_cloudformation(plan, context);
  if (!code) {
    log_error(fmt::format("--emit {}: {}", options.language, code.error().describe()));
    return code.error().kind == ErrorKind::invalid_argument ? ExitCode::usage : ExitCode::incomplete;
  }
  std::ofstream file;
  std::ostream* out = &std::cout;
  if (!options.out_file.empty()) {
    file.open(options.out_file, std::ios::binary | std::ios::trunc);
    out = &file;
  }
  *out << *code;
  out->flush();
  if (!*out) {
    log_error((options.out_file.empty() ? std::string("standard output") : options.out_file) + ": writing the code failed");
    return ExitCode::usage;
  }
  std::size_t steps = 0;
  for (const auto& account_plan : plan.accounts) steps += account_plan.steps.size();
  progress << fmt::format(
      "\nWrote {} for these {} change(s){}. Nothing was changed in AWS: {}.\n", terraform ? "Terraform" : "a CloudFormation template",
      steps, options.out_file.empty() ? "" : " to " + options.out_file,
      terraform ? "review it, then terraform init, plan and apply (Terraform >= 1.5)"
                : "review it, then deploy it as a stack in the account and region it names");
  return ExitCode::fail;
}

}  // namespace trailguard::cli
