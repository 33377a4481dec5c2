#include "report/iac_report_fields.hpp"

#include <filesystem>

#include <fmt/format.h>

namespace trailguard::report {
namespace {

namespace fs = std::filesystem;

fs::path absolute_normal(const std::string& file) {
  std::error_code error;  // absolute() fails only when the current directory is gone; the path as given is then the best we have
  const auto absolute = fs::absolute(fs::path(file), error);
  return (error ? fs::path(file) : absolute).lexically_normal();
}

}  // namespace

IacReportPath iac_report_path(const std::string& file, const std::string& base_directory) {
  if (base_directory.empty() || file.empty()) return {file, false};
  auto base = absolute_normal(base_directory);
  if (!base.has_filename()) base = base.parent_path();  // "/repo/" is "/repo": a trailing '/' would be an element
  const auto relative = absolute_normal(file).lexically_relative(base);
  // lexically_relative gives "" when the roots differ and "../..." when the file is outside the base.
  if (relative.empty() || relative == "." || *relative.begin() == "..") return {file, false};
  return {relative.generic_string(), true};
}

std::string iac_absolute_path(const std::string& file) { return absolute_normal(file).generic_string(); }

std::string iac_place(const std::string& file, const model::CodeLocation& location) {
  if (location.line <= 0) return file;
  if (location.column <= 0) return fmt::format("{}:{}", file, location.line);
  return fmt::format("{}:{}:{}", file, location.line, location.column);
}

std::string iac_reason_line(const control::Reason& reason) {
  return fmt::format("{} ({}): {}", control::to_string(control::kind_of(reason.code)), control::to_string(reason.code), reason.text);
}

std::string iac_reason_codes(const control::IacFinding& finding) {
  std::string out;
  for (const auto& reason : finding.reasons) out += (out.empty() ? "" : ",") + std::string(control::to_string(reason.code));
  return out;
}

}  // namespace trailguard::report
