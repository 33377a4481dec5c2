// One AWS::CloudTrail::Trail resource → a DeclaredTrail, with CloudFormation's and CloudTrail's defaults for
// what the template leaves out: IsMultiRegionTrail false, IncludeGlobalServiceEvents true (CreateTrail's
// default; the resource documentation states none), IsOrganizationTrail false, EnableLogFileValidation false,
// no selectors = one basic selector All with management events (defaulted). IsLogging is required by the
// resource type: missing → logging_not_declared.
#pragma once

#include "model/declared_trail.hpp"
#include "sources/cloudformation/cfn_evaluator.hpp"

namespace trailguard::sources::cloudformation {

// `resource` is the Resources entry (its key is the logical id).
model::DeclaredTrail declared_trail_of(TemplateEvaluator& evaluator, const CfnEntry& resource);

// CloudFormation's booleans: true/false, or the strings "true"/"false" in any case.
std::optional<bool> boolean_of(const CfnNode& node);

}  // namespace trailguard::sources::cloudformation
