// `logs --validate`: the flags checked and the keys loaded before anything is read, the validator handed to the
// scan, and after it the keys fetched (ListPublicKeys, for s3:// without --public-keys) and the checks run.
#pragma once

#include <memory>
#include <optional>

#include "base/result.hpp"
#include "cli/aws_options.hpp"
#include "cli/logs_options.hpp"
#include "model/log_activity.hpp"
#include "sources/logs/digest_keys.hpp"
#include "sources/logs/digest_validator.hpp"

namespace trailguard::cli {

struct LogsValidation {
  std::unique_ptr<sources::logs::DigestValidator> validator;
  sources::logs::DigestKeys keys;
  bool keys_from_file = false;
};

// nullopt without --validate. Usage errors: --validate of a local source without --public-keys (offline there is
// no ListPublicKeys to ask), --public-keys without --validate, a keys file that cannot be read or parsed.
Result<std::optional<LogsValidation>> prepare_validation(const LogsOptions& options,
                                                         const sources::logs::LogSelection& selection);

// Runs the checks into `activity.validation`. `session` (s3:// sources) fetches the keys when no file gave them;
// a ListPublicKeys that fails is an unreadable input of the run (its digests then have no key).
void finish_validation(LogsValidation& validation, AwsSession* session, model::LogActivity& activity);

}  // namespace trailguard::cli
