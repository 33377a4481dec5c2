#include "sources/cloudformation/cfn_evaluator.hpp"

#include <fmt/format.h>

namespace trailguard::sources::cloudformation {
namespace {

constexpr int max_resolve_depth = 100;

bool is_intrinsic_map(const CfnNode& node) {
  if (!node.is_map() || node.entries.size() != 1) return false;
  const auto& key = node.entries.front().key;
  return key == "Ref" || key.rfind("Fn::", 0) == 0;
}

CfnNode list_of(std::vector<CfnNode> items, CfnMark mark) {
  CfnNode node;
  node.kind = CfnNode::Kind::list;
  node.items = std::move(items);
  node.mark = mark;
  return node;
}

bool is_pseudo_parameter(const std::string& name) { return name.rfind("AWS::", 0) == 0; }

}  // namespace

std::optional<std::string> scalar_text(const CfnNode& node) {
  if (!node.is_scalar()) return std::nullopt;
  if (node.kind == CfnNode::Kind::boolean) return node.boolean ? "true" : "false";
  return node.text;
}

std::string TemplateEvaluator::place(CfnMark mark) const {
  return fmt::format("{}:{}:{}", file_, mark.line, mark.column);
}

void TemplateEvaluator::problem(CfnMark mark, std::string message) {
  problems_.push_back({{file_, mark.line, mark.column}, std::move(message)});
}

Resolved TemplateEvaluator::resolve(const CfnNode& node) {
  if (depth_ > max_resolve_depth) return Resolved::unknown("the intrinsic functions nest too deep to evaluate", node.mark);
  struct DepthGuard {
    int& depth;
    explicit DepthGuard(int& d) : depth(d) { ++depth; }
    ~DepthGuard() { --depth; }
  } guard(depth_);
  if (is_intrinsic_map(node)) return intrinsic(node.entries.front().key, node.entries.front().value, node.mark);
  if (node.is_list()) {
    CfnNode out = list_of({}, node.mark);
    for (const auto& item : node.items) {
      auto resolved = resolve(item);
      if (resolved.state == Resolved::State::unknown) return resolved;
      if (resolved.state == Resolved::State::value) out.items.push_back(std::move(resolved.node));
    }
    return Resolved::of(std::move(out));
  }
  if (node.is_map()) {
    CfnNode out;
    out.kind = CfnNode::Kind::map;
    out.mark = node.mark;
    for (const auto& entry : node.entries) {
      auto resolved = resolve(entry.value);
      if (resolved.state == Resolved::State::unknown) return resolved;
      if (resolved.state == Resolved::State::value) out.entries.push_back({entry.key, entry.key_mark, std::move(resolved.node)});
    }
    return Resolved::of(std::move(out));
  }
  return Resolved::of(node);
}

std::optional<std::string> TemplateEvaluator::resolve_text(const CfnNode& node, Resolved& failure) {
  auto resolved = resolve(node);
  if (resolved.state == Resolved::State::unknown) {
    failure = std::move(resolved);
    return std::nullopt;
  }
  if (resolved.state == Resolved::State::no_value) {
    failure = Resolved::unknown("AWS::NoValue where a value is required", node.mark);
    return std::nullopt;
  }
  auto text = scalar_text(resolved.node);
  if (!text) failure = Resolved::unknown("a list or mapping where a string is required", node.mark);
  return text;
}

Resolved TemplateEvaluator::intrinsic(const std::string& name, const CfnNode& argument, CfnMark mark) {
  if (name == "Ref") {
    if (argument.kind != CfnNode::Kind::string) {
      problem(mark, "Ref takes the name of a parameter or resource");
      return Resolved::unknown("Ref without a name", mark);
    }
    return ref(argument.text, mark);
  }
  if (name == "Fn::Sub") return sub(argument, mark);
  if (name == "Fn::Join") return join(argument, mark);
  if (name == "Fn::Select") return select(argument, mark);
  if (name == "Fn::Split") return split(argument, mark);
  if (name == "Fn::FindInMap") return find_in_map(argument, mark);
  if (name == "Fn::If") return if_function(argument, mark);
  if (name == "Fn::Base64") return base64(argument, mark);
  if (name == "Fn::GetAtt") {
    std::string target;
    for (const auto& item : argument.items) target += (target.empty() ? "" : ".") + scalar_text(item).value_or("?");
    return Resolved::unknown(fmt::format("Fn::GetAtt {} (an attribute known only after deployment)", target), mark);
  }
  if (name == "Fn::ImportValue") {
    const auto export_name = scalar_text(argument);
    return Resolved::unknown(fmt::format("Fn::ImportValue {} (another stack's export, not known before deployment)",
                                         export_name ? "\"" + *export_name + "\"" : std::string("of a computed name")),
                             mark);
  }
  if (name == "Fn::GetAZs") return Resolved::unknown("Fn::GetAZs (the region's zones, known only at deployment)", mark);
  return Resolved::unknown(name + " (not evaluated before deployment)", mark);
}

Resolved TemplateEvaluator::ref(const std::string& name, CfnMark mark) {
  if (name == "AWS::NoValue") return Resolved::no_value();
  if (const auto found = parameters_.find(name); found != parameters_.end()) {
    if (found->second.value) return Resolved::of(*found->second.value);
    return Resolved::unknown(found->second.reason, mark);
  }
  if (is_pseudo_parameter(name)) return Resolved::unknown(fmt::format("Ref {} (not known before deployment)", name), mark);
  const auto* resources = root_.find("Resources");
  if (resources && resources->find(name))
    return Resolved::unknown(fmt::format("Ref {} (a resource's id, known only after deployment)", name), mark);
  problem(mark, fmt::format("Ref {}: no parameter or resource of that name", name));
  return Resolved::unknown(fmt::format("Ref {}, which names no parameter or resource", name), mark);
}

Resolved TemplateEvaluator::sub(const CfnNode& argument, CfnMark mark) {
  const CfnNode* text_node = &argument;
  const CfnNode* variables = nullptr;
  if (argument.is_list()) {
    if (argument.items.size() != 2 || !argument.items[1].is_map()) {
      problem(mark, "Fn::Sub takes a string or [string, {variables}]");
      return Resolved::unknown("a malformed Fn::Sub", mark);
    }
    text_node = &argument.items[0];
    variables = &argument.items[1];
  }
  if (text_node->kind != CfnNode::Kind::string) {
    problem(mark, "Fn::Sub's template must be a string");
    return Resolved::unknown("a malformed Fn::Sub", mark);
  }
  const auto& text = text_node->text;
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    const auto open = text.find("${", at);
    if (open == std::string::npos) {
      out += text.substr(at);
      break;
    }
    out += text.substr(at, open - at);
    const auto close = text.find('}', open);
    if (close == std::string::npos) {
      out += text.substr(open);
      break;
    }
    const auto name = text.substr(open + 2, close - open - 2);
    at = close + 1;
    if (!name.empty() && name[0] == '!') {  // ${!Literal} is written as ${Literal}
      out += "${" + name.substr(1) + "}";
      continue;
    }
    Resolved failure;
    std::optional<std::string> value;
    if (const auto* variable = variables ? variables->find(name) : nullptr) {
      value = resolve_text(*variable, failure);
    } else if (name.find('.') != std::string::npos && !is_pseudo_parameter(name)) {
      failure = Resolved::unknown(fmt::format("Fn::Sub ${{{}}} (an attribute known only after deployment)", name), mark);
    } else {
      CfnNode reference;
      reference.kind = CfnNode::Kind::map;
      reference.mark = mark;
      reference.entries.push_back({"Ref", mark, CfnNode::string_node(name, mark)});
      value = resolve_text(reference, failure);
    }
    if (!value) return failure;
    out += *value;
  }
  return Resolved::of(CfnNode::string_node(out, mark));
}

