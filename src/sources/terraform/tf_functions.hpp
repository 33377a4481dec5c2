// Terraform's built-in functions over evaluated arguments: the ones modules use to compute trail settings
// (lookup, coalesce, merge, concat, toset, length, jsonencode, format, join, ...). try() and can() need
// their arguments unevaluated and live in the evaluator. An unknown argument gives an unknown result;
// a function not implemented gives an unknown naming it, never a guess.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sources/terraform/tf_value.hpp"

namespace trailguard::sources::terraform {

TfValue call_function(std::string_view name, const std::vector<TfValue>& args);

// The string functions (lower, upper, format, join, split, replace, ...); nullopt-like: returns false when
// `name` is not one of them.
bool call_string_function(std::string_view name, const std::vector<TfValue>& args, TfValue& result);

// An evaluation error "name(): what".
TfValue function_error(std::string_view name, const std::string& what);

// A value as JSON text, as jsonencode writes it (object keys sorted).
std::string json_text(const TfValue& value);

}  // namespace trailguard::sources::terraform
