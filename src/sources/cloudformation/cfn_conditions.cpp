// The Parameters and Conditions sections: the values intrinsics resolve against.
#include <fmt/format.h>

#include <algorithm>

#include "sources/cloudformation/cfn_evaluator.hpp"

namespace trailguard::sources::cloudformation {
namespace {

bool is_number(const std::string& text) {
  if (text.empty()) return false;
  std::size_t used = 0;
  try {
    (void)std::stod(text, &used);
  } catch (...) {
    return false;
  }
  return used == text.size();
}

CfnNode comma_list(const std::string& text, CfnMark mark) {
  CfnNode node;
  node.kind = CfnNode::Kind::list;
  node.mark = mark;
  std::size_t at = 0;
  while (true) {
    const auto comma = text.find(',', at);
    node.items.push_back(CfnNode::string_node(text.substr(at, comma == std::string::npos ? std::string::npos : comma - at), mark));
    if (comma == std::string::npos) break;
    at = comma + 1;
  }
  return node;
}

// A condition's operands compare as CloudFormation compares them: scalars by their text, lists item by item.
std::optional<std::string> comparable(const CfnNode& node) {
  if (const auto text = scalar_text(node)) return "s:" + *text;
  if (!node.is_list()) return std::nullopt;
  std::string out = "[";
  for (const auto& item : node.items) {
    const auto text = scalar_text(item);
    if (!text) return std::nullopt;
    out += *text + "\x1f";
  }
  return out + "]";
}

}  // namespace

TemplateEvaluator::TemplateEvaluator(std::string file, const CfnNode& root, const CloudFormationOptions& options,
                                     std::vector<model::IacProblem>& problems)
    : file_(std::move(file)), root_(root), problems_(problems) {
  read_parameters(options);
}

void TemplateEvaluator::read_parameters(const CloudFormationOptions& options) {
  const auto* section = root_.find("Parameters");
  if (section && !section->is_map()) problem(section->mark, "Parameters must be a mapping");
  if (!section || !section->is_map()) return;
  for (const auto& entry : section->entries) {
    ParameterValue parameter;
    const auto& declaration = entry.value;
    const auto* type_node = declaration.find("Type");
    const std::string type = type_node && scalar_text(*type_node) ? *scalar_text(*type_node) : "String";
    const auto given = std::find_if(options.parameters.begin(), options.parameters.end(),
                                    [&](const auto& pair) { return pair.first == entry.key; });
    std::optional<std::string> text;
    std::string origin;
    if (given != options.parameters.end()) {
      text = given->second;
      origin = "--parameter " + entry.key;
    } else if (const auto* fallback = declaration.find("Default")) {
      text = scalar_text(*fallback);
      origin = "its Default";
      if (!text) problem(fallback->mark, fmt::format("parameter {}: Default must be a string or number", entry.key));
    }
    if (!text) {
      parameter.reason = fmt::format("parameter {} (no Default and no --parameter {}=VALUE)", entry.key, entry.key);
    } else if (type.rfind("AWS::SSM::Parameter::Value<", 0) == 0) {
      parameter.reason = fmt::format("parameter {} (read from SSM Parameter Store {} at deployment)", entry.key, *text);
    } else if (const auto* allowed = declaration.find("AllowedValues");
               allowed && allowed->is_list() &&
               std::none_of(allowed->items.begin(), allowed->items.end(), [&](const CfnNode& item) { return scalar_text(item) == text; })) {
      problem(entry.key_mark, fmt::format("parameter {}: \"{}\" ({}) is not one of its AllowedValues", entry.key, *text, origin));
      parameter.reason = fmt::format("parameter {} (\"{}\" is not one of its AllowedValues)", entry.key, *text);
    } else if (type == "Number" && !is_number(*text)) {
      problem(entry.key_mark, fmt::format("parameter {}: \"{}\" ({}) is not a Number", entry.key, *text, origin));
      parameter.reason = fmt::format("parameter {} (\"{}\" is not a Number)", entry.key, *text);
    } else if (type == "CommaDelimitedList" || type.rfind("List<", 0) == 0) {
      parameter.value = comma_list(*text, entry.key_mark);
    } else {
      parameter.value = CfnNode::string_node(*text, entry.key_mark);
    }
    parameters_[entry.key] = std::move(parameter);
  }
}

ConditionValue TemplateEvaluator::condition(const std::string& name, CfnMark where) {
  if (const auto cached = condition_cache_.find(name); cached != condition_cache_.end()) return cached->second;
  const auto* section = root_.find("Conditions");
  const auto* expression = section && section->is_map() ? section->find(name) : nullptr;
  if (!expression) {
    problem(where, fmt::format("condition {} is not defined in Conditions", name));
    return {std::nullopt, fmt::format("condition {} is not defined", name), where};
  }
  if (!conditions_in_progress_.insert(name).second) {
    problem(where, fmt::format("condition {} refers to itself", name));
    return {std::nullopt, fmt::format("condition {} refers to itself", name), where};
  }
  auto value = evaluate_condition(*expression);
  conditions_in_progress_.erase(name);
  condition_cache_[name] = value;
  return value;
}

ConditionValue TemplateEvaluator::evaluate_condition(const CfnNode& expression) {
  const auto mark = expression.mark;
  if (!expression.is_map() || expression.entries.size() != 1) {
    problem(mark, "a condition is one of Fn::Equals, Fn::And, Fn::Or, Fn::Not or {Condition: name}");
    return {std::nullopt, "a malformed condition", mark};
  }
  const auto& [function, argument] = std::pair<const std::string&, const CfnNode&>(expression.entries[0].key, expression.entries[0].value);
  if (function == "Condition") {
    if (argument.kind != CfnNode::Kind::string) return {std::nullopt, "a malformed Condition reference", mark};
    return condition(argument.text, mark);
  }
  if (function == "Fn::Equals") {
    if (!argument.is_list() || argument.items.size() != 2) {
      problem(mark, "Fn::Equals takes two values");
      return {std::nullopt, "a malformed Fn::Equals", mark};
    }
    auto left = resolve(argument.items[0]);
    auto right = resolve(argument.items[1]);
    for (const auto* side : {&left, &right})
      if (side->state == Resolved::State::unknown) return {std::nullopt, place(side->mark) + ": " + side->reason, side->mark};
    const auto left_text = left.known() ? comparable(left.node) : std::nullopt;
    const auto right_text = right.known() ? comparable(right.node) : std::nullopt;
    if (!left_text || !right_text) return {std::nullopt, "Fn::Equals of a mapping or AWS::NoValue", mark};
    return {*left_text == *right_text, "", mark};
  }
  if (function == "Fn::Not") {
    if (!argument.is_list() || argument.items.size() != 1) {
      problem(mark, "Fn::Not takes one condition");
      return {std::nullopt, "a malformed Fn::Not", mark};
    }
    auto inner = evaluate_condition(argument.items[0]);
    if (inner.value) inner.value = !*inner.value;
    return inner;
  }
  if (function == "Fn::And" || function == "Fn::Or") {
    if (!argument.is_list() || argument.items.empty()) {
      problem(mark, function + " takes a list of conditions");
      return {std::nullopt, "a malformed " + function, mark};
    }
    // Three-valued: one deciding operand (false for And, true for Or) decides even when others are unknown.
    const bool decisive = function == "Fn::Or";
    std::optional<ConditionValue> unknown;
    for (const auto& operand : argument.items) {
      auto value = evaluate_condition(operand);
      if (value.value == decisive) return {decisive, "", mark};
      if (!value.value && !unknown) unknown = std::move(value);
    }
    if (unknown) return *unknown;
    return {!decisive, "", mark};
  }
  problem(mark, fmt::format("{} is not a condition function", function));
  return {std::nullopt, function + " is not a condition function", mark};
}

}  // namespace trailguard::sources::cloudformation
