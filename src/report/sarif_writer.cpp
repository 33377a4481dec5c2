// `trailguard iac -o sarif`: SARIF 2.1.0 for GitHub code scanning (github/codeql-action/upload-sarif) and
// other SARIF viewers. One run; one rule, the control, whose id is the one `# trailguard:ignore` names.
//   FAIL        result, level "error"
//   UNKNOWN     result, level "warning" (the code cannot be judged before deployment: worth a look, not a defect)
//   SUPPRESSED  result with suppressions [{kind "inSource", justification}], at the level it would have had
//   PASS, NOT_CREATED  no result: code scanning has no "passed" state (it does not read result.kind), so a
//               "note" would keep an alert open after the code is fixed. They are listed in run.properties.
// Problems (unreadable or malformed files) are invocations[0].toolExecutionNotifications, not results: they
// are about trailguard's run, not about the code's compliance. The layout is docs/iac.md's "Output formats".
#include <cstdint>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "control/control_metadata.hpp"
#include "report/iac_report.hpp"
#include "report/iac_report_fields.hpp"

namespace trailguard::report {
namespace {

using nlohmann::json;

constexpr const char* kSchemaUri = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr const char* kSourceRoot = "%SRCROOT%";
// The partialFingerprints key; versioned so that a change of what is hashed cannot match old alerts wrongly.
constexpr const char* kFingerprintKey = "trailguardResource/v1";

// Notification descriptors of the run's problems, by index in tool.driver.notifications.
constexpr int kInputProblem = 0;
constexpr int kUsageProblem = 1;

// Percent-encodes all but RFC 3986's unreserved characters and '/', so that any file name is a valid URI
// reference (a space, '%', '#', '?' or a ':' in a first segment would otherwise change its meaning).
std::string uri_encoded(const std::string& path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : path) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                            c == '.' || c == '_' || c == '~' || c == '/';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

// A file under the base directory is relative to %SRCROOT% (what code scanning needs to place an alert);
// one outside it is an absolute file: URI, which viewers can still open.
json artifact_location(const std::string& file, const std::string& base_directory) {
  const auto where = iac_report_path(file, base_directory);
  if (where.under_base) return {{"uri", uri_encoded(where.path)}, {"uriBaseId", kSourceRoot}};
  return {{"uri", "file://" + uri_encoded(iac_absolute_path(file))}};
}

json physical_location(const model::CodeLocation& location, const std::string& base_directory) {
  json out = {{"artifactLocation", artifact_location(location.file, base_directory)}};
  if (location.line > 0) {  // SARIF lines start at 1; plan JSON may name none
    out["region"] = {{"startLine", location.line}};
    if (location.column > 0) out["region"]["startColumn"] = location.column;
  }
  return out;
}

// GitHub's severity scale (properties."security-severity": 9.0+ critical, 7.0-8.9 high, 4.0-6.9 medium, else
// low), from the control's severity word.
std::string security_severity(const std::string& severity) {
  if (severity == "critical") return "9.5";
  if (severity == "high") return "8.0";
  if (severity == "medium") return "5.5";
  return "3.0";
}

std::string help_markdown(const control::ControlMetadata& m) {
  std::string out = "**" + m.title + "**\n\n" + m.rationale + "\n\n**Passes when** " + m.pass_condition + "\n\n**Fix:** " +
                    m.remediation_text + "\n\nTo accept a resource that does not comply, say why above it:\n\n```\n# trailguard:ignore " +
                    m.id + " <reason>\n```\n";
  if (!m.references.empty()) {
    out += "\nReferences:\n\n";
    for (const auto& reference : m.references) out += "- <" + reference + ">\n";
  }
  return out;
}

json rule_json() {
  const auto& m = control::control_metadata();
  json tags = {"security", "cloudtrail", "logging", "iac"};
  json frameworks = json::array();
  for (const auto& f : m.frameworks) frameworks.push_back(f.framework + " " + f.version + " " + f.control);
  json rule = {{"id", m.id},
               {"name", "CloudTrailEnabledInAllRegions"},
               {"shortDescription", {{"text", m.title}}},
               {"fullDescription", {{"text", m.rationale}}},
               {"help",
                {{"text", m.title + ". " + m.rationale + "\nPasses when: " + m.pass_condition + "\nFix: " + m.remediation_text +
                              "\nTo accept a resource that does not comply: # trailguard:ignore " + m.id + " <reason>"},
                 {"markdown", help_markdown(m)}}},
               {"defaultConfiguration", {{"level", "error"}}},
               {"properties",
                {{"tags", std::move(tags)},
                 {"precision", "very-high"},  // a deterministic judgement of declared facts, not a heuristic
                 {"security-severity", security_severity(m.severity)},
                 {"frameworks", std::move(frameworks)}}}};
  if (!m.references.empty()) rule["helpUri"] = m.references.front();
  return rule;
}

json notification_descriptors() {
  return json::array({{{"id", "iac-input-problem"},
                       {"shortDescription", {{"text", "A file could not be read or parsed, or a construct could not be understood"}}}},
                      {{"id", "iac-usage-problem"},
                       {"shortDescription", {{"text", "The code talks to trailguard wrongly (a suppression without a reason)"}}}}});
}

// The level a finding's reasons make: what a SUPPRESSED finding would have been without its suppression.
std::string level_of_reasons(const control::IacFinding& finding) {
  bool error = false;
  for (const auto& reason : finding.reasons) {
    const auto kind = control::kind_of(reason.code);
    if (kind == control::ReasonKind::failure) return "error";
    error = error || kind == control::ReasonKind::error;
  }
  return error ? "warning" : "note";
}

// The finding's sentence, then any reason its sentence does not already carry (a FAIL's sentence quotes its
// reasons; a SUPPRESSED one's does not), then the codes, which code scanning can be searched by.
std::string message_text(const control::IacFinding& finding) {
  std::string text = finding.message;
  for (const auto& reason : finding.reasons)
    if (finding.message.find(reason.text) == std::string::npos) text += "\n" + iac_reason_line(reason);
  if (!finding.reasons.empty()) text += "\n[" + iac_reason_codes(finding) + "]";
  return text;
}

// Stable across edits that move the resource: the rule, the file and the address, never the line. FNV-1a
// (64-bit): the same on every platform and build, unlike std::hash; collisions only need to be unlikely among
// one repository's resources, and report may not use aws/'s SHA-256 (layering).
std::string fingerprint(const std::string& rule_id, const json& artifact, const std::string& address) {
  const std::string key = rule_id + '\0' + artifact.value("uriBaseId", "") + '\0' + artifact["uri"].get<std::string>() + '\0' + address;
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const unsigned char c : key) hash = (hash ^ c) * 0x100000001b3ULL;
  return fmt::format("{:016x}", hash);
}

json result_json(const control::IacFinding& finding, const std::string& base_directory) {
  const auto& rule_id = control::control_metadata().id;
  auto location = physical_location(finding.location, base_directory);
  const auto print = fingerprint(rule_id, location["artifactLocation"], finding.address);
  json reasons = json::array();
  for (const auto& reason : finding.reasons) reasons.push_back(control::to_string(reason.code));
  json result = {
      {"ruleId", rule_id},
      {"ruleIndex", 0},
      {"level", finding.status == control::IacStatus::fail      ? std::string("error")
                : finding.status == control::IacStatus::unknown ? std::string("warning")
                                                                : level_of_reasons(finding)},
      {"message", {{"text", message_text(finding)}}},
      {"locations",
       json::array({{{"physicalLocation", std::move(location)},
                     {"logicalLocations", json::array({{{"name", finding.address},
                                                        {"fullyQualifiedName", finding.address},
                                                        {"kind", "resource"}}})}}})},
      {"partialFingerprints", {{kFingerprintKey, print}}},
      {"properties",
       {{"status", control::to_string(finding.status)},
        {"format", model::to_string(finding.format)},
        {"reasons", std::move(reasons)},
        {"notes", finding.notes}}}};
  if (finding.status == control::IacStatus::suppressed)
    result["suppressions"] = json::array({{{"kind", "inSource"}, {"justification", finding.suppression_reason}}});
  return result;
}

bool reported(control::IacStatus status) {
  return status == control::IacStatus::fail || status == control::IacStatus::unknown || status == control::IacStatus::suppressed;
}

json invocation_json(const control::IacEvaluation& evaluation, const std::string& base_directory) {
  json notifications = json::array();
  bool usage_error = false;
  for (const auto& problem : evaluation.problems) {
    usage_error = usage_error || problem.usage_error;
    const int descriptor = problem.usage_error ? kUsageProblem : kInputProblem;
    json notification = {{"level", "error"},
                         {"message", {{"text", problem.message}}},
                         {"descriptor", {{"id", notification_descriptors()[descriptor]["id"]}, {"index", descriptor}}}};
    if (!problem.location.file.empty())
      notification["locations"] = json::array({{{"physicalLocation", physical_location(problem.location, base_directory)}}});
    notifications.push_back(std::move(notification));
  }
  // Unsuccessful exactly when the exit code is 2: a usage error, or problems and nothing judged. Problems
  // beside judged files leave the run successful (exit 3) with its notifications.
  const bool nothing_judged = evaluation.files_read.empty() && !evaluation.problems.empty();
  return {{"executionSuccessful", !usage_error && !nothing_judged}, {"toolExecutionNotifications", std::move(notifications)}};
}

// What has no result (PASS, NOT_CREATED) and what belongs to the run, so the SARIF loses nothing -o json says.
json run_properties(const control::IacEvaluation& evaluation, const std::string& base_directory) {
  json unreported = json::array();
  for (const auto& finding : evaluation.findings)
    if (!reported(finding.status))
      unreported.push_back({{"resource", finding.address},
                            {"status", control::to_string(finding.status)},
                            {"file", iac_report_path(finding.location.file, base_directory).path},
                            {"line", finding.location.line},
                            {"message", finding.message}});
  json files = json::array();
  for (const auto& file : evaluation.files_read) files.push_back(iac_report_path(file, base_directory).path);
  return {{"verdict", control::to_string(evaluation.verdict)},
          {"verdictMessage", evaluation.verdict_message},
          {"unreportedFindings", std::move(unreported)},
          {"filesRead", std::move(files)},
          {"notes", evaluation.notes}};
}

}  // namespace

