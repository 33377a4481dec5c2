#include "report/ocsf_writer.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "control/control_metadata.hpp"
#include "model/trail.hpp"

namespace trailguard::report {
namespace {

using nlohmann::json;

constexpr int kCategoryFindings = 2;
constexpr int kClassComplianceFinding = 2003;
constexpr int kActivityCreate = 1;
constexpr int kAccountTypeAws = 10;  // account.type_id "AWS Account"
constexpr int kRoleTarget = 1;       // resource_details.role_id "Target"

struct Caption {
  int id;
  const char* caption;
};

// compliance.status_id: the compliance object's own values (1 Pass, 2 Warning "did not yield a result due to
// missing information", 3 Fail) and the dictionary's 99 Other, whose caption is then ours.
Caption compliance_status(control::Status status) {
  switch (status) {
    case control::Status::pass: return {1, "Pass"};
    case control::Status::fail: return {3, "Fail"};
    case control::Status::error: return {2, "Warning"};
    case control::Status::skipped: return {99, "Skipped"};
  }
  return {2, "Warning"};
}

// severity_id from the control's severity for what needs acting on (FAIL, and ERROR: an audit that could not
// finish); a PASS or a SKIPPED region is Informational, as Security Hub rates passed checks.
Caption severity(control::Status status) {
  if (status == control::Status::pass || status == control::Status::skipped) return {1, "Informational"};
  const auto& level = control::control_metadata().severity;
  if (level == "low") return {2, "Low"};
  if (level == "medium") return {3, "Medium"};
  if (level == "high") return {4, "High"};
  if (level == "critical") return {5, "Critical"};
  return {0, "Unknown"};
}

std::string arn_name(const std::string& arn) {
  const auto slash = arn.rfind('/');
  return slash == std::string::npos ? arn : arn.substr(slash + 1);
}

json compliance_json(const control::Finding& finding) {
  const auto& m = control::control_metadata();
  json standards = json::array();
  json requirements = json::array();
  for (const auto& f : m.frameworks) {
    const std::string standard = f.framework + " " + f.version;
    if (std::find(standards.begin(), standards.end(), standard) == standards.end()) standards.push_back(standard);
    requirements.push_back(standard + ": " + f.control);
  }
  json details = json::array();
  for (const auto& r : finding.reasons) details.push_back(std::string(to_string(r.code)));
  const auto status = compliance_status(finding.status);
  json compliance = {{"control", m.id},         {"desc", m.pass_condition},   {"standards", standards},
                     {"requirements", requirements}, {"status_id", status.id}, {"status", status.caption},
                     {"status_code", std::string(to_string(finding.status))}};
  if (!details.empty()) compliance["status_details"] = details;
  return compliance;
}

json resources_json(const control::AccountVerdict& account, const control::Finding& finding) {
  json subject = {{"uid", finding.account_id}, {"type", "AWS::::Account"}, {"role_id", kRoleTarget}, {"role", "Target"},
                  {"region", finding.region}};
  if (!account.account_name.empty()) subject["name"] = account.account_name;
  json resources = json::array({subject});
  for (const auto& arn : finding.trails)
    resources.push_back({{"uid", arn}, {"name", arn_name(arn)}, {"type", control::control_metadata().resource_type},
                         {"region", model::region_of_arn(arn)}, {"role_id", kRoleTarget}, {"role", "Target"}});
  return resources;
}

}  // namespace

json ocsf_event(const Report& report, const control::AccountVerdict& account, const control::Finding& finding) {
  const auto& m = control::control_metadata();
  const auto level = severity(finding.status);
  json cloud_account = {{"uid", finding.account_id}, {"type_id", kAccountTypeAws}, {"type", "AWS Account"}};
  if (!account.account_name.empty()) cloud_account["name"] = account.account_name;
  return {
      {"activity_id", kActivityCreate},
      {"activity_name", "Create"},
      {"category_uid", kCategoryFindings},
      {"category_name", "Findings"},
      {"class_uid", kClassComplianceFinding},
      {"class_name", "Compliance Finding"},
      {"type_uid", kClassComplianceFinding * 100 + kActivityCreate},
      {"type_name", "Compliance Finding: Create"},
      {"time", report.generated_ms},  // OCSF timestamps are milliseconds since the epoch
      {"timezone_offset", 0},
      {"severity_id", level.id},
      {"severity", level.caption},
      {"status_id", 1},  // the finding's workflow state (New), not the check's result: that is compliance.status_id
      {"status", "New"},
      {"message", finding.message},
      {"metadata",
       {{"version", "1.6.0"},
        {"profiles", {"cloud"}},
        {"product", {{"name", "trailguard"}, {"vendor_name", "trailguard"}, {"version", report.tool_version}}}}},
      // Stable across runs: the same control, account and region is the same finding, updated.
      {"finding_info",
       {{"uid", "trailguard/" + m.id + "/" + finding.account_id + "/" + finding.region},
        {"title", m.title},
        {"desc", m.rationale},
        {"types", {"Compliance"}}}},
      {"compliance", compliance_json(finding)},
      {"cloud", {{"provider", "AWS"}, {"region", finding.region}, {"account", cloud_account}}},
      {"resources", resources_json(account, finding)},
      {"remediation", {{"desc", m.remediation_text}, {"references", m.references}}},
  };
}

void write_ocsf(const Report& report, std::ostream& out) {
  // One event per line inside the array: the document stays valid JSON and is written event by event.
  out << '[';
  const char* separator = "\n";
  for (const auto& evaluation : report.accounts)
    for (const auto& finding : evaluation.findings) {
      out << separator << ocsf_event(report, evaluation.verdict, finding).dump();
      separator = ",\n";
    }
  out << "\n]\n";
}

void write_ocsf_ndjson(const Report& report, std::ostream& out) {
  for (const auto& evaluation : report.accounts)
    for (const auto& finding : evaluation.findings) out << ocsf_event(report, evaluation.verdict, finding).dump() << '\n';
}

}  // namespace trailguard::report
