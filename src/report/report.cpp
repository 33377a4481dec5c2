#include "report/report.hpp"

namespace trailguard::report {

Summary summarize(const Report& report) {
  Summary s;
  for (const auto& evaluation : report.accounts) {
    for (const auto& f : evaluation.findings) {
      switch (f.status) {
        case control::Status::pass: ++s.regions_passed; break;
        case control::Status::fail: ++s.regions_failed; break;
        case control::Status::error: ++s.regions_errors; break;
        case control::Status::skipped: ++s.regions_skipped; break;
      }
    }
    switch (evaluation.verdict.status) {
      case control::Status::pass: ++s.accounts_compliant; break;
      case control::Status::fail: ++s.accounts_non_compliant; break;
      case control::Status::skipped: ++s.accounts_skipped; break;
      default: ++s.accounts_incomplete; break;
    }
  }
  if (s.accounts_non_compliant > 0) {
    s.overall = control::Status::fail;
  } else if (s.accounts_incomplete > 0 || s.accounts_compliant == 0) {  // nothing audited is not a pass
    s.overall = control::Status::error;
  } else {
    s.overall = control::Status::pass;
  }
  return s;
}

}  // namespace trailguard::report
