// The Terraform plan reader (`terraform show -json` output: resource_changes, after_unknown, planned_values
// child modules): no document may crash it, what is not a plan yields no trails, and the quick
// looks_like_terraform_plan never disagrees with the reader about what is a plan.
#include <string>

#include "control/iac_judgement.hpp"
#include "fuzz_input.hpp"
#include "sources/terraform_plan/plan_source.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace trailguard;
  const auto input = fuzz::split(data, size);
  const std::string content(input.document);
  const bool looks_like_plan = sources::terraform_plan::looks_like_terraform_plan(content);
  const auto read = sources::terraform_plan::read_terraform_plan("fuzz.json", content);
  if (!looks_like_plan && (!read.trails.empty() || read.problems.empty())) __builtin_trap();  // not a plan → a problem, no trails
  if (!read.files_read.empty() && !looks_like_plan) __builtin_trap();
  if (!read.problems.empty() && read.files_read.empty() && !read.trails.empty()) __builtin_trap();  // malformed → no trails
  for (const auto& trail : read.trails)
    if (!trail.created.known()) __builtin_trap();  // a plan always says whether it creates a resource
  if (input.selector % 2) {
    const auto evaluation = control::evaluate_iac(read, {});
    if (evaluation.findings.size() != read.trails.size()) __builtin_trap();
  }
  return 0;
}
