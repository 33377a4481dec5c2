// One report with every status (PASS, FAIL, ERROR, SKIPPED; warnings; two accounts), the writers' tests'
// common input. No GoogleTest here: tests/report/report_sample (a plain program) uses it too.
#pragma once

#include "../control/model_builders.hpp"
#include "control/evaluator.hpp"
#include "report/report.hpp"

namespace trailguard::report::golden {

inline Report sample_report() {
  using namespace trailguard::builders;
  auto stopped = passing_trail("stopped");
  stopped.status = model::TrailStatus{false, "", "test"};
  auto failing = account_with({stopped, single_region_trail("local", "eu-west-1")});
  failing.account_id = "222222222222";
  auto passing = account_with({passing_trail()});
  passing.regions.push_back({"af-south-1", model::RegionState::not_enabled, "not-opted-in"});
  passing.read_errors.push_back({"DescribeTrails", "ap-south-1", "AccessDeniedException", "denied"});
  Report r;
  r.source = "test";
  r.accounts.push_back(control::evaluate(passing));
  r.accounts.push_back(control::evaluate(failing));
  return r;
}

}  // namespace trailguard::report::golden
