#include "sources/terraform/resource_attributes.hpp"

#include <algorithm>
#include <set>
#include <string>

#include "sources/terraform/tf_value_ops.hpp"

namespace trailguard::sources::terraform {

namespace {

using Kind = TfValue::Kind;

bool is_meta_argument(const std::string& name) {
  static const std::set<std::string> names = {"count", "for_each", "provider", "depends_on"};
  return names.count(name) != 0;
}

bool is_meta_block(const std::string& type) {
  static const std::set<std::string> types = {"lifecycle", "provisioner", "connection"};
  return types.count(type) != 0;
}

bool is_bool_attribute(const std::string& name) {
  static const std::set<std::string> names = {"is_multi_region_trail", "include_global_service_events",
                                              "enable_logging", "is_organization_trail",
                                              "enable_log_file_validation", "include_management_events"};
  return names.count(name) != 0;
}

TfValue body_object(const Body& body, const EvalScope& scope, bool top_level);

void add_block(TfValue& object, const std::string& type, TfValue block) {
  for (auto& [key, value] : object.fields) {
    if (key != type) continue;
    if (value.kind == Kind::list) value.items.push_back(std::move(block));
    return;  // an unknown list of blocks stays unknown
  }
  object.fields.emplace_back(type, TfValue::list({std::move(block)}));
}

void mark_unknown(TfValue& object, const std::string& type, TfValue unknown) {
  for (auto& [key, value] : object.fields)
    if (key == type) {
      value = std::move(unknown);
      return;
    }
  object.fields.emplace_back(type, std::move(unknown));
}

// dynamic "event_selector" { for_each = ...; iterator = sel; content { ... } }
void expand_dynamic(TfValue& object, const Block& dynamic, const EvalScope& scope) {
  if (dynamic.labels.empty()) return;
  const std::string& type = dynamic.labels[0];
  const Body& body = dynamic.content();
  std::string iterator = type;
  const Expression* for_each = nullptr;
  for (const auto& attribute : body.attributes) {
    if (attribute.name == "for_each") for_each = &attribute.value;
    if (attribute.name == "iterator") iterator = bare_name(attribute.value);
  }
  const Block* content = nullptr;
  for (const auto& block : body.blocks)
    if (block.type == "content") content = &block;
  if (!for_each || !content) {
    mark_unknown(object, type, eval_error(scope.file + ":" + std::to_string(dynamic.pos.line) +
                                          ": dynamic \"" + type + "\" needs for_each and content"));
    return;
  }
  TfValue collection = evaluate(*for_each, scope);
  if (collection.is_unknown() || (collection.kind != Kind::list && collection.kind != Kind::object)) {
    mark_unknown(object, type, collection.is_unknown() ? collection
                                                       : eval_error("dynamic \"" + type + "\": for_each needs a list or map, found " +
                                                                    describe(collection)));
    return;
  }
  auto elements = iteration_pairs(collection);
  // Declared, even when empty: no selector block from an empty for_each is the same as none written.
  EvalScope inner = scope;
  for (auto& [key, value] : elements) {
    inner.names.resize(scope.names.size());
    inner.names.emplace_back(iterator, TfValue::object({{"key", key}, {"value", value}}));
    add_block(object, type, body_object(content->content(), inner, false));
  }
}

// lifecycle { ignore_changes = [...] } (or = all): an argument it names that the code does not state is
// whatever the real trail has (an imported trail keeps it), which code cannot tell, so it is unknown rather
// than the provider's default. One selector kind stated is enough: putting it replaces the other kind.
void mark_ignored_changes(TfValue& object, const Body& body, const EvalScope& scope) {
  static const std::vector<std::string> control_arguments = {"is_multi_region_trail", "include_global_service_events",
                                                             "enable_logging", "is_organization_trail",
                                                             "event_selector", "advanced_event_selector"};
  for (const auto& block : body.blocks) {
    if (block.type != "lifecycle") continue;
    for (const auto& attribute : block.content().attributes) {
      if (attribute.name != "ignore_changes") continue;
      std::vector<std::string> ignored;
      const Expression* value = &attribute.value;
      while (value->kind == ExprKind::parenthesized) value = &value->operands.front();
      if (value->kind == ExprKind::variable && value->text == "all") ignored = control_arguments;
      for (const auto& item : value->kind == ExprKind::tuple ? value->operands : std::vector<Expression>{}) {
        const Expression* root = &item;
        while ((root->kind == ExprKind::get_attr || root->kind == ExprKind::index) && !root->operands.empty())
          root = &root->operands.front();
        ignored.push_back(bare_name(*root));
      }
      const auto stated = [&](const std::string& name) { return object.field(name) != nullptr; };
      for (const auto& name : ignored) {
        if (name.empty() || stated(name)) continue;
        if ((name == "event_selector" || name == "advanced_event_selector") &&
            (stated("event_selector") || stated("advanced_event_selector")))
          continue;
        if (std::find(control_arguments.begin(), control_arguments.end(), name) == control_arguments.end()) continue;
        object.fields.emplace_back(name, TfValue::unknown(scope.file + ":" + std::to_string(attribute.pos.line) + ": " + name +
                                                          " is not stated and lifecycle.ignore_changes keeps it as it "
                                                          "is in AWS"));
      }
    }
  }
}

TfValue body_object(const Body& body, const EvalScope& scope, bool top_level) {
  TfValue object = TfValue::object({});
  for (const auto& attribute : body.attributes) {
    if (top_level && is_meta_argument(attribute.name)) continue;
    TfValue value = evaluate(attribute.value, scope);
    if (is_bool_attribute(attribute.name)) value = convert_to_type(value, "bool", attribute.name);
    object.fields.emplace_back(attribute.name, std::move(value));
  }
  for (const auto& block : body.blocks) {
    if (top_level && is_meta_block(block.type)) continue;
    if (block.type == "dynamic") expand_dynamic(object, block, scope);
    else add_block(object, block.type, body_object(block.content(), scope, false));
  }
  if (top_level) mark_ignored_changes(object, body, scope);
  return object;
}

}  // namespace

std::string bare_name(const Expression& expression) {
  if (expression.kind == ExprKind::variable) return expression.text;
  if (expression.kind == ExprKind::literal_string) return expression.text;
  if (expression.kind == ExprKind::template_string && expression.operands.size() == 1) return bare_name(expression.operands[0]);
  return "";
}

TfValue resource_attributes(const Body& body, const EvalScope& scope) { return body_object(body, scope, true); }

}  // namespace trailguard::sources::terraform
