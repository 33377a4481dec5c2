// Hand-made plans, one per situation the emitters must express, shaped as the planner makes them (same steps,
// same order), each with the EmitContext the fix command would read. Shared by the emitter unit tests and by
// emit_samples (which writes every emitted file for cfn-lint, the HCL parser and terraform fmt).
#pragma once

#include <string>
#include <vector>

#include "remediate/emit_context.hpp"
#include "remediate/plan.hpp"

namespace trailguard::test_support {

inline constexpr const char* kSampleAccount = "123456789012";

struct Situation {
  std::string name;  // a file-name-safe id: "create_trail", "repair_not_logging", ...
  remediate::Plan plan;
  remediate::EmitContext context;
  bool cloudformation_refuses = false;  // an existing resource would have to be imported
};

// Every situation: new trail (SSE-S3, new KMS key, given key), new trail into an existing bucket, repairs of an
// existing trail (StartLogging; basic and advanced selectors keeping data-event selectors; UpdateTrail to
// multi-region), and names full of HCL/JSON/shell metacharacters.
std::vector<Situation> sample_situations();

// Plans that have nothing to emit.
remediate::Plan blocked_plan();
remediate::Plan nothing_to_do_plan();

// The strings the hostile situation puts in names, descriptions, reasons and selector values.
inline constexpr const char* kHostileText = "x\" ${var.y} %{ if true }\\n\\\" $${z}\n# resource \"evil\" {}\r\t\x01 \xe2\x82\xac \xff";

}  // namespace trailguard::test_support
