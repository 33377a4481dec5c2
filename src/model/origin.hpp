// Known<T>: a value that remembers whether the source stated it, a default filled it in,
// or nobody knows it, and where it came from. The evaluator treats "unknown" as ERROR, never as PASS.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace trailguard::model {

enum class Provenance { explicit_value, defaulted, unknown };

// Where a fact came from: "describe-trails.json: trailList[0].IsMultiRegionTrail",
// "CloudTrail DescribeTrails in us-east-1", "main.tf:12".
struct Origin {
  Provenance provenance = Provenance::unknown;
  std::string source;
};

template <class T>
struct Known {
  std::optional<T> value;
  Origin origin;

  static Known stated(T v, std::string source) { return {std::move(v), {Provenance::explicit_value, std::move(source)}}; }
  static Known defaulted(T v, std::string source) { return {std::move(v), {Provenance::defaulted, std::move(source)}}; }
  static Known unknown(std::string source) { return {std::nullopt, {Provenance::unknown, std::move(source)}}; }

  bool known() const { return value.has_value(); }
  // True only when the value is known and equal to `expected`.
  bool is(const T& expected) const { return value.has_value() && *value == expected; }
};

}  // namespace trailguard::model
