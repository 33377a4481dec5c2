#include "sources/terraform/terraform_source.hpp"

#include "sources/terraform/module_reader.hpp"
#include "sources/terraform/aws_cloudtrail_attributes.hpp"

namespace trailguard::sources::terraform {

model::IacInput read_terraform_root(const std::string& root_dir, const TerraformOptions& options) {
  return read_root_module(root_dir, options, declared_trail_from_attributes);
}

}  // namespace trailguard::sources::terraform
