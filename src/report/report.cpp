#include "report/report.hpp"

#include <algorithm>

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

int severity_rank(control::Status status) {
  switch (status) {
    case control::Status::fail: return 0;
    case control::Status::error: return 1;
    case control::Status::pass: return 2;
    case control::Status::skipped: return 3;
  }
  return 1;
}

std::vector<const control::Evaluation*> accounts_worst_first(const Report& report) {
  std::vector<const control::Evaluation*> order;
  order.reserve(report.accounts.size());
  for (const auto& e : report.accounts) order.push_back(&e);
  std::stable_sort(order.begin(), order.end(), [](const control::Evaluation* a, const control::Evaluation* b) {
    const auto& x = a->verdict;
    const auto& y = b->verdict;
    if (severity_rank(x.status) != severity_rank(y.status)) return severity_rank(x.status) < severity_rank(y.status);
    return x.failed + x.errors > y.failed + y.errors;
  });
  return order;
}

}  // namespace trailguard::report
