#include "model/log_activity.hpp"

namespace trailguard::model {

std::string_view log_measure_name(LogMeasure measure) {
  switch (measure) {
    case LogMeasure::events: return "events";
    case LogMeasure::read: return "read";
    case LogMeasure::write: return "write";
    case LogMeasure::read_write_unknown: return "read_write_unknown";
    case LogMeasure::management: return "management";
    case LogMeasure::data: return "data";
    case LogMeasure::category_unknown: return "category_unknown";
    case LogMeasure::errors: return "error_events";
    case LogMeasure::global_service: return "global_service_events";
    case LogMeasure::insight: return "insight_events";
  }
  return "?";
}

std::string_view digest_problem_name(DigestProblemKind kind) {
  switch (kind) {
    case DigestProblemKind::missing_digest: return "missing_digest";
    case DigestProblemKind::broken_chain: return "broken_chain";
    case DigestProblemKind::bad_signature: return "bad_signature";
    case DigestProblemKind::unknown_key: return "unknown_key";
    case DigestProblemKind::hash_mismatch: return "hash_mismatch";
    case DigestProblemKind::missing_log_file: return "missing_log_file";
    case DigestProblemKind::unlisted_log_file: return "unlisted_log_file";
    case DigestProblemKind::malformed_digest: return "malformed_digest";
    case DigestProblemKind::moved_digest: return "moved_digest";
  }
  return "?";
}

}  // namespace trailguard::model
