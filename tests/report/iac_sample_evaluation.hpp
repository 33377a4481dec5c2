// A hand-built `trailguard iac` result with one finding of every status, a problem, files under the base
// directory and one outside it, and strings a writer must escape; shared by iac_writers_test (field by field)
// and iac_report_sample (the documents the schema checks validate).
#pragma once

#include <string>

#include "control/iac_judgement.hpp"
#include "report/iac_report.hpp"

namespace trailguard::report::iac_sample {

inline constexpr const char* kBase = "/repo";

inline control::IacFinding finding(std::string address, std::string file, int line, control::IacStatus status) {
  control::IacFinding f;
  f.address = std::move(address);
  f.location = {std::move(file), line, 1};
  f.status = status;
  return f;
}

inline control::IacEvaluation evaluation() {
  using control::IacStatus;
  using control::ReasonCode;
  control::IacEvaluation e;

  auto pass = finding("aws_cloudtrail.main", "/repo/infra/main.tf", 3, IacStatus::pass);
  pass.message = "aws_cloudtrail.main is multi-region, logging and records all management events";

  auto fail = finding("module.audit.aws_cloudtrail.this[\"eu\"]", "/repo/infra/./modules/audit/trail.tf", 10, IacStatus::fail);
  fail.reasons = {{ReasonCode::single_region_only, "is_multi_region_trail is false"},
                  {ReasonCode::global_service_events_off, "include_global_service_events is false"}};
  fail.message = "module.audit.aws_cloudtrail.this[\"eu\"] fails: is_multi_region_trail is false; include_global_service_events is false";

  auto unknown = finding("aws_cloudtrail.from_var", "/repo/infra/main.tf", 20, IacStatus::unknown);
  unknown.reasons = {{ReasonCode::trail_facts_unknown, "main.tf:21:27: var.multi has no value; pass --var multi=... or a .tfvars file"}};
  unknown.message = "aws_cloudtrail.from_var cannot be judged: main.tf:21:27: var.multi has no value; pass --var multi=... or a .tfvars file";

  auto spare = finding("aws_cloudtrail.spare", "/repo/infra/spare.tf", 1, IacStatus::not_created);
  spare.notes = {"count = 0"};
  spare.message = "aws_cloudtrail.spare is not created (count = 0)";

  // Outside the base directory, with a space and markup in its name and reason.
  auto suppressed = finding("OrgTrail", "/elsewhere/stacks/org trail.yaml", 5, IacStatus::suppressed);
  suppressed.format = model::IacFormat::cloudformation;
  suppressed.reasons = {{ReasonCode::single_region_only, "IsMultiRegionTrail is false"}};
  suppressed.suppression_reason = "sandbox <account> & \"approved\" by security";
  suppressed.message = "OrgTrail is suppressed: sandbox <account> & \"approved\" by security";

  e.findings = {pass, fail, unknown, spare, suppressed};
  e.problems = {{{"/repo/infra/broken.tf", 7, 12}, "expected '}' to close the block opened at 2:1", false}};
  e.files_read = {"/repo/infra/main.tf", "/repo/infra/modules/audit/trail.tf", "/repo/infra/spare.tf", "/elsewhere/stacks/org trail.yaml"};
  e.verdict = IacStatus::pass;
  e.verdict_message = "aws_cloudtrail.main (/repo/infra/main.tf:3) satisfies the control";
  return e;
}

inline IacReportOptions options() {
  IacReportOptions o;
  o.base_directory = kBase;
  o.tool_version = "9.8.7-test";
  o.information_uri = "https://trailguard.example/docs";
  return o;
}

}  // namespace trailguard::report::iac_sample
