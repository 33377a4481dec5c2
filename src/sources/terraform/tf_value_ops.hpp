// Conversions, comparison and unknown-tracking over TfValue, as Terraform's type system does them
// (a string "true" is a bool where a bool is wanted, numbers print without a trailing ".0").
// Evaluation errors travel as unknown values whose reason starts with "error: ", so try() and can()
// can tell a failed expression from a value that is merely not known before apply.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sources/terraform/tf_value.hpp"

namespace trailguard::sources::terraform {

TfValue eval_error(std::string message);
bool is_eval_error(const TfValue& value);

// The first unknown found anywhere inside `value` (itself included), or nullptr.
const TfValue* find_unknown(const TfValue& value);

std::string number_text(double number);
// A primitive as text (bool "true", number "5"); nullopt for null, unknown, lists and objects.
std::optional<std::string> as_text(const TfValue& value);
std::optional<double> as_number(const TfValue& value);
std::optional<bool> as_bool(const TfValue& value);

// Deep equality; nullopt when either side holds an unknown that decides it.
std::optional<bool> values_equal(const TfValue& left, const TfValue& right);

// A short description for messages: "string \"x\"", "list of 2", "object {a, b}", "unknown (why)".
std::string describe(const TfValue& value);

// A Terraform type keyword applied to a value: "string", "number", "bool"; other types leave it as is.
// A value that cannot convert becomes an error naming `what`.
TfValue convert_to_type(const TfValue& value, std::string_view type, std::string_view what);

// What a for expression, a %{for} or a dynamic block iterates: (index, element) of a list, (key, value) of
// an object in lexical key order. Preconditions: a list or an object.
std::vector<std::pair<TfValue, TfValue>> iteration_pairs(const TfValue& collection);

// Object fields in Terraform's iteration order (lexical by key), e.g. for for_each and for expressions.
TfValue sorted_object(const TfValue& object);

}  // namespace trailguard::sources::terraform
