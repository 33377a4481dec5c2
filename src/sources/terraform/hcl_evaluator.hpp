// HCL expressions → TfValue, in the scope of one module (instance): var., local., module., each., count.,
// path., terraform.workspace, and the iteration variables of for expressions and dynamic blocks.
// A reference to another resource or a data source is unknown (known only after apply), as is anything
// that depends on an unknown; evaluation errors are unknown values try() and can() recognise.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sources/terraform/hcl_ast.hpp"
#include "sources/terraform/tf_value.hpp"

namespace trailguard::sources::terraform {

struct EvalScope {
  std::string file;  // for origins: "main.tf"
  const std::string* source = nullptr;  // the file's text, to name references in messages
  const std::map<std::string, TfValue>* variables = nullptr;
  // local.<name> and module.<name>, resolved lazily by the module reader (locals may come in any order).
  std::function<TfValue(const std::string&)> local;
  std::function<TfValue(const std::string&)> module;
  std::optional<TfValue> each_key, each_value, count_index;
  std::string path_module = ".", path_root = ".";
  // for-expression and dynamic-block iterators, innermost last.
  std::vector<std::pair<std::string, TfValue>> names;
};

TfValue evaluate(const Expression& expression, const EvalScope& scope);

// The source text of an expression, for messages ("aws_s3_bucket.logs.arn").
std::string expression_text(const Expression& expression, const EvalScope& scope);

}  // namespace trailguard::sources::terraform
