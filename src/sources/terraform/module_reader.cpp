#include "base/file.hpp"
#include "sources/terraform/module_reader.hpp"

#include <algorithm>
#include <filesystem>

#include "sources/terraform/hcl_parser.hpp"
#include "sources/terraform/module_state.hpp"
#include "sources/terraform/tf_json_reader.hpp"
#include "sources/terraform/tf_value_ops.hpp"

namespace trailguard::sources::terraform {

namespace fs = std::filesystem;

EvalScope ModuleState::scope(std::size_t file) {
  EvalScope scope;
  scope.file = files[file].path;
  scope.source = &files[file].source;
  scope.variables = &variables;
  scope.local = [this](const std::string& name) { return local(name); };
  scope.module = [this](const std::string& name) { return module(name).value; };
  scope.path_module = instance.dir;
  scope.path_root = instance.root_dir;
  return scope;
}

std::string ModuleState::where(std::size_t file, const SourcePos& pos) const {
  return files[file].path + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column);
}

TfValue ModuleState::local(const std::string& name) {
  if (auto cached = local_cache.find(name); cached != local_cache.end()) return cached->second;
  const auto def = local_defs.find(name);
  if (def == local_defs.end()) return eval_error(instance.address_prefix + "local." + name + " is not declared");
  const std::string where_text = where(def->second.second, def->second.first->pos);
  if (local_busy.count(name)) {
    out.problems.push_back({{files[def->second.second].path, static_cast<int>(def->second.first->pos.line),
                             static_cast<int>(def->second.first->pos.column)},
                            "local." + name + " refers to itself (a cycle of locals)"});
    return TfValue::unknown(where_text + ": local." + name + " is part of a cycle of locals");
  }
  local_busy.insert(name);
  TfValue value = evaluate(def->second.first->value, scope(def->second.second));
  local_busy.erase(name);
  local_cache[name] = value;
  return value;
}

const ModuleResult& ModuleState::module(const std::string& name) {
  if (auto cached = module_cache.find(name); cached != module_cache.end()) return cached->second;
  const auto def = module_defs.find(name);
  if (def == module_defs.end() || module_busy.count(name)) {
    ModuleResult missing;
    missing.value = def == module_defs.end() ? eval_error("module." + name + " is not declared")
                                             : TfValue::unknown("module." + name + " depends on itself");
    return module_cache[name] = std::move(missing);
  }
  module_busy.insert(name);
  ModuleResult result = read_module_call(*this, *def->second.first, def->second.second);
  module_busy.erase(name);
  return module_cache[name] = std::move(result);
}

namespace {

bool ends_with(const std::string& name, const std::string& suffix) {
  return name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
}

void parse_files(ModuleState& state) {
  const std::string& dir = state.instance.dir;
  std::vector<std::string> names;
  std::error_code error;
  for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
    std::error_code type_error;
    if (!it->is_regular_file(type_error)) continue;
    const std::string name = it->path().filename().string();
    if (ends_with(name, ".tf") || is_tf_json_path(name)) names.push_back(name);
  }
  if (error) {
    state.out.problems.push_back({{dir, 0, 0}, "cannot list the directory: " + error.message()});
    return;
  }
  std::sort(names.begin(), names.end());
  for (const auto& name : names) {
    const std::string path = (fs::path(dir) / name).lexically_normal().string();
    auto text = read_file(path);
    if (!text) {
      state.out.problems.push_back({{path, 0, 0}, "cannot be read"});
      continue;
    }
    auto parsed = is_tf_json_path(name) ? parse_tf_json(path, std::move(*text)) : parse_hcl(path, std::move(*text));
    if (!parsed) {
      state.out.problems.push_back(problem_from_message(path, parsed.error().message));
      continue;
    }
    state.files.push_back(std::move(parsed.value()));
    state.out.files_read.push_back(path);
  }
}

TfValue variable_value(ModuleState& state, const Block& block, std::size_t file) {
  const std::string& name = block.labels.at(0);
  if (auto given = state.instance.inputs.find(name); given != state.instance.inputs.end())
    return resolve_input(given->second, block);
  for (const auto& attribute : block.content().attributes)
    if (attribute.name == "default") {
      EvalScope constant;  // a default is a constant: no references
      constant.file = state.files[file].path;
      constant.source = &state.files[file].source;
      return convert_to_type(evaluate(attribute.value, constant), variable_type(block), "var." + name);
    }
  const std::string place = state.where(file, block.pos);
  if (state.instance.is_root)
    return TfValue::unknown(place + ": var." + name + " has no value; pass --var " + name + "=... or a .tfvars file");
  return TfValue::unknown(place + ": var." + name + " has no value: " + state.instance.address_prefix +
                          " is called without it");
}

