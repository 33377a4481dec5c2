// ReadError: a fact we tried to read and could not. It is data, not an exception:
// the evaluator turns it into ERROR findings so that nothing unread can pass.
#pragma once

#include <string>

namespace trailguard::model {

struct ReadError {
  std::string api;      // "DescribeTrails", "GetEventSelectors", or the evidence file name
  std::string region;   // where it was called; empty when not region-bound
  std::string code;     // AWS error code (AccessDenied, ThrottlingException) or a trailguard code
  std::string message;  // the explanation, naming the input
};

// "DescribeTrails in eu-west-1 failed (AccessDeniedException): ..." for messages.
std::string describe(const ReadError& error);

}  // namespace trailguard::model
