#include "control/finding.hpp"

namespace trailguard::control {

std::string_view to_string(Status status) {
  switch (status) {
    case Status::pass: return "PASS";
    case Status::fail: return "FAIL";
    case Status::error: return "ERROR";
    case Status::skipped: return "SKIPPED";
  }
  return "ERROR";
}

}  // namespace trailguard::control
