// A resource block's body → the object of its attributes, as declared_trail_from_attributes wants it:
// attributes evaluated, nested blocks as lists of objects, `dynamic` blocks expanded (for_each, iterator,
// content), meta-arguments (count, for_each, provider, depends_on, lifecycle, ...) left out. Known
// strings "true"/"false" in the provider's bool attributes become bools, as Terraform converts them
// to the schema's type before the provider sees them.
#pragma once

#include "sources/terraform/hcl_ast.hpp"
#include "sources/terraform/hcl_evaluator.hpp"
#include "sources/terraform/tf_value.hpp"

namespace trailguard::sources::terraform {

TfValue resource_attributes(const Body& body, const EvalScope& scope);

// The name a traversal expression stands for (`iterator = sel` → "sel"), or "" when it is not one.
std::string bare_name(const Expression& expression);

}  // namespace trailguard::sources::terraform
