#include "sources/terraform/hcl_evaluator.hpp"

#include <cmath>
#include <filesystem>
#include <set>

#include "base/file.hpp"
#include "sources/terraform/tf_functions.hpp"
#include "sources/terraform/tf_value_ops.hpp"

namespace trailguard::sources::terraform {

namespace {

using Kind = TfValue::Kind;
constexpr const char* kSplatName = "\x01splat";

std::string where(const Expression& e, const EvalScope& scope) {
  return scope.file + ":" + std::to_string(e.pos.line) + ":" + std::to_string(e.pos.column);
}

TfValue located(TfValue value, const Expression& e, const EvalScope& scope) {
  if (value.origin.empty()) value.origin = where(e, scope);
  return value;
}

const TfValue* named(const EvalScope& scope, const std::string& name) {
  for (auto it = scope.names.rbegin(); it != scope.names.rend(); ++it)
    if (it->first == name) return &it->second;
  return nullptr;
}

TfValue attribute_of(const TfValue& object, const std::string& name, const Expression& e, const EvalScope& scope) {
  if (object.is_unknown()) return object;
  if (object.kind == Kind::object) {
    if (const auto* found = object.field(name)) return *found;
    return eval_error(where(e, scope) + ": " + expression_text(e, scope) + ": no attribute \"" + name + "\" in " +
                      describe(object));
  }
  return eval_error(where(e, scope) + ": " + expression_text(e, scope) + ": cannot take attribute \"" + name +
                    "\" of " + describe(object));
}

TfValue index_of(const TfValue& collection, const TfValue& key, const Expression& e, const EvalScope& scope) {
  if (collection.is_unknown()) return collection;
  if (key.is_unknown()) return key;
  if (collection.kind == Kind::list) {
    const auto n = as_number(key);
    if (n && *n >= 0 && std::floor(*n) == *n && *n < static_cast<double>(collection.items.size()))
      return collection.items[static_cast<std::size_t>(*n)];
    return eval_error(where(e, scope) + ": index " + describe(key) + " out of range for " + describe(collection));
  }
  if (collection.kind == Kind::object) {
    if (const auto text = as_text(key))
      if (const auto* found = collection.field(*text)) return *found;
    return eval_error(where(e, scope) + ": no key " + describe(key) + " in " + describe(collection));
  }
  return eval_error(where(e, scope) + ": cannot index " + describe(collection));
}

// The root of a traversal: var, local, module, each, count, path, terraform, an iterator, or another
// resource / data source (unknown until apply).
TfValue root_value(const Expression& e, const EvalScope& scope) {
  const std::string& name = e.text;
  if (const auto* value = named(scope, name)) return *value;
  if (name == "var") {
    TfValue all = TfValue::object({});
    if (scope.variables)
      for (const auto& [key, value] : *scope.variables) all.fields.emplace_back(key, value);
    return all;
  }
  if (name == "each") {
    if (!scope.each_key) return eval_error(where(e, scope) + ": each. is only valid with for_each");
    return TfValue::object({{"key", *scope.each_key}, {"value", *scope.each_value}});
  }
  if (name == "count") {
    if (!scope.count_index) return eval_error(where(e, scope) + ": count.index is only valid with count");
    return TfValue::object({{"index", *scope.count_index}});
  }
  if (name == "path")
    return TfValue::object({{"module", TfValue::of_string(scope.path_module)},
                            {"root", TfValue::of_string(scope.path_root)},
                            {"cwd", TfValue::of_string(".")}});
  if (name == "terraform") return TfValue::object({{"workspace", TfValue::of_string("default")}});
  return TfValue::unknown(where(e, scope) + ": refers to " + name + ", known only after apply");
}

// var.x, local.x and module.x are looked up by name so a missing one is named in the message, and
// resource.attr chains are named whole.
TfValue get_attr(const Expression& e, const EvalScope& scope) {
  const Expression& object = e.operands.at(0);
  if (object.kind == ExprKind::variable && !named(scope, object.text)) {
    const std::string& root = object.text;
    if (root == "var") {
      if (scope.variables)
        if (auto it = scope.variables->find(e.text); it != scope.variables->end()) return it->second;
      return eval_error(where(e, scope) + ": var." + e.text + " is not declared");
    }
    if (root == "local") return scope.local ? scope.local(e.text) : eval_error("local." + e.text + " is not declared");
    if (root == "module") return scope.module ? scope.module(e.text) : eval_error("module." + e.text + " is not declared");
    static const std::set<std::string> roots = {"each", "count", "path", "terraform", "self"};
    if (!roots.count(root))
      return TfValue::unknown(where(e, scope) + ": " + root + "." + e.text +
                              " is another resource (or data source); its attributes are known only after apply");
  }
  return attribute_of(evaluate(object, scope), e.text, e, scope);
}

TfValue arithmetic(const std::string& op, const TfValue& left, const TfValue& right, const Expression& e,
                   const EvalScope& scope) {
  const auto a = as_number(left), b = as_number(right);
  if (!a || !b)
    return eval_error(where(e, scope) + ": " + op + " needs numbers, found " + describe(left) + " and " + describe(right));
  if (op == "+") return TfValue::of_number(*a + *b);
  if (op == "-") return TfValue::of_number(*a - *b);
  if (op == "*") return TfValue::of_number(*a * *b);
  if ((op == "/" || op == "%") && *b == 0) return eval_error(where(e, scope) + ": division by zero");
  if (op == "/") return TfValue::of_number(*a / *b);
  if (op == "%") return TfValue::of_number(std::fmod(*a, *b));
  if (op == "<") return TfValue::of_bool(*a < *b);
  if (op == "<=") return TfValue::of_bool(*a <= *b);
  if (op == ">") return TfValue::of_bool(*a > *b);
  if (op == ">=") return TfValue::of_bool(*a >= *b);
  return eval_error(where(e, scope) + ": unknown operator " + op);
}

TfValue binary(const Expression& e, const EvalScope& scope) {
  const std::string& op = e.text;
  const TfValue left = evaluate(e.operands.at(0), scope);
  const TfValue right = evaluate(e.operands.at(1), scope);
  if (is_eval_error(left)) return left;
  if (is_eval_error(right)) return right;
  if (op == "&&" || op == "||") {
    const auto a = as_bool(left), b = as_bool(right);
    const bool short_value = op == "||";  // true || x is true, false && x is false, even when x is unknown
    if ((a && *a == short_value) || (b && *b == short_value)) return TfValue::of_bool(short_value);
    if (left.is_unknown()) return left;
    if (right.is_unknown()) return right;
    if (!a || !b) return eval_error(where(e, scope) + ": " + op + " needs bools");
    return TfValue::of_bool(op == "||" ? (*a || *b) : (*a && *b));
  }
  if (op == "==" || op == "!=") {
    const auto same = values_equal(left, right);
    if (!same) {
      const TfValue* unknown = find_unknown(left);
      if (!unknown) unknown = find_unknown(right);
      return unknown ? *unknown : eval_error(where(e, scope) + ": cannot compare");
    }
    return TfValue::of_bool(op == "==" ? *same : !*same);
  }
  if (left.is_unknown()) return left;
  if (right.is_unknown()) return right;
  return arithmetic(op, left, right, e, scope);
}

TfValue template_value(const Expression& e, const EvalScope& scope);

void append_template(const Expression& part, const EvalScope& scope, std::string& out, std::optional<TfValue>& unknown) {
  switch (part.kind) {
    case ExprKind::literal_string: out += part.text; return;
    case ExprKind::template_if: {
      const TfValue condition = evaluate(part.operands.at(0), scope);
      const auto truth = as_bool(condition);
      if (!truth) {
        if (!unknown) unknown = condition.is_unknown() ? condition : eval_error(where(part, scope) + ": %{if} needs a bool");
        return;
      }
      const TfValue chosen = template_value(part.operands.at(*truth ? 1 : 2), scope);
      if (chosen.kind == Kind::string) out += chosen.string;
      else if (!unknown) unknown = chosen;
      return;
    }
    case ExprKind::template_for: {
      TfValue collection = evaluate(part.operands.at(0), scope);
      if (collection.is_unknown()) {
        if (!unknown) unknown = collection;
        return;
      }
      EvalScope inner = scope;
      const std::string key_name = part.names.size() > 1 ? part.names[0] : "";
      const std::string value_name = part.names.empty() ? "" : part.names.back();
      const auto each = [&](TfValue key, const TfValue& value) {
        inner.names.emplace_back(key_name, std::move(key));
        inner.names.emplace_back(value_name, value);
        const TfValue body = template_value(part.operands.at(1), inner);
        inner.names.resize(scope.names.size());
        if (body.kind == Kind::string) out += body.string;
        else if (!unknown) unknown = body;
      };
      if (collection.kind == Kind::list || collection.kind == Kind::object) {
        for (auto& [key, value] : iteration_pairs(collection)) each(std::move(key), value);
      } else if (!unknown) {
        unknown = eval_error(where(part, scope) + ": %{for} needs a list or map");
      }
      return;
    }
    default: {
      const TfValue value = evaluate(part, scope);
      if (const auto text = as_text(value)) out += *text;
      else if (!unknown) unknown = value.is_unknown() ? value : eval_error(where(part, scope) + ": cannot interpolate " + describe(value));
    }
  }
}

TfValue template_value(const Expression& e, const EvalScope& scope) {
  if (e.kind != ExprKind::template_string) return evaluate(e, scope);
  // "${x}" alone is x itself, not its text (Terraform keeps lists, numbers and bools intact).
  if (e.operands.size() == 1 && e.operands[0].kind != ExprKind::literal_string &&
      e.operands[0].kind != ExprKind::template_if && e.operands[0].kind != ExprKind::template_for)
    return evaluate(e.operands[0], scope);
  std::string out;
  std::optional<TfValue> unknown;
  for (const auto& part : e.operands) append_template(part, scope, out, unknown);
  if (unknown) return *unknown;
  return TfValue::of_string(out);
}

TfValue for_expression(const Expression& e, const EvalScope& scope) {
  const TfValue collection = evaluate(e.operands.at(0), scope);
  if (collection.is_unknown()) return collection;
  if (collection.kind != Kind::list && collection.kind != Kind::object)
    return eval_error(where(e, scope) + ": a for expression needs a list or map, found " + describe(collection));
  const bool to_object = e.text == "{";
  const std::string key_name = e.names.size() > 1 ? e.names[0] : "";
  const std::string value_name = e.names.empty() ? "" : e.names.back();
  const Expression& key_expr = e.operands.at(1);
  const Expression& value_expr = e.operands.at(2);
  const Expression& condition = e.operands.at(3);
  auto elements = iteration_pairs(collection);
  EvalScope inner = scope;
  TfValue result = to_object ? TfValue::object({}) : TfValue::list({});
  for (auto& [key, value] : elements) {
    inner.names.resize(scope.names.size());
    inner.names.emplace_back(key_name, key);
    inner.names.emplace_back(value_name, value);
    if (condition.kind != ExprKind::literal_null) {
      const TfValue keep = evaluate(condition, inner);
      const auto truth = as_bool(keep);
      if (!truth) return keep.is_unknown() ? keep : eval_error(where(condition, scope) + ": the if clause needs a bool");
      if (!*truth) continue;
    }
    TfValue item = evaluate(value_expr, inner);
    if (!to_object) {
      result.items.push_back(std::move(item));
      continue;
    }
    const TfValue key_value = evaluate(key_expr, inner);
    if (key_value.is_unknown()) return key_value;
    const auto key_text = as_text(key_value);
    if (!key_text) return eval_error(where(key_expr, scope) + ": an object key must be a string");
    auto* existing = const_cast<TfValue*>(result.field(*key_text));
    if (e.flag) {  // grouping mode: values with the same key gather into a list
      if (existing) existing->items.push_back(std::move(item));
      else result.fields.emplace_back(*key_text, TfValue::list({std::move(item)}));
    } else if (existing) {
      return eval_error(where(key_expr, scope) + ": duplicate key \"" + *key_text + "\" (use ... to group)");
    } else {
      result.fields.emplace_back(*key_text, std::move(item));
    }
  }
  return result;
}

TfValue splat(const Expression& e, const EvalScope& scope) {
  const TfValue source = evaluate(e.operands.at(0), scope);
  if (source.is_unknown()) return source;
  std::vector<TfValue> elements;
  if (source.kind == Kind::list) elements = source.items;
  else if (!source.is_null()) elements.push_back(source);  // a single value splats as a one-element list
  EvalScope inner = scope;
  TfValue result = TfValue::list({});
  for (const auto& element : elements) {
    inner.names.resize(scope.names.size());
    inner.names.emplace_back(kSplatName, element);
    result.items.push_back(evaluate(e.operands.at(1), inner));
  }
  return result;
}

// file() and fileexists() on a path relative to the root module (Terraform runs there); a file that is
// not there, or is large, makes the value unknown rather than an error the plan would have reported.
TfValue file_function(const Expression& e, const EvalScope& scope) {
  if (e.operands.size() != 1) return eval_error(where(e, scope) + ": " + e.text + "() takes one path");
  const TfValue path = evaluate(e.operands[0], scope);
  if (path.is_unknown()) return path;
  if (path.kind != Kind::string) return eval_error(where(e, scope) + ": " + e.text + "() needs a path string");
  std::filesystem::path file(path.string);
  if (file.is_relative() && path.string.rfind(scope.path_root + "/", 0) != 0 && path.string.rfind(scope.path_module + "/", 0) != 0)
    file = std::filesystem::path(scope.path_root) / file;
  std::error_code error;
  const bool exists = std::filesystem::is_regular_file(file, error);
  if (e.text == "fileexists") return TfValue::of_bool(exists);
  const auto size = exists ? std::filesystem::file_size(file, error) : 0;
  auto text = exists && !error && size <= (1u << 20) ? read_file(file) : Result<std::string>(Error{});
  if (!text) return TfValue::unknown(where(e, scope) + ": file(\"" + path.string + "\") is not a readable file here");
  return TfValue::of_string(std::move(text.value()));
}

TfValue function_call(const Expression& e, const EvalScope& scope) {
  const std::string& name = e.text;
  if (name == "try") {
    TfValue last = eval_error(where(e, scope) + ": try() found no argument without an error");
    for (const auto& arg : e.operands) {
      TfValue value = evaluate(arg, scope);
      if (!is_eval_error(value)) return value;  // an unknown (not an error) may still succeed: stays unknown
      last = std::move(value);
    }
    return last;
  }
  if (name == "can") {
    if (e.operands.size() != 1) return eval_error(where(e, scope) + ": can() takes one argument");
    const TfValue value = evaluate(e.operands[0], scope);
    if (is_eval_error(value)) return TfValue::of_bool(false);
    if (const auto* unknown = find_unknown(value)) return *unknown;
    return TfValue::of_bool(true);
  }
  if (name == "file" || name == "fileexists") return file_function(e, scope);
  std::vector<TfValue> args;
  for (std::size_t i = 0; i < e.operands.size(); ++i) {
    TfValue value = evaluate(e.operands[i], scope);
    if (e.flag && i + 1 == e.operands.size()) {
      if (value.is_unknown()) return value;
      if (value.kind != Kind::list) return eval_error(where(e, scope) + ": only a list can be expanded with ...");
      for (auto& item : value.items) args.push_back(std::move(item));
    } else {
      args.push_back(std::move(value));
    }
  }
  TfValue result = call_function(name, args);
  if (result.is_unknown() && result.string.find(':') == std::string::npos)
    result.string = where(e, scope) + ": " + result.string;
  return result;
}

}  // namespace

std::string expression_text(const Expression& e, const EvalScope& scope) {
  if (!scope.source || e.pos.end_offset <= e.pos.offset || e.pos.end_offset > scope.source->size()) return e.text;
  return scope.source->substr(e.pos.offset, e.pos.end_offset - e.pos.offset);
}

TfValue evaluate(const Expression& e, const EvalScope& scope) {
  switch (e.kind) {
    case ExprKind::literal_null: return TfValue::null_value(where(e, scope));
    case ExprKind::literal_bool: return TfValue::of_bool(e.boolean, where(e, scope));
    case ExprKind::literal_number: return TfValue::of_number(e.number, where(e, scope));
    case ExprKind::literal_string: return TfValue::of_string(e.text, where(e, scope));
    case ExprKind::template_string: return located(template_value(e, scope), e, scope);
    case ExprKind::template_if:
    case ExprKind::template_for: {
      std::string out;
      std::optional<TfValue> unknown;
      append_template(e, scope, out, unknown);
      return unknown ? *unknown : TfValue::of_string(out);
    }
    case ExprKind::variable: return root_value(e, scope);
    case ExprKind::get_attr: return get_attr(e, scope);
    case ExprKind::index:
      return index_of(evaluate(e.operands.at(0), scope), evaluate(e.operands.at(1), scope), e, scope);
    case ExprKind::splat: return splat(e, scope);
    case ExprKind::splat_element: {
      const auto* element = named(scope, kSplatName);
      return element ? *element : eval_error(where(e, scope) + ": a splat element outside a splat");
    }
    case ExprKind::function_call: return function_call(e, scope);
    case ExprKind::tuple: {
      TfValue list = TfValue::list({}, where(e, scope));
      for (const auto& item : e.operands) list.items.push_back(evaluate(item, scope));
      return list;
    }
    case ExprKind::object: {
      TfValue object = TfValue::object({}, where(e, scope));
      for (std::size_t i = 0; i + 1 < e.operands.size(); i += 2) {
        const Expression& key_expr = e.operands[i];
        // A bare identifier key is its name, not a variable (Terraform: {a = 1}).
        const TfValue key = key_expr.kind == ExprKind::variable ? TfValue::of_string(key_expr.text) : evaluate(key_expr, scope);
        if (key.is_unknown()) return key;
        const auto text = as_text(key);
        if (!text) return eval_error(where(key_expr, scope) + ": an object key must be a string");
        object.fields.emplace_back(*text, evaluate(e.operands[i + 1], scope));
      }
      return object;
    }
    case ExprKind::conditional: {
      const TfValue condition = evaluate(e.operands.at(0), scope);
      const auto truth = as_bool(condition);
      if (!truth)
        return condition.is_unknown() ? condition : eval_error(where(e, scope) + ": a condition must be a bool, found " + describe(condition));
      return evaluate(e.operands.at(*truth ? 1 : 2), scope);
    }
    case ExprKind::unary_op: {
      const TfValue operand = evaluate(e.operands.at(0), scope);
      if (operand.is_unknown()) return operand;
      if (e.text == "!") {
        const auto truth = as_bool(operand);
        return truth ? TfValue::of_bool(!*truth) : eval_error(where(e, scope) + ": ! needs a bool");
      }
      const auto n = as_number(operand);
      return n ? TfValue::of_number(-*n) : eval_error(where(e, scope) + ": - needs a number");
    }
    case ExprKind::binary_op: return binary(e, scope);
    case ExprKind::for_expr: return for_expression(e, scope);
    case ExprKind::parenthesized: return evaluate(e.operands.at(0), scope);
  }
  return eval_error(where(e, scope) + ": an expression trailguard does not know");
}

}  // namespace trailguard::sources::terraform
