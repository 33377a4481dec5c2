#include "model/read_error.hpp"

namespace trailguard::model {

std::string describe(const ReadError& error) {
  std::string out = error.api;
  if (!error.region.empty()) out += " in " + error.region;
  out += " failed";
  if (!error.code.empty()) out += " (" + error.code + ")";
  if (!error.message.empty()) out += ": " + error.message;
  return out;
}

}  // namespace trailguard::model
