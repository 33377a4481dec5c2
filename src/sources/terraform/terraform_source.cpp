#include "sources/terraform/terraform_source.hpp"

#include <filesystem>

#include "sources/terraform/module_reader.hpp"
#include "sources/terraform/variable_inputs.hpp"

namespace trailguard::sources::terraform {

model::IacInput read_terraform_root(const std::string& root_dir, const TerraformOptions& options) {
  model::IacInput out;
  std::error_code error;
  if (!std::filesystem::is_directory(root_dir, error)) {
    out.problems.push_back({{root_dir, 0, 0}, root_dir + ": not a directory of Terraform files"});
    return out;
  }
  ModuleInstance root;
  root.dir = std::filesystem::path(root_dir).lexically_normal().string();
  if (root.dir.size() > 1 && root.dir.back() == '/') root.dir.pop_back();
  root.root_dir = root.dir;
  root.inputs = root_inputs(root.dir, options, out);
  root.call_stack.push_back(std::filesystem::weakly_canonical(root.dir, error).string());
  (void)read_module(root, out);
  return out;
}

}  // namespace trailguard::sources::terraform
