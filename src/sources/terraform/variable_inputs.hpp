// The values a root module's variables are given, gathered in Terraform's order of precedence (each
// later source overrides an earlier one): TF_VAR_ environment, terraform.tfvars, terraform.tfvars.json,
// *.auto.tfvars and *.auto.tfvars.json (lexical), then --var-file and --var in the order given.
// Environment and --var values are raw text: a variable of type string (or no type) takes the text as
// is, any other type parses it as an HCL expression, as Terraform does; so they are resolved only once
// the variable block's type is known (resolve_input).
#pragma once

#include <map>
#include <optional>
#include <string>

#include "model/declared_trail.hpp"
#include "sources/terraform/hcl_ast.hpp"
#include "sources/terraform/terraform_source.hpp"
#include "sources/terraform/tf_value.hpp"

namespace trailguard::sources::terraform {

struct InputValue {
  TfValue value;                   // when given as a value (tfvars, a module argument)
  std::optional<std::string> raw;  // when given as text (TF_VAR_, --var)
  std::string origin;              // "terraform.tfvars:3:1", "--var region", "TF_VAR_region"
};

using InputValues = std::map<std::string, InputValue>;

// Reads the tfvars files of `root_dir` and the options. Unreadable files become problems; files read are
// added to files_read.
InputValues root_inputs(const std::string& root_dir, const TerraformOptions& options, model::IacInput& out);

// The value a variable takes from its input, given the variable block (its `type`).
TfValue resolve_input(const InputValue& input, const Block& variable);

// The type keyword of a variable block: "string", "number", "bool", "" when absent, "complex" otherwise.
std::string variable_type(const Block& variable);

// A problem from a parser message "<path>:<line>:<col>: what" (or a plain message about `path`).
model::IacProblem problem_from_message(const std::string& path, const std::string& message);

}  // namespace trailguard::sources::terraform
