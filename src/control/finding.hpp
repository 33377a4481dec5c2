// Finding: the verdict for one (account, region), and AccountVerdict for a whole account.
// These are the evaluator's output and the report writers' only input.
#pragma once

#include <string>
#include <vector>

#include "control/reason.hpp"

namespace trailguard::control {

enum class Status { pass, fail, error, skipped };

std::string_view to_string(Status status);  // PASS, FAIL, ERROR, SKIPPED

struct Finding {
  std::string account_id;
  std::string region;
  Status status = Status::error;
  std::vector<Reason> reasons;      // every reason that applies, warnings included; codes unique
  std::vector<std::string> trails;  // ARNs: the covering trail(s) on PASS, the judged candidates otherwise
  std::string message;              // one human sentence
};

struct AccountVerdict {
  std::string account_id;
  std::string account_name;  // empty when the source does not name accounts
  Status status = Status::error;  // PASS only when every enabled region passes; SKIPPED only when not audited
  int passed = 0;
  int failed = 0;
  int errors = 0;
  int skipped = 0;
  std::vector<std::string> notes;  // how the account was read (e.g. regions inferred)
};

struct Evaluation {
  std::vector<Finding> findings;
  AccountVerdict verdict;
};

}  // namespace trailguard::control