Resolved TemplateEvaluator::join(const CfnNode& argument, CfnMark mark) {
  if (!argument.is_list() || argument.items.size() != 2) {
    problem(mark, "Fn::Join takes [delimiter, [values]]");
    return Resolved::unknown("a malformed Fn::Join", mark);
  }
  Resolved failure;
  const auto delimiter = resolve_text(argument.items[0], failure);
  if (!delimiter) return failure;
  auto values = resolve(argument.items[1]);
  if (!values.known()) return values.state == Resolved::State::unknown ? values : Resolved::unknown("Fn::Join of AWS::NoValue", mark);
  if (!values.node.is_list()) {
    problem(mark, "Fn::Join's second argument must be a list");
    return Resolved::unknown("a malformed Fn::Join", mark);
  }
  std::string out;
  for (std::size_t i = 0; i < values.node.items.size(); ++i) {
    const auto text = scalar_text(values.node.items[i]);
    if (!text) return Resolved::unknown("Fn::Join of a list or mapping", mark);
    out += (i ? *delimiter : "") + *text;
  }
  return Resolved::of(CfnNode::string_node(out, mark));
}

Resolved TemplateEvaluator::select(const CfnNode& argument, CfnMark mark) {
  if (!argument.is_list() || argument.items.size() != 2) {
    problem(mark, "Fn::Select takes [index, [values]]");
    return Resolved::unknown("a malformed Fn::Select", mark);
  }
  Resolved failure;
  const auto index_text = resolve_text(argument.items[0], failure);
  if (!index_text) return failure;
  auto values = resolve(argument.items[1]);
  if (!values.known()) return values.state == Resolved::State::unknown ? values : Resolved::unknown("Fn::Select of AWS::NoValue", mark);
  std::size_t index = 0;
  bool digits = !index_text->empty() && index_text->size() < 9;
  for (const char c : *index_text) digits = digits && c >= '0' && c <= '9';
  if (digits) index = std::stoul(*index_text);
  if (!digits || !values.node.is_list() || index >= values.node.items.size()) {
    problem(mark, fmt::format("Fn::Select index {} is not within its list", *index_text));
    return Resolved::unknown("an Fn::Select outside its list", mark);
  }
  return Resolved::of(values.node.items[index]);
}

