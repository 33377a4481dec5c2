// aws_cloudtrail resource blocks → one DeclaredTrail per instance; the attribute reading itself is
// declared_trail_from_attributes, shared with the plan reader.
#include "sources/iac/suppression.hpp"
#include "sources/terraform/module_state.hpp"
#include "sources/terraform/resource_attributes.hpp"
#include "sources/terraform/tf_json_reader.hpp"
#include "sources/terraform/tf_value_ops.hpp"

namespace trailguard::sources::terraform {

namespace {

using Kind = TfValue::Kind;

std::string quoted_key(const std::string& key) { return "[\"" + key + "\"]"; }

}  // namespace

BlockInstances block_instances(const Body& body, const EvalScope& scope) {
  BlockInstances result;
  for (const auto& attribute : body.attributes) {
    if (attribute.name != "count" && attribute.name != "for_each") continue;
    result.repeated = true;
    const TfValue value = evaluate(attribute.value, scope);
    if (value.is_unknown()) {
      result.unknown = value;
      return result;
    }
    if (attribute.name == "count") {
      const auto n = as_number(value);
      if (!n || *n < 0 || *n > 10000) {
        result.unknown = eval_error("count must be a whole number, found " + describe(value));
        return result;
      }
      for (int i = 0; i < static_cast<int>(*n); ++i)
        result.list.push_back({"[" + std::to_string(i) + "]", std::nullopt, std::nullopt, TfValue::of_number(i)});
      return result;
    }
    if (value.kind == Kind::object) {
      for (const auto& [key, item] : sorted_object(value).fields)
        result.list.push_back({quoted_key(key), TfValue::of_string(key), item, std::nullopt});
    } else if (value.kind == Kind::list) {  // a set of strings: each.key and each.value are the string
      for (const auto& item : value.items) {
        if (item.is_unknown()) {
          result.unknown = item;
          result.list.clear();
          return result;
        }
        const auto key = as_text(item);
        if (!key) {
          result.unknown = eval_error("for_each over a set needs strings, found " + describe(item));
          result.list.clear();
          return result;
        }
        result.list.push_back({quoted_key(*key), TfValue::of_string(*key), TfValue::of_string(*key), std::nullopt});
      }
    } else {
      result.unknown = eval_error("for_each needs a map or a set of strings, found " + describe(value));
    }
    return result;
  }
  return result;
}

std::vector<model::DeclaredTrail> cloudtrail_trails(ModuleState& state, const Block& block, std::size_t file) {
  const std::string address = state.instance.address_prefix + "aws_cloudtrail." + block.labels.at(1);
  ResourcePlace place;
  place.format = model::IacFormat::terraform;
  place.location = {state.files[file].path, static_cast<int>(block.pos.line), static_cast<int>(block.pos.column)};
  place.region = state.region;
  const auto trail_for = [&](const EvalScope& scope, const std::string& suffix, model::Known<bool> created) {
    place.address = address + suffix;
    model::DeclaredTrail trail = (*state.instance.mapping)(resource_attributes(block.content(), scope), place);
    trail.address = place.address;
    trail.location = place.location;
    trail.created = std::move(created);
    // JSON has no comments, so a .tf.json file has no suppressions: the marker in a "//" string is text.
    if (!is_tf_json_path(state.files[file].path))
      iac::apply_suppression(state.files[file].source, state.files[file].path, static_cast<int>(block.pos.line),
                             iac::CommentStyle::hash_or_slashes, trail, state.out.problems);
    return trail;
  };
  EvalScope scope = state.scope(file);
  const BlockInstances instances = block_instances(block.content(), scope);
  const std::string where = state.where(file, block.pos);
  std::vector<model::DeclaredTrail> trails;
  if (instances.unknown) {
    const std::string why = "count / for_each of " + address + " cannot be resolved: " + instances.unknown->string;
    scope.count_index = scope.each_key = scope.each_value = TfValue::unknown(why);
    trails.push_back(trail_for(scope, "", model::Known<bool>::unknown(why)));
  } else if (!instances.repeated) {
    trails.push_back(trail_for(scope, "", model::Known<bool>::stated(true, where)));
  } else if (instances.list.empty()) {
    scope.count_index = scope.each_key = scope.each_value = TfValue::unknown("no instance");
    trails.push_back(trail_for(scope, "", model::Known<bool>::stated(false, where + ": count 0 or an empty for_each")));
  } else {
    for (const auto& instance : instances.list) {
      scope.count_index = instance.count_index;
      scope.each_key = instance.each_key;
      scope.each_value = instance.each_value;
      trails.push_back(trail_for(scope, instance.suffix, model::Known<bool>::stated(true, where)));
    }
  }
  return trails;
}

}  // namespace trailguard::sources::terraform