void collect(ModuleState& state) {
  for (std::size_t f = 0; f < state.files.size(); ++f) {
    for (const auto& block : state.files[f].body.blocks) {
      if (block.type == "locals")
        for (const auto& attribute : block.content().attributes) state.local_defs[attribute.name] = {&attribute, f};
      if (block.type == "module" && !block.labels.empty()) state.module_defs[block.labels[0]] = {&block, f};
    }
  }
  for (std::size_t f = 0; f < state.files.size(); ++f)
    for (const auto& block : state.files[f].body.blocks)
      if (block.type == "variable" && block.labels.size() == 1) state.variables[block.labels[0]] = variable_value(state, block, f);
  if (state.instance.is_root)
    for (const auto& [name, input] : state.instance.inputs)
      if (!state.variables.count(name) && input.origin.rfind("TF_VAR_", 0) != 0)
        state.out.notes.push_back(input.origin + ": no variable \"" + name + "\" is declared in " + state.instance.dir);
}

// The aws provider's region (the default provider, not an aliased one), when known.
void read_region(ModuleState& state) {
  state.region = state.instance.region;
  for (std::size_t f = 0; f < state.files.size(); ++f)
    for (const auto& block : state.files[f].body.blocks) {
      if (block.type != "provider" || block.labels.empty() || block.labels[0] != "aws") continue;
      bool aliased = false;
      for (const auto& attribute : block.content().attributes) aliased = aliased || attribute.name == "alias";
      if (aliased) continue;
      for (const auto& attribute : block.content().attributes)
        if (attribute.name == "region") {
          const TfValue region = evaluate(attribute.value, state.scope(f));
          state.region = region.kind == TfValue::Kind::string ? region.string : "";
        }
    }
}

TfValue outputs(ModuleState& state) {
  TfValue result = TfValue::object({});
  for (std::size_t f = 0; f < state.files.size(); ++f)
    for (const auto& block : state.files[f].body.blocks) {
      if (block.type != "output" || block.labels.empty()) continue;
      TfValue value = TfValue::null_value();
      for (const auto& attribute : block.content().attributes)
        if (attribute.name == "value") value = evaluate(attribute.value, state.scope(f));
      result.fields.emplace_back(block.labels[0], std::move(value));
    }
  return result;
}

}  // namespace

TfValue read_module(const ModuleInstance& instance, model::IacInput& out) {
  ModuleState state(instance, out);
  parse_files(state);
  collect(state);
  read_region(state);
  // Resources and module calls in written order, so findings follow the code.
  for (std::size_t f = 0; f < state.files.size(); ++f)
    for (const auto& block : state.files[f].body.blocks) {
      if (block.type == "resource" && block.labels.size() == 2 && block.labels[0] == "aws_cloudtrail")
        for (auto& trail : cloudtrail_trails(state, block, f)) out.trails.push_back(std::move(trail));
      if (block.type == "module" && !block.labels.empty()) {
        state.module(block.labels[0]);
        auto& cached = state.module_cache[block.labels[0]];
        for (auto& trail : cached.trails) out.trails.push_back(std::move(trail));
        cached.trails.clear();
      }
    }
  return outputs(state);
}

model::IacInput read_root_module(const std::string& root_dir, const TerraformOptions& options, const TrailMapping& mapping) {
  model::IacInput out;
  std::error_code error;
  if (!fs::is_directory(root_dir, error)) {
    out.problems.push_back({{root_dir, 0, 0}, root_dir + ": not a directory of Terraform files"});
    return out;
  }
  ModuleInstance root;
  root.mapping = &mapping;
  root.dir = fs::path(root_dir).lexically_normal().string();
  if (root.dir.size() > 1 && root.dir.back() == '/') root.dir.pop_back();
  root.root_dir = root.dir;
  root.inputs = root_inputs(root.dir, options, out);
  root.call_stack.push_back(fs::weakly_canonical(root.dir, error).string());
  (void)read_module(root, out);
  return out;
}

}  // namespace trailguard::sources::terraform
