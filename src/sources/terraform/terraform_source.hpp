// A Terraform root module (a directory of .tf files) and the local modules it calls, at any depth →
// the aws_cloudtrail resources it declares, evaluated as Terraform would with the values it is given.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "model/declared_trail.hpp"

namespace trailguard::sources::terraform {

struct TerraformOptions {
  // Terraform's order of precedence, lowest first: variable defaults, environment TF_VAR_<name>,
  // terraform.tfvars, *.auto.tfvars (lexical order), then --var-file and --var in the order given.
  std::vector<std::pair<std::string, std::string>> environment;  // TF_VAR_ names stripped: ("region", "eu-west-1")
  struct CommandLineValue {
    bool is_file = false;  // --var-file PATH, else --var NAME=VALUE
    std::string text;      // the path, or "NAME=VALUE"
  };
  std::vector<CommandLineValue> command_line;
};

// Reads `root_dir` (not its subdirectories, unless a module block's source names them). Files that do not
// parse become problems and the rest are still read; a module whose source is not a local path
// (registry, git, s3, ...) is not read: its resources cannot be known, which is a note, and the result
// says so rather than guessing.
model::IacInput read_terraform_root(const std::string& root_dir, const TerraformOptions& options);

}  // namespace trailguard::sources::terraform
