// DeclaredTrail: a trail as infrastructure code declares it (Terraform, a plan, CloudFormation), before it
// exists. The Trail inside is the same model every other source fills, so one judge_trail decides it;
// what only code has (where it is written, whether it is created at all, a suppression) sits around it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/origin.hpp"
#include "model/trail.hpp"

namespace trailguard::model {

// Where something is written: a path as the user gave it (relative paths stay relative) and a 1-based
// line and column; 0 when the format has none (plan JSON names no lines).
struct CodeLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

enum class IacFormat { terraform, terraform_plan, cloudformation };

std::string_view to_string(IacFormat format);  // "terraform", "terraform-plan", "cloudformation"

struct DeclaredTrail {
  IacFormat format = IacFormat::terraform;
  // The resource as its tool names it: "aws_cloudtrail.main", "module.audit.aws_cloudtrail.this[0]",
  // "module.audit.aws_cloudtrail.this[\"eu\"]", or a CloudFormation logical id ("OrgTrail").
  std::string address;
  CodeLocation location;

  // Whether the code creates it: false for count = 0, an empty for_each, a false CloudFormation Condition,
  // or a planned delete; unknown when the count or condition cannot be resolved.
  Known<bool> created;

  // CloudFormation's IsLogging is required by the resource type but the control needs it stated: a trail
  // that does not say IsLogging fails with its own reason (control/iac_judgement), not as "not logging".
  bool logging_not_declared = false;

  // Facts in the shape every source fills. Values the code leaves to the provider carry
  // Provenance::defaulted; values that cannot be resolved (a variable without a value, a registry
  // module, an output of another resource) are unknown, with the reason in Origin::source.
  // trail.status: enable_logging / IsLogging (is_logging); a ReadError when it cannot be resolved.
  // trail.selectors: no selector declared means CloudTrail's default (all management events), which the
  // source states as one basic selector with ReadWriteType All and management events included, defaulted.
  Trail trail;

  // `# trailguard:ignore cloudtrail-multi-region-enabled <reason>` on or above the resource.
  std::optional<std::string> suppression_reason;

  // What the reader wants the user to know about this resource ("module.audit: source
  // terraform-aws-modules/cloudtrail/aws is a registry module, not read").
  std::vector<std::string> notes;
};

// A file that could not be read or parsed, or a construct that could not be understood, with its place.
struct IacProblem {
  CodeLocation location;
  std::string message;
  // The user's own mistake in how the code talks to trailguard (a suppression without a reason): exit 2,
  // whatever else was judged.
  bool usage_error = false;
};

struct IacInput {
  std::vector<DeclaredTrail> trails;
  std::vector<IacProblem> problems;          // each makes the run exit 2 (nothing judged) or 3
  std::vector<std::string> files_read;       // files parsed and judged, for the summary and exit code
  std::vector<std::string> notes;            // not tied to one resource (e.g. an unreadable module)
};

}  // namespace trailguard::model