Resolved TemplateEvaluator::split(const CfnNode& argument, CfnMark mark) {
  if (!argument.is_list() || argument.items.size() != 2) {
    problem(mark, "Fn::Split takes [delimiter, string]");
    return Resolved::unknown("a malformed Fn::Split", mark);
  }
  Resolved failure;
  const auto delimiter = resolve_text(argument.items[0], failure);
  if (!delimiter) return failure;
  const auto source = resolve_text(argument.items[1], failure);
  if (!source) return failure;
  if (delimiter->empty()) {
    problem(mark, "Fn::Split's delimiter is empty");
    return Resolved::unknown("an Fn::Split with an empty delimiter", mark);
  }
  std::vector<CfnNode> parts;
  std::size_t at = 0;
  while (true) {
    const auto next = source->find(*delimiter, at);
    parts.push_back(CfnNode::string_node(source->substr(at, next == std::string::npos ? std::string::npos : next - at), mark));
    if (next == std::string::npos) break;
    at = next + delimiter->size();
  }
  return Resolved::of(list_of(std::move(parts), mark));
}

Resolved TemplateEvaluator::find_in_map(const CfnNode& argument, CfnMark mark) {
  if (!argument.is_list() || argument.items.size() < 3) {
    problem(mark, "Fn::FindInMap takes [MapName, TopLevelKey, SecondLevelKey]");
    return Resolved::unknown("a malformed Fn::FindInMap", mark);
  }
  std::vector<std::string> keys;
  for (std::size_t i = 0; i < 3; ++i) {
    Resolved failure;
    auto key = resolve_text(argument.items[i], failure);
    if (!key) return failure;
    keys.push_back(std::move(*key));
  }
  const CfnNode* found = root_.find("Mappings");
  for (const auto& key : keys) found = found && found->is_map() ? found->find(key) : nullptr;
  if (!found) {
    problem(mark, fmt::format("Fn::FindInMap: Mappings has no {}.{}.{}", keys[0], keys[1], keys[2]));
    return Resolved::unknown(fmt::format("Fn::FindInMap {}.{}.{}, which Mappings does not hold", keys[0], keys[1], keys[2]), mark);
  }
  return resolve(*found);
}

Resolved TemplateEvaluator::if_function(const CfnNode& argument, CfnMark mark) {
  if (!argument.is_list() || argument.items.size() != 3 || argument.items[0].kind != CfnNode::Kind::string) {
    problem(mark, "Fn::If takes [ConditionName, value if true, value if false]");
    return Resolved::unknown("a malformed Fn::If", mark);
  }
  const auto& name = argument.items[0].text;
  const auto chosen = condition(name, argument.items[0].mark);
  if (chosen.value) return resolve(argument.items[*chosen.value ? 1 : 2]);
  // Both branches alike: the condition does not matter.
  auto when_true = resolve(argument.items[1]);
  auto when_false = resolve(argument.items[2]);
  if (when_true.known() && when_false.known() && scalar_text(when_true.node) && scalar_text(when_true.node) == scalar_text(when_false.node))
    return when_true;
  return Resolved::unknown(fmt::format("Fn::If on condition {}, which is unknown: {}", name, chosen.reason), mark);
}

Resolved TemplateEvaluator::base64(const CfnNode& argument, CfnMark mark) {
  static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  Resolved failure;
  const auto text = resolve_text(argument, failure);
  if (!text) return failure;
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < text->size(); i += 3) {
    const auto n = (unsigned(static_cast<unsigned char>((*text)[i])) << 16) | (unsigned(static_cast<unsigned char>((*text)[i + 1])) << 8) |
                   unsigned(static_cast<unsigned char>((*text)[i + 2]));
    for (int shift = 18; shift >= 0; shift -= 6) out += alphabet[(n >> shift) & 63];
  }
  if (i < text->size()) {
    unsigned n = unsigned(static_cast<unsigned char>((*text)[i])) << 16;
    if (i + 1 < text->size()) n |= unsigned(static_cast<unsigned char>((*text)[i + 1])) << 8;
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    out += i + 1 < text->size() ? alphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return Resolved::of(CfnNode::string_node(out, mark));
}

}  // namespace trailguard::sources::cloudformation
