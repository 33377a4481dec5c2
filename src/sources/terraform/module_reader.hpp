// One module instance, evaluated: its files parsed (lexical order), variables from its inputs (or
// defaults), locals (any order; a cycle is unknown and a problem), module calls (local sources read
// recursively with a cycle guard; other sources not read), its aws_cloudtrail resources expanded per
// count / for_each instance into DeclaredTrails, and its outputs for the caller.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "model/declared_trail.hpp"
#include "sources/terraform/aws_cloudtrail_attributes.hpp"
#include "sources/terraform/terraform_source.hpp"
#include "sources/terraform/tf_value.hpp"
#include "sources/terraform/variable_inputs.hpp"

namespace trailguard::sources::terraform {

struct ModuleInstance {
  const TrailMapping* mapping = nullptr;
  std::string dir;             // as the user would write it: "infra", "infra/modules/trail"
  std::string root_dir;        // path.root
  std::string address_prefix;  // "" for the root, "module.audit." / "module.audit[\"eu\"]." below
  InputValues inputs;
  bool is_root = true;
  std::string region;                  // the aws provider's region inherited from the caller, "" when unknown
  std::vector<std::string> call_stack;  // canonical directories of the modules calling this one
};

// Appends the instance's trails, problems, notes and files to `out`; returns its outputs as an object.
TfValue read_module(const ModuleInstance& instance, model::IacInput& out);

// read_terraform_root with the mapping given.
model::IacInput read_root_module(const std::string& root_dir, const TerraformOptions& options, const TrailMapping& mapping);

}  // namespace trailguard::sources::terraform
