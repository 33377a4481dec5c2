// `trailguard iac PATH...` → one IacInput: each path a file or a directory, each directory searched for
// Terraform root modules (directories with *.tf or *.tf.json files), CloudFormation templates and plan JSON.
#pragma once

#include <string>
#include <vector>

#include "model/declared_trail.hpp"
#include "sources/cloudformation/cfn_source.hpp"
#include "sources/terraform/terraform_source.hpp"

namespace trailguard::sources::iac {

struct IacReadOptions {
  terraform::TerraformOptions terraform;
  cloudformation::CloudFormationOptions cloudformation;
};

// A directory's .tf and .tf.json files form one root module unless another root found here calls it as a
// local module; .terraform/, .git/ and node_modules/ are skipped. A .tf or .tf.json file given by name
// stands for its directory.
// A path that does not exist or cannot be read is a problem; the other paths are still read.
model::IacInput read_iac_paths(const std::vector<std::string>& paths, const IacReadOptions& options);

}  // namespace trailguard::sources::iac
