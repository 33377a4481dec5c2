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

EventSelectors cloudtrail_default_selectors(const std::string& source) {
  EventSelectors selectors;
  BasicEventSelector all;
  all.read_write_type = Known<ReadWriteType>::defaulted(ReadWriteType::all, source);
  all.include_management_events = Known<bool>::defaulted(true, source);
  selectors.basic.push_back(std::move(all));
  selectors.source = source;
  return selectors;
}

}  // namespace trailguard::model
