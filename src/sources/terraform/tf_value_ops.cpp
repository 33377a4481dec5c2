#include "sources/terraform/tf_value_ops.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace trailguard::sources::terraform {

namespace {
constexpr std::string_view kErrorPrefix = "error: ";
}

TfValue eval_error(std::string message) { return TfValue::unknown(std::string(kErrorPrefix) + std::move(message)); }

bool is_eval_error(const TfValue& value) {
  return value.is_unknown() && value.string.compare(0, kErrorPrefix.size(), kErrorPrefix) == 0;
}

const TfValue* find_unknown(const TfValue& value) {
  if (value.is_unknown()) return &value;
  for (const auto& item : value.items)
    if (const auto* found = find_unknown(item)) return found;
  for (const auto& [key, field] : value.fields)
    if (const auto* found = find_unknown(field)) return found;
  return nullptr;
}

std::string number_text(double number) {
  if (std::isfinite(number) && std::floor(number) == number && std::fabs(number) < 1e15) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.0f", number);
    return buffer;
  }
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.15g", number);
  return buffer;
}

std::optional<std::string> as_text(const TfValue& value) {
  switch (value.kind) {
    case TfValue::Kind::string: return value.string;
    case TfValue::Kind::number: return number_text(value.number);
    case TfValue::Kind::boolean: return std::string(value.boolean ? "true" : "false");
    default: return std::nullopt;
  }
}

std::optional<double> as_number(const TfValue& value) {
  if (value.kind == TfValue::Kind::number) return value.number;
  if (value.kind != TfValue::Kind::string || value.string.empty()) return std::nullopt;
  const char* begin = value.string.c_str();
  char* end = nullptr;
  const double parsed = std::strtod(begin, &end);
  if (end != begin + value.string.size() || !std::isfinite(parsed)) return std::nullopt;
  return parsed;
}

std::optional<bool> as_bool(const TfValue& value) {
  if (value.kind == TfValue::Kind::boolean) return value.boolean;
  if (value.kind == TfValue::Kind::string) {
    if (value.string == "true") return true;
    if (value.string == "false") return false;
  }
  return std::nullopt;
}

std::optional<bool> values_equal(const TfValue& left, const TfValue& right) {
  if (left.is_unknown() || right.is_unknown()) return std::nullopt;
  if (left.kind != right.kind) return false;  // Terraform: 1 == "1" is false
  switch (left.kind) {
    case TfValue::Kind::null: return true;
    case TfValue::Kind::boolean: return left.boolean == right.boolean;
    case TfValue::Kind::number: return left.number == right.number;
    case TfValue::Kind::string: return left.string == right.string;
    case TfValue::Kind::list: {
      if (left.items.size() != right.items.size()) return false;
      bool unknown = false;
      for (std::size_t i = 0; i < left.items.size(); ++i) {
        const auto same = values_equal(left.items[i], right.items[i]);
        if (!same) unknown = true;
        else if (!*same) return false;
      }
      if (unknown) return std::nullopt;
      return true;
    }
    case TfValue::Kind::object: {
      if (left.fields.size() != right.fields.size()) return false;
      bool unknown = false;
      for (const auto& [key, value] : left.fields) {
        const auto* other = right.field(key);
        if (!other) return false;
        const auto same = values_equal(value, *other);
        if (!same) unknown = true;
        else if (!*same) return false;
      }
      if (unknown) return std::nullopt;
      return true;
    }
    case TfValue::Kind::unknown: break;
  }
  return std::nullopt;
}

std::string describe(const TfValue& value) {
  switch (value.kind) {
    case TfValue::Kind::null: return "null";
    case TfValue::Kind::unknown: return "unknown (" + value.string + ")";
    case TfValue::Kind::boolean: return value.boolean ? "bool true" : "bool false";
    case TfValue::Kind::number: return "number " + number_text(value.number);
    case TfValue::Kind::string: return "string \"" + value.string + "\"";
    case TfValue::Kind::list: return "list of " + std::to_string(value.items.size());
    case TfValue::Kind::object: {
      std::string keys;
      for (const auto& [key, field] : value.fields) keys += (keys.empty() ? "" : ", ") + key;
      return "object {" + keys + "}";
    }
  }
  return "value";
}

TfValue convert_to_type(const TfValue& value, std::string_view type, std::string_view what) {
  if (value.is_unknown() || value.is_null()) return value;
  if (type == "string") {
    if (auto text = as_text(value)) return TfValue::of_string(*text, value.origin);
    return eval_error(std::string(what) + ": a string is required, found " + describe(value));
  }
  if (type == "number") {
    if (auto number = as_number(value)) return TfValue::of_number(*number, value.origin);
    return eval_error(std::string(what) + ": a number is required, found " + describe(value));
  }
  if (type == "bool") {
    if (auto boolean = as_bool(value)) return TfValue::of_bool(*boolean, value.origin);
    return eval_error(std::string(what) + ": a bool is required, found " + describe(value));
  }
  return value;
}

TfValue sorted_object(const TfValue& object) {
  TfValue sorted = object;
  std::stable_sort(sorted.fields.begin(), sorted.fields.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  return sorted;
}

std::vector<std::pair<TfValue, TfValue>> iteration_pairs(const TfValue& collection) {
  std::vector<std::pair<TfValue, TfValue>> pairs;
  if (collection.kind == TfValue::Kind::list)
    for (std::size_t i = 0; i < collection.items.size(); ++i)
      pairs.emplace_back(TfValue::of_number(static_cast<double>(i)), collection.items[i]);
  else
    for (const auto& [key, value] : sorted_object(collection).fields) pairs.emplace_back(TfValue::of_string(key), value);
  return pairs;
}

}  // namespace trailguard::sources::terraform
