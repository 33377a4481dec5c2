// One report with every status (PASS, FAIL, ERROR, SKIPPED; warnings; two accounts), the writers' tests'
// common input. No GoogleTest here: tests/report/report_sample (a plain program) uses it too.
#pragma once

#include <string>
#include <vector>

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

// A synthetic organization of `accounts` accounts in 17 regions, every status mixed: a quarter FAIL with no trail,
// a quarter PASS, a quarter FAIL with a single-region trail, a quarter PASS but ERROR in one region; every tenth account
// has a region not enabled (SKIPPED). For the HTML report's size test and its browser test.
inline Report synthetic_organization(int accounts) {
  using namespace trailguard::builders;
  const std::vector<std::string> regions = {"ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-southeast-1",
                                            "ap-southeast-2", "ca-central-1", "eu-central-1", "eu-north-1", "eu-west-1",
                                            "eu-west-2", "eu-west-3", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2"};
  Report r;
  r.source = "evidence org/";
  r.generated_ms = 1764633600123;
  r.tool_version = "0.1.0";
  for (int i = 0; i < accounts; ++i) {
    std::vector<model::Trail> trails;
    if (i % 4 == 1 || i % 4 == 3) trails.push_back(passing_trail());
    if (i % 4 == 2) trails.push_back(single_region_trail("legacy-app-trail", "eu-west-1"));
    auto account = account_with(trails, regions);
    account.account_id = std::to_string(100000000000LL + i);
    if (i % 4 == 3) account.read_errors.push_back({"DescribeTrails", "ap-south-1", "AccessDeniedException", "User is not authorized"});
    if (i % 10 == 0) account.regions.back().state = model::RegionState::not_enabled;
    auto evaluation = control::evaluate(account);
    evaluation.verdict.account_name = "member-" + std::to_string(i) + "-production-workloads";
    r.accounts.push_back(std::move(evaluation));
  }
  return r;
}

}  // namespace trailguard::report::golden
