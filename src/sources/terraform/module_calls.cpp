// module blocks: a local source ("./x", "../x") is read as a child instance per count / for_each
// instance, its arguments evaluated here and passed as its variables; any other source (registry, git,
// s3, http) is not read, and stands as one DeclaredTrail whose every fact is unknown, so the verdict
// cannot pass on what it might declare.
#include <algorithm>
#include <filesystem>
#include <set>

#include "sources/terraform/module_state.hpp"
#include "sources/terraform/tf_value_ops.hpp"

namespace trailguard::sources::terraform {

namespace fs = std::filesystem;

namespace {

bool is_local_source(const std::string& source) { return source.rfind("./", 0) == 0 || source.rfind("../", 0) == 0; }

bool is_call_argument(const std::string& name) {
  static const std::set<std::string> meta = {"source", "version", "count", "for_each", "providers", "depends_on"};
  return meta.count(name) == 0;
}

model::DeclaredTrail unread_module(const std::string& address, const model::CodeLocation& location, const std::string& why) {
  model::DeclaredTrail trail;
  trail.format = model::IacFormat::terraform;
  trail.address = address;
  trail.location = location;
  trail.created = model::Known<bool>::unknown(why);
  trail.trail.name = address;
  trail.trail.is_multi_region = model::Known<bool>::unknown(why);
  trail.trail.include_global_service_events = model::Known<bool>::unknown(why);
  trail.trail.is_organization_trail = model::Known<bool>::unknown(why);
  trail.trail.log_file_validation = model::Known<bool>::unknown(why);
  const model::ReadError error{"terraform", "", "ModuleNotRead", why};
  trail.trail.status = error;
  trail.trail.selectors = error;
  trail.notes.push_back(why);
  return trail;
}

}  // namespace

ModuleResult read_module_call(ModuleState& state, const Block& block, std::size_t file) {
  const std::string name = block.labels.empty() ? "" : block.labels[0];
  const std::string address = state.instance.address_prefix + "module." + name;
  const model::CodeLocation location{state.files[file].path, static_cast<int>(block.pos.line), static_cast<int>(block.pos.column)};
  EvalScope scope = state.scope(file);
  std::string source;
  for (const auto& attribute : block.content().attributes)
    if (attribute.name == "source") {
      const TfValue value = evaluate(attribute.value, scope);
      if (value.kind == TfValue::Kind::string) source = value.string;
    }
  ModuleResult result;
  if (!is_local_source(source)) {
    const std::string why = address + ": source \"" + source +
                            "\" is not a local path (registry, git, s3 or http module), not read: its resources cannot be known";
    state.out.notes.push_back(why);
    result.value = TfValue::unknown(why);
    result.trails.push_back(unread_module(address, location, why));
    return result;
  }
  const std::string child_dir = (fs::path(state.instance.dir) / source).lexically_normal().string();
  std::error_code error;
  const std::string canonical = fs::weakly_canonical(child_dir, error).string();
  for (const auto& caller : state.instance.call_stack)
    if (caller == canonical || state.instance.call_stack.size() > 32) {
      const std::string why = address + ": module source " + child_dir + " calls itself (a module cycle), not read again";
      state.out.problems.push_back({location, why});
      result.value = TfValue::unknown(why);
      return result;
    }

  const BlockInstances instances = block_instances(block.content(), scope);
  const auto read_instance = [&](const std::string& suffix, const EvalScope& inner) {
    ModuleInstance child;
    child.mapping = state.instance.mapping;
    child.dir = child_dir;
    child.root_dir = state.instance.root_dir;
    child.address_prefix = address + suffix + ".";
    child.is_root = false;
    child.region = state.region;
    child.call_stack = state.instance.call_stack;
    child.call_stack.push_back(canonical);
    for (const auto& attribute : block.content().attributes)
      if (is_call_argument(attribute.name))
        child.inputs[attribute.name] = {evaluate(attribute.value, inner), std::nullopt, address + " argument " + attribute.name};
    model::IacInput child_out;
    TfValue outputs = read_module(child, child_out);
    for (auto& problem : child_out.problems) state.out.problems.push_back(std::move(problem));
    for (auto& note : child_out.notes) state.out.notes.push_back(std::move(note));
    for (auto& path : child_out.files_read)
      if (std::find(state.out.files_read.begin(), state.out.files_read.end(), path) == state.out.files_read.end())
        state.out.files_read.push_back(std::move(path));
    return std::make_pair(std::move(outputs), std::move(child_out.trails));
  };
  const auto with_created = [](std::vector<model::DeclaredTrail> trails, const model::Known<bool>& created) {
    for (auto& trail : trails)
      if (!trail.created.is(false)) trail.created = created;
    return trails;
  };

  if (!instances.repeated) {
    auto [outputs, trails] = read_instance("", scope);
    result.value = std::move(outputs);
    result.trails = std::move(trails);
    return result;
  }
  if (instances.unknown || instances.list.empty()) {
    // Read once so its resources are still listed: unknown when the count is, not created when zero.
    const std::string why = instances.unknown ? address + ": count / for_each cannot be resolved: " + instances.unknown->string
                                              : address + ": count 0 or an empty for_each";
    EvalScope inner = scope;
    inner.count_index = inner.each_key = inner.each_value = TfValue::unknown(why);
    auto [outputs, trails] = read_instance("", inner);
    result.value = instances.unknown ? TfValue::unknown(why) : TfValue::list({});
    result.trails = with_created(std::move(trails), instances.unknown ? model::Known<bool>::unknown(why)
                                                                      : model::Known<bool>::stated(false, why));
    return result;
  }
  const bool by_key = instances.list.front().each_key.has_value();
  result.value = by_key ? TfValue::object({}) : TfValue::list({});
  for (const auto& instance : instances.list) {
    EvalScope inner = scope;
    inner.count_index = instance.count_index;
    inner.each_key = instance.each_key;
    inner.each_value = instance.each_value;
    auto [outputs, trails] = read_instance(instance.suffix, inner);
    if (by_key) result.value.fields.emplace_back(instance.each_key->string, std::move(outputs));
    else result.value.items.push_back(std::move(outputs));
    for (auto& trail : trails) result.trails.push_back(std::move(trail));
  }
  return result;
}

}  // namespace trailguard::sources::terraform
