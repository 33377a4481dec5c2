// TfValue: a Terraform value as the HCL evaluator computes it and as a plan's JSON states it, so both
// feed the one mapping of aws_cloudtrail attributes (aws_cloudtrail_attributes.hpp).
// A value may be unknown (a variable without a value, another resource's attribute, a plan's
// after_unknown), and unknown-ness is kept, never guessed.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace trailguard::sources::terraform {

struct TfValue {
  enum class Kind { null, unknown, boolean, number, string, list, object };

  Kind kind = Kind::null;
  bool boolean = false;
  double number = 0;
  std::string string;                                 // Kind::string; for Kind::unknown, why it is unknown
  std::vector<TfValue> items;                         // Kind::list (lists, tuples and sets)
  std::vector<std::pair<std::string, TfValue>> fields;  // Kind::object (objects and maps), in written order
  // Where the value was written ("main.tf:12:5", "plan.json: resource_changes[3].change.after"), for messages.
  std::string origin;

  static TfValue null_value(std::string origin = {}) { return {Kind::null, false, 0, {}, {}, {}, std::move(origin)}; }
  static TfValue unknown(std::string why, std::string origin = {}) {
    return {Kind::unknown, false, 0, std::move(why), {}, {}, std::move(origin)};
  }
  static TfValue of_bool(bool b, std::string origin = {}) { return {Kind::boolean, b, 0, {}, {}, {}, std::move(origin)}; }
  static TfValue of_number(double n, std::string origin = {}) { return {Kind::number, false, n, {}, {}, {}, std::move(origin)}; }
  static TfValue of_string(std::string s, std::string origin = {}) {
    return {Kind::string, false, 0, std::move(s), {}, {}, std::move(origin)};
  }
  static TfValue list(std::vector<TfValue> items, std::string origin = {}) {
    return {Kind::list, false, 0, {}, std::move(items), {}, std::move(origin)};
  }
  static TfValue object(std::vector<std::pair<std::string, TfValue>> fields, std::string origin = {}) {
    return {Kind::object, false, 0, {}, {}, std::move(fields), std::move(origin)};
  }

  bool is_unknown() const { return kind == Kind::unknown; }
  bool is_null() const { return kind == Kind::null; }
  // The field's value, or nullptr when absent (Kind::object only; nullptr for any other kind).
  const TfValue* field(std::string_view name) const {
    if (kind != Kind::object) return nullptr;
    for (const auto& [key, value] : fields)
      if (key == name) return &value;
    return nullptr;
  }
};

}  // namespace trailguard::sources::terraform
