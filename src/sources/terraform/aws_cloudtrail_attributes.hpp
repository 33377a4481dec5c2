// The one reading of an aws_cloudtrail resource's attributes, with the AWS provider's defaults:
// is_multi_region_trail false, include_global_service_events true, enable_logging true,
// is_organization_trail false, event_selector read_write_type "All" and include_management_events true,
// no selector at all = CloudTrail's default (all management events). Serves the HCL evaluator and the
// plan reader alike, so a .tf file and its plan cannot be judged differently.
#pragma once

#include <functional>
#include <string>

#include "model/declared_trail.hpp"
#include "sources/terraform/tf_value.hpp"

namespace trailguard::sources::terraform {

struct ResourcePlace {
  model::IacFormat format = model::IacFormat::terraform;
  std::string address;            // "module.audit.aws_cloudtrail.this[0]"
  model::CodeLocation location;   // the resource block's first line
  std::string account_id;         // "" when the code does not say (the ARN then names none)
  std::string region;             // the provider's region when known, else ""
};

// `attributes` is the resource's object: attribute names as in the provider schema, nested blocks as lists
// of objects ("event_selector": [{"read_write_type": "All", "data_resource": [{...}]}],
// "advanced_event_selector": [{"name": ..., "field_selector": [{"field": ..., "equals": [...]}]}]),
// exactly the shape of a plan's change.after. Unknown values become unknown facts; wrong types become
// unknown facts naming the attribute and what was found. `created` is set by the caller.
model::DeclaredTrail declared_trail_from_attributes(const TfValue& attributes, const ResourcePlace& place);

// How an aws_cloudtrail instance's attributes become a DeclaredTrail: declared_trail_from_attributes, or in
// tests a recorder of the attributes the HCL evaluator or the plan reader hands over.
using TrailMapping = std::function<model::DeclaredTrail(const TfValue& attributes, const ResourcePlace& place)>;

}  // namespace trailguard::sources::terraform