void write_iac_sarif(std::ostream& out, const control::IacEvaluation& evaluation, const IacReportOptions& options) {
  json driver = {{"name", "trailguard"}, {"rules", json::array({rule_json()})}, {"notifications", notification_descriptors()}};
  if (!options.tool_version.empty()) driver["version"] = options.tool_version;
  if (!options.information_uri.empty()) driver["informationUri"] = options.information_uri;

  json results = json::array();
  for (const auto& finding : evaluation.findings)
    if (reported(finding.status)) results.push_back(result_json(finding, options.base_directory));

  json run = {{"tool", {{"driver", std::move(driver)}}},
              {"invocations", json::array({invocation_json(evaluation, options.base_directory)})},
              {"results", std::move(results)},
              {"properties", run_properties(evaluation, options.base_directory)}};
  if (!options.base_directory.empty()) {  // an absolute URI ending in '/', as SARIF wants of a base
    auto base = uri_encoded(iac_absolute_path(options.base_directory));
    if (!base.ends_with('/')) base += '/';
    run["originalUriBaseIds"] = {{kSourceRoot, {{"uri", "file://" + base}}}};
  }

  const json document = {{"$schema", kSchemaUri}, {"version", "2.1.0"}, {"runs", json::array({std::move(run)})}};
  out << document.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace trailguard::report
