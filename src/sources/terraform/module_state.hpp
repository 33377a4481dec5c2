// The evaluation state of one module instance, shared by module_reader (files, variables, locals,
// outputs), module_calls (module blocks) and cloudtrail_instances (aws_cloudtrail resources).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "model/declared_trail.hpp"
#include "sources/terraform/hcl_ast.hpp"
#include "sources/terraform/hcl_evaluator.hpp"
#include "sources/terraform/module_reader.hpp"

namespace trailguard::sources::terraform {

struct ModuleResult {
  TfValue value;  // what module.<name> evaluates to (outputs, or a list / map of them per instance)
  std::vector<model::DeclaredTrail> trails;
};

struct ModuleState {
  const ModuleInstance& instance;
  model::IacInput& out;
  std::vector<HclFile> files;
  std::map<std::string, TfValue> variables;
  std::map<std::string, std::pair<const Attribute*, std::size_t>> local_defs;
  std::map<std::string, TfValue> local_cache;
  std::set<std::string> local_busy;
  std::map<std::string, std::pair<const Block*, std::size_t>> module_defs;
  std::map<std::string, ModuleResult> module_cache;
  std::set<std::string> module_busy;
  std::string region;

  ModuleState(const ModuleInstance& i, model::IacInput& o) : instance(i), out(o) {}
  EvalScope scope(std::size_t file);
  TfValue local(const std::string& name);
  const ModuleResult& module(const std::string& name);
  std::string where(std::size_t file, const SourcePos& pos) const;
};

// One instance of a block with count / for_each: its address suffix and the iteration values.
struct BlockInstance {
  std::string suffix;  // "", "[0]", "[\"eu\"]"
  std::optional<TfValue> each_key, each_value, count_index;
};

struct BlockInstances {
  bool repeated = false;      // count or for_each is set
  std::optional<TfValue> unknown;  // the count / for_each could not be resolved (why)
  std::vector<BlockInstance> list;  // empty with repeated and no unknown = count 0 / empty for_each
};

BlockInstances block_instances(const Body& body, const EvalScope& scope);

ModuleResult read_module_call(ModuleState& state, const Block& block, std::size_t file);
std::vector<model::DeclaredTrail> cloudtrail_trails(ModuleState& state, const Block& block, std::size_t file);

}  // namespace trailguard::sources::terraform
