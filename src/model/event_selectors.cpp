#include "model/event_selectors.hpp"

namespace trailguard::model {

std::string_view to_string(ReadWriteType type) {
  switch (type) {
    case ReadWriteType::all: return "All";
    case ReadWriteType::read_only: return "ReadOnly";
    case ReadWriteType::write_only: return "WriteOnly";
    case ReadWriteType::unknown: return "unknown";
  }
  return "unknown";
}

}  // namespace trailguard::model
