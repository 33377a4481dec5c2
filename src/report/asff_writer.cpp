#include "report/asff_writer.hpp"

#include <cstdio>
#include <ctime>

#include <nlohmann/json.hpp>

#include "control/control_metadata.hpp"
#include "model/regions.hpp"
#include "model/trail.hpp"

namespace trailguard::report {
namespace {

using nlohmann::json;

constexpr const char* kCisType = "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark";

}  // namespace

std::string asff_time(std::int64_t epoch_ms) {
  const std::time_t seconds = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[40];
  const auto length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &tm);
  char millis[8];
  std::snprintf(millis, sizeof millis, ".%03dZ", static_cast<int>(epoch_ms % 1000));
  return std::string(text, length) + millis;
}

namespace {

// Cuts at a character boundary (UTF-8 continuation bytes are never split) and says so.
std::string clipped(const std::string& text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t end = max - 3;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "...";
}

std::string compliance_status(control::Status status) {
  switch (status) {
    case control::Status::pass: return "PASSED";
    case control::Status::fail: return "FAILED";
    case control::Status::error:
    case control::Status::skipped: return "NOT_AVAILABLE";
  }
  return "NOT_AVAILABLE";
}

// The control's severity for what needs acting on; a passed check is informational, as Security Hub rates it.
json severity(control::Status status) {
  std::string label = control::control_metadata().severity;
  for (auto& c : label) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (status == control::Status::pass) label = "INFORMATIONAL";
  return {{"Label", label}, {"Original", label}};
}

json related_requirements() {
  json out = json::array();
  for (const auto& f : control::control_metadata().frameworks)
    if (f.framework.starts_with("CIS")) out.push_back(f.framework + " v" + f.version + "/" + f.control);
  return out;
}

json resources(const control::Finding& finding, const std::string& partition) {
  json out = json::array({{{"Type", "AwsAccount"},
                           {"Id", "AWS::::Account:" + finding.account_id},
                           {"Partition", partition},
                           {"Region", finding.region}}});
  for (const auto& arn : finding.trails) {
    const auto region = model::region_of_arn(arn);
    out.push_back({{"Type", "AwsCloudTrailTrail"},
                   {"Id", arn},
                   {"Partition", partition},
                   {"Region", region.empty() ? finding.region : region}});
  }
  return out;
}

}  // namespace

bool has_asff_finding(const control::Finding& finding) { return finding.status != control::Status::skipped; }

std::string asff_generator_id() { return "trailguard/" + control::control_metadata().id; }

std::string asff_id(const std::string& account_id, const std::string& region) {
  return asff_generator_id() + "/" + account_id + "/" + region;
}

std::string asff_product_arn(const std::string& account_id, const std::string& region) {
  return "arn:" + std::string(model::partition_of_region(region)) + ":securityhub:" + region + ":" + account_id +
         ":product/" + account_id + "/default";
}

json asff_finding(const Report& report, const control::AccountVerdict& account, const control::Finding& finding) {
  const auto& m = control::control_metadata();
  const std::string partition(model::partition_of_region(finding.region));
  const auto now = asff_time(report.generated_ms);
  json compliance = {{"Status", compliance_status(finding.status)}, {"RelatedRequirements", related_requirements()}};
  json reasons = json::array();
  for (const auto& r : finding.reasons) {
    json reason = {{"ReasonCode", std::string(to_string(r.code))}};
    // ASFF strings must not be blank: an empty sentence is left out, not sent empty.
    if (r.text.find_first_not_of(" \t\r\n") != std::string::npos) reason["Description"] = clipped(r.text, kAsffReasonDescriptionMax);
    reasons.push_back(std::move(reason));
  }
  if (!reasons.empty()) compliance["StatusReasons"] = std::move(reasons);
  json fields = {{"trailguard/status", std::string(to_string(finding.status))}};
  if (!report.tool_version.empty()) fields["trailguard/version"] = report.tool_version;
  if (!account.account_name.empty()) fields["trailguard/account_name"] = account.account_name;
  return {
      {"SchemaVersion", "2018-10-08"},
      {"Id", asff_id(finding.account_id, finding.region)},
      {"ProductArn", asff_product_arn(finding.account_id, finding.region)},
      {"GeneratorId", asff_generator_id()},
      {"AwsAccountId", finding.account_id},
      {"Region", finding.region},
      {"Types", {kCisType}},
      {"CreatedAt", now},
      {"UpdatedAt", now},
      {"Severity", severity(finding.status)},
      {"Title", clipped(m.title, kAsffTitleMax)},
      {"Description", clipped(finding.message.empty() ? m.pass_condition : finding.message, kAsffDescriptionMax)},
      {"Remediation",
       {{"Recommendation", {{"Text", clipped(m.remediation_text, kAsffRecommendationMax)}, {"Url", m.references.front()}}}}},
      {"ProductFields", fields},
      {"Resources", resources(finding, partition)},
      {"Compliance", compliance},
      {"RecordState", "ACTIVE"},
  };
}

void write_asff(const Report& report, std::ostream& out) {
  // One finding per line inside the array: valid JSON, written finding by finding.
  out << '[';
  const char* separator = "\n";
  for (const auto& evaluation : report.accounts)
    for (const auto& finding : evaluation.findings) {
      if (!has_asff_finding(finding)) continue;
      out << separator << asff_finding(report, evaluation.verdict, finding).dump();
      separator = ",\n";
    }
  out << (separator[0] == '\n' ? "]\n" : "\n]\n");
}

}  // namespace trailguard::report
