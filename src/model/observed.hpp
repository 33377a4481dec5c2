// Observed<T>: the outcome of reading one fact: not read at all, read (a value), or failed (a ReadError).
#pragma once

#include <variant>

#include "model/read_error.hpp"

namespace trailguard::model {

template <class T>
class Observed {
 public:
  Observed() = default;
  Observed(T value) : state_(std::move(value)) {}
  Observed(ReadError error) : state_(std::move(error)) {}

  bool was_read() const { return std::holds_alternative<T>(state_); }
  bool failed() const { return std::holds_alternative<ReadError>(state_); }
  bool not_read() const { return std::holds_alternative<std::monostate>(state_); }

  // Preconditions: was_read() / failed().
  const T& value() const { return std::get<T>(state_); }
  const ReadError& error() const { return std::get<ReadError>(state_); }

 private:
  std::variant<std::monostate, T, ReadError> state_;
};

}  // namespace trailguard::model
