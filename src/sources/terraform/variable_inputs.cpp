#include "base/file.hpp"
#include "sources/terraform/variable_inputs.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "sources/terraform/hcl_evaluator.hpp"
#include "sources/terraform/hcl_parser.hpp"
#include "sources/terraform/tf_value_ops.hpp"

namespace trailguard::sources::terraform {

namespace fs = std::filesystem;

namespace {

TfValue from_json(const nlohmann::json& json) {
  if (json.is_null()) return TfValue::null_value();
  if (json.is_boolean()) return TfValue::of_bool(json.get<bool>());
  if (json.is_number()) return TfValue::of_number(json.get<double>());
  if (json.is_string()) return TfValue::of_string(json.get<std::string>());
  if (json.is_array()) {
    TfValue list = TfValue::list({});
    for (const auto& item : json) list.items.push_back(from_json(item));
    return list;
  }
  TfValue object = TfValue::object({});
  for (auto it = json.begin(); it != json.end(); ++it) object.fields.emplace_back(it.key(), from_json(it.value()));
  return object;
}

void read_tfvars_json(const std::string& path, InputValues& values, model::IacInput& out) {
  const auto text = read_file(path);
  if (!text) {
    out.problems.push_back({{path, 0, 0}, "cannot be read"});
    return;
  }
  const auto json = nlohmann::json::parse(*text, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    out.problems.push_back({{path, 0, 0}, "not a JSON object of variable values"});
    return;
  }
  for (auto it = json.begin(); it != json.end(); ++it) values[it.key()] = {from_json(it.value()), std::nullopt, path};
  out.files_read.push_back(path);
}

// A .tfvars file holds only attributes of constant expressions (functions allowed, references not).
void read_tfvars(const std::string& path, InputValues& values, model::IacInput& out) {
  if (path.size() > 5 && path.compare(path.size() - 5, 5, ".json") == 0) return read_tfvars_json(path, values, out);
  const auto text = read_file(path);
  if (!text) {
    out.problems.push_back({{path, 0, 0}, "cannot be read"});
    return;
  }
  auto parsed = parse_hcl(path, *text);
  if (!parsed) {
    out.problems.push_back(problem_from_message(path, parsed.error().message));
    return;
  }
  const HclFile& file = parsed.value();
  EvalScope scope;
  scope.file = path;
  scope.source = &file.source;
  for (const auto& attribute : file.body.attributes)
    values[attribute.name] = {evaluate(attribute.value, scope), std::nullopt,
                              path + ":" + std::to_string(attribute.pos.line) + ":" + std::to_string(attribute.pos.column)};
  out.files_read.push_back(path);
}

std::string joined(const std::string& dir, const std::string& name) { return (fs::path(dir) / name).lexically_normal().string(); }

}  // namespace

model::IacProblem problem_from_message(const std::string& path, const std::string& message) {
  model::IacProblem problem{{path, 0, 0}, message};
  if (message.rfind(path + ":", 0) == 0) {
    int line = 0, column = 0;
    int consumed = 0;
    if (std::sscanf(message.c_str() + path.size() + 1, "%d:%d: %n", &line, &column, &consumed) == 2) {
      problem.location.line = line;
      problem.location.column = column;
      if (consumed > 0) problem.message = message.substr(path.size() + 1 + static_cast<std::size_t>(consumed));  // the place is in location
    }
  }
  return problem;
}

InputValues root_inputs(const std::string& root_dir, const TerraformOptions& options, model::IacInput& out) {
  InputValues values;
  for (const auto& [name, text] : options.environment) values[name] = {TfValue::null_value(), text, "TF_VAR_" + name};
  for (const char* name : {"terraform.tfvars", "terraform.tfvars.json"}) {
    const std::string path = joined(root_dir, name);
    std::error_code error;
    if (fs::is_regular_file(path, error)) read_tfvars(path, values, out);
  }
  std::vector<std::string> auto_files;
  std::error_code error;
  for (fs::directory_iterator it(root_dir, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    const auto ends = [&](const std::string& suffix) {
      return name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    if (ends(".auto.tfvars") || ends(".auto.tfvars.json")) auto_files.push_back(name);
  }
  std::sort(auto_files.begin(), auto_files.end());
  for (const auto& name : auto_files) read_tfvars(joined(root_dir, name), values, out);
  for (const auto& given : options.command_line) {
    if (given.is_file) {
      read_tfvars(given.text, values, out);
      continue;
    }
    const auto equals = given.text.find('=');
    if (equals == std::string::npos || equals == 0) {
      out.problems.push_back({{"--var", 0, 0}, "--var " + given.text + ": expected NAME=VALUE"});
      continue;
    }
    const std::string name = given.text.substr(0, equals);
    values[name] = {TfValue::null_value(), given.text.substr(equals + 1), "--var " + name};
  }
  return values;
}

std::string variable_type(const Block& variable) {
  for (const auto& attribute : variable.content().attributes) {
    if (attribute.name != "type") continue;
    if (attribute.value.kind == ExprKind::variable) return attribute.value.text;
    return "complex";
  }
  return "";
}

TfValue resolve_input(const InputValue& input, const Block& variable) {
  const std::string type = variable_type(variable);
  const std::string what = input.origin;
  if (!input.raw) return convert_to_type(input.value, type, what);
  if (type.empty() || type == "string") return TfValue::of_string(*input.raw, what);
  if (type == "number" || type == "bool") return convert_to_type(TfValue::of_string(*input.raw, what), type, what);
  auto parsed = parse_hcl(what, "value = " + *input.raw + "\n");
  if (!parsed || parsed->body.attributes.size() != 1)
    return eval_error(what + ": the value is not a valid HCL expression for a variable of type " + type);
  EvalScope scope;
  scope.file = what;
  scope.source = &parsed->source;
  return evaluate(parsed->body.attributes[0].value, scope);
}

}  // namespace trailguard::sources::terraform
