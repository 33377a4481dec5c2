#include "sources/terraform/tf_functions.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "sources/terraform/tf_value_ops.hpp"

namespace trailguard::sources::terraform {

namespace {

using Kind = TfValue::Kind;
using Args = std::vector<TfValue>;

constexpr auto wrong = function_error;

bool arity(const Args& args, std::size_t low, std::size_t high) { return args.size() >= low && args.size() <= high; }

// Functions that look only at the shape of their arguments and may carry unknown elements through.
bool is_structural(std::string_view name) {
  static const std::set<std::string_view> names = {"length", "merge", "concat", "tolist", "keys", "values",
                                                   "element", "flatten", "lookup", "coalesce", "coalescelist",
                                                   "tomap", "slice", "reverse", "one", "zipmap", "compact",
                                                   "sensitive", "nonsensitive"};
  return names.count(name) != 0;
}

TfValue deduplicated(const TfValue& list) {
  Args unique;
  for (const auto& item : list.items) {
    bool seen = false;
    for (const auto& kept : unique)
      if (values_equal(kept, item).value_or(false)) seen = true;
    if (!seen) unique.push_back(item);
  }
  return TfValue::list(std::move(unique));
}

TfValue to_set(const TfValue& value) {
  if (value.kind != Kind::list) return wrong("toset", "a list is required, found " + describe(value));
  TfValue set = deduplicated(value);
  const bool all_strings = std::all_of(set.items.begin(), set.items.end(),
                                       [](const TfValue& v) { return v.kind == Kind::string; });
  if (all_strings)  // Terraform orders a set of strings lexically
    std::sort(set.items.begin(), set.items.end(), [](const TfValue& a, const TfValue& b) { return a.string < b.string; });
  return set;
}

void flatten_into(const TfValue& value, Args& out) {
  for (const auto& item : value.items) {
    if (item.kind == Kind::list) flatten_into(item, out);
    else out.push_back(item);
  }
}

TfValue lookup(const Args& args) {
  if (!arity(args, 2, 3)) return wrong("lookup", "takes a map, a key and an optional default");
  if (args[0].is_unknown()) return args[0];
  if (args[1].is_unknown()) return args[1];
  if (args[0].kind != Kind::object) return wrong("lookup", "a map is required, found " + describe(args[0]));
  const auto key = as_text(args[1]);
  if (!key) return wrong("lookup", "the key must be a string, found " + describe(args[1]));
  if (const auto* found = args[0].field(*key)) return *found;
  if (args.size() == 3) return args[2];
  return wrong("lookup", "the map has no key \"" + *key + "\" and no default was given");
}

TfValue coalesce(const Args& args, bool lists) {
  for (const auto& arg : args) {
    if (arg.is_unknown()) return arg;
    if (arg.is_null()) continue;
    if (lists ? !arg.items.empty() : !(arg.kind == Kind::string && arg.string.empty())) return arg;
  }
  return wrong(lists ? "coalescelist" : "coalesce", "no non-null, non-empty argument");
}

TfValue element(const Args& args) {
  if (args.size() != 2 || args[0].kind != Kind::list) return wrong("element", "takes a list and an index");
  const auto index = as_number(args[1]);
  if (!index || args[0].items.empty()) return wrong("element", "needs a whole index into a non-empty list");
  const auto size = static_cast<long long>(args[0].items.size());
  const auto position = static_cast<long long>(*index) % size;
  return args[0].items[static_cast<std::size_t>(position < 0 ? position + size : position)];
}

TfValue merge(const Args& args) {
  TfValue merged = TfValue::object({});
  for (const auto& arg : args) {
    if (arg.is_null()) continue;
    if (arg.is_unknown()) return arg;
    if (arg.kind != Kind::object) return wrong("merge", "arguments must be maps or objects, found " + describe(arg));
    for (const auto& [key, value] : arg.fields) {
      auto existing = std::find_if(merged.fields.begin(), merged.fields.end(), [&](const auto& f) { return f.first == key; });
      if (existing != merged.fields.end()) existing->second = value;
      else merged.fields.emplace_back(key, value);
    }
  }
  return merged;
}

TfValue range(const Args& args) {
  std::vector<double> numbers;
  for (const auto& arg : args) {
    const auto n = as_number(arg);
    if (!n) return wrong("range", "arguments must be numbers");
    numbers.push_back(*n);
  }
  if (numbers.empty() || numbers.size() > 3) return wrong("range", "takes 1 to 3 numbers");
  const double start = numbers.size() == 1 ? 0 : numbers[0];
  const double end = numbers.size() == 1 ? numbers[0] : numbers[1];
  const double step = numbers.size() == 3 ? numbers[2] : (start <= end ? 1 : -1);
  if (step == 0) return wrong("range", "step must not be 0");
  Args out;
  for (double v = start; (step > 0 ? v < end : v > end) && out.size() < 1024; v += step) out.push_back(TfValue::of_number(v));
  return TfValue::list(std::move(out));
}

TfValue collection_function(std::string_view name, const Args& args) {
  const auto one_list = [&]() { return args.size() == 1 && args[0].kind == Kind::list; };
  if (name == "length") {
    if (args.size() != 1) return wrong(name, "takes one argument");
    const auto& v = args[0];
    if (v.kind == Kind::list) return TfValue::of_number(static_cast<double>(v.items.size()));
    if (v.kind == Kind::object) return TfValue::of_number(static_cast<double>(v.fields.size()));
    if (v.kind == Kind::string) return TfValue::of_number(static_cast<double>(v.string.size()));
    return wrong(name, "cannot take the length of " + describe(v));
  }
  if (name == "sensitive" || name == "nonsensitive") {  // sensitivity does not change the value
    if (args.size() != 1) return wrong(name, "takes one argument");
    return args[0];
  }
  if (name == "lookup") return lookup(args);
  if (name == "coalesce") return coalesce(args, false);
  if (name == "coalescelist") return coalesce(args, true);
  if (name == "merge") return merge(args);
  if (name == "element") return element(args);
  if (name == "range") return range(args);
  if (name == "tolist") {
    if (!one_list()) return wrong(name, "a list or set is required");
    return args[0];
  }
  if (name == "toset") return args.size() == 1 ? to_set(args[0]) : wrong(name, "takes one argument");
  if (name == "tomap") {
    if (args.size() != 1 || args[0].kind != Kind::object) return wrong(name, "an object or map is required");
    return args[0];
  }
  if (name == "concat") {
    Args out;
    for (const auto& arg : args) {
      if (arg.is_unknown()) return arg;
      if (arg.kind != Kind::list) return wrong(name, "arguments must be lists, found " + describe(arg));
      out.insert(out.end(), arg.items.begin(), arg.items.end());
    }
    return TfValue::list(std::move(out));
  }
  if (name == "compact") {
    if (!one_list()) return wrong(name, "a list of strings is required");
    Args out;
    for (const auto& item : args[0].items) {
      if (item.is_unknown()) return item;
      if (!item.is_null() && !(item.kind == Kind::string && item.string.empty())) out.push_back(item);
    }
    return TfValue::list(std::move(out));
  }
  if (name == "contains") {
    if (args.size() != 2 || args[0].kind != Kind::list) return wrong(name, "takes a list and a value");
    for (const auto& item : args[0].items)
      if (values_equal(item, args[1]).value_or(false)) return TfValue::of_bool(true);
    return TfValue::of_bool(false);
  }
  if (name == "keys" || name == "values") {
    if (args.size() != 1 || args[0].kind != Kind::object) return wrong(name, "a map or object is required");
    Args out;
    for (const auto& [key, value] : sorted_object(args[0]).fields)
      out.push_back(name == "keys" ? TfValue::of_string(key) : value);
    return TfValue::list(std::move(out));
  }
  if (name == "flatten") {
    if (!one_list()) return wrong(name, "a list is required");
    Args out;
    flatten_into(args[0], out);
    return TfValue::list(std::move(out));
  }
  if (name == "distinct") return one_list() ? deduplicated(args[0]) : wrong(name, "a list is required");
  if (name == "reverse") {
    if (!one_list()) return wrong(name, "a list is required");
    Args out(args[0].items.rbegin(), args[0].items.rend());
    return TfValue::list(std::move(out));
  }
  if (name == "one") {
    if (!one_list() || args[0].items.size() > 1) return wrong(name, "a list of zero or one element is required");
    return args[0].items.empty() ? TfValue::null_value() : args[0].items[0];
  }
  if (name == "sort") {
    if (!one_list()) return wrong(name, "a list of strings is required");
    Args out = args[0].items;
    std::sort(out.begin(), out.end(), [](const TfValue& a, const TfValue& b) { return as_text(a) < as_text(b); });
    return TfValue::list(std::move(out));
  }
  if (name == "slice") {
    if (args.size() != 3 || args[0].kind != Kind::list) return wrong(name, "takes a list, a start and an end");
    const auto from = as_number(args[1]), to = as_number(args[2]);
    if (!from || !to || *from < 0 || *to < *from || *to > static_cast<double>(args[0].items.size()))
      return wrong(name, "indices out of range");
    Args out(args[0].items.begin() + static_cast<long>(*from), args[0].items.begin() + static_cast<long>(*to));
    return TfValue::list(std::move(out));
  }
  if (name == "zipmap") {
    if (args.size() != 2 || args[0].kind != Kind::list || args[1].kind != Kind::list ||
        args[0].items.size() != args[1].items.size())
      return wrong(name, "takes two lists of the same length");
    TfValue out = TfValue::object({});
    for (std::size_t i = 0; i < args[0].items.size(); ++i) {
      const auto key = as_text(args[0].items[i]);
      if (!key) return wrong(name, "keys must be strings");
      out.fields.emplace_back(*key, args[1].items[i]);
    }
    return out;
  }
  if (name == "min" || name == "max") {
    if (args.empty()) return wrong(name, "needs at least one number");
    double best = name == "min" ? INFINITY : -INFINITY;
    for (const auto& arg : args) {
      const auto n = as_number(arg);
      if (!n) return wrong(name, "arguments must be numbers");
      best = name == "min" ? std::min(best, *n) : std::max(best, *n);
    }
    return TfValue::of_number(best);
  }
  if (name == "abs" || name == "ceil" || name == "floor") {
    const auto n = args.size() == 1 ? as_number(args[0]) : std::nullopt;
    if (!n) return wrong(name, "takes one number");
    return TfValue::of_number(name == "abs" ? std::fabs(*n) : name == "ceil" ? std::ceil(*n) : std::floor(*n));
  }
  if (name == "tobool") {
    if (args.size() != 1) return wrong(name, "takes one argument");
    return args[0].is_null() ? args[0] : convert_to_type(args[0], "bool", "tobool()");
  }
  if (name == "tonumber") {
    if (args.size() != 1) return wrong(name, "takes one argument");
    return args[0].is_null() ? args[0] : convert_to_type(args[0], "number", "tonumber()");
  }
  if (name == "tostring") {
    if (args.size() != 1) return wrong(name, "takes one argument");
    return args[0].is_null() ? args[0] : convert_to_type(args[0], "string", "tostring()");
  }
  if (name == "jsonencode") {
    if (args.size() != 1) return wrong(name, "takes one argument");
    return TfValue::of_string(json_text(args[0]));
  }
  return TfValue::unknown("function " + std::string(name) + "() is not evaluated by trailguard");
}

void json_string(const std::string& text, std::string& out) {
  out += '"';
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '<': out += "\\u003c"; break;  // Terraform escapes these as Go's encoding/json does
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c));
          out += buffer;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void json_into(const TfValue& value, std::string& out) {
  switch (value.kind) {
    case Kind::null: case Kind::unknown: out += "null"; break;
    case Kind::boolean: out += value.boolean ? "true" : "false"; break;
    case Kind::number: out += number_text(value.number); break;
    case Kind::string: json_string(value.string, out); break;
    case Kind::list:
      out += '[';
      for (std::size_t i = 0; i < value.items.size(); ++i) {
        if (i) out += ',';
        json_into(value.items[i], out);
      }
      out += ']';
      break;
    case Kind::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, field] : sorted_object(value).fields) {
        if (!first) out += ',';
        first = false;
        json_string(key, out);
        out += ':';
        json_into(field, out);
      }
      out += '}';
      break;
    }
  }
}

}  // namespace

TfValue function_error(std::string_view name, const std::string& what) {
  return eval_error(std::string(name) + "(): " + what);
}

std::string json_text(const TfValue& value) {
  std::string out;
  json_into(value, out);
  return out;
}

TfValue call_function(std::string_view name, const std::vector<TfValue>& args) {
  for (const auto& arg : args) {
    if (is_eval_error(arg)) return arg;
    const TfValue* unknown = is_structural(name) ? (arg.is_unknown() ? &arg : nullptr) : find_unknown(arg);
    if (unknown) return *unknown;
  }
  TfValue result;
  if (call_string_function(name, args, result)) return result;
  return collection_function(name, args);
}

}  // namespace trailguard::sources::terraform
