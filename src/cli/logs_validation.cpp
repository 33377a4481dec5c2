#include "cli/logs_validation.hpp"

#include "base/file.hpp"

namespace trailguard::cli {

Result<std::optional<LogsValidation>> prepare_validation(const LogsOptions& options,
                                                         const sources::logs::LogSelection& selection) {
  const auto usage = [](std::string message) { return Error{ErrorKind::invalid_argument, std::move(message), "", "usage"}; };
  if (!options.validate) {
    if (!options.public_keys.empty()) return usage("--public-keys is for --validate: add --validate");
    return std::optional<LogsValidation>();
  }
  LogsValidation validation;
  validation.validator = std::make_unique<sources::logs::DigestValidator>(selection);
  if (options.public_keys.empty()) {
    for (const auto& source : options.sources)
      if (source.rfind("s3://", 0) != 0)
        return usage("--validate of the local source " + source +
                     " needs --public-keys FILE (the JSON of `aws cloudtrail list-public-keys`): offline, trailguard cannot "
                     "ask CloudTrail for the keys digests are signed with");
    return std::optional<LogsValidation>(std::move(validation));
  }
  auto text = read_file(options.public_keys);
  if (!text) return usage("--public-keys: " + text.error().describe());
  auto page = sources::logs::parse_public_keys(*text, options.public_keys);
  if (!page) return usage("--public-keys: " + page.error().describe());
  if (page->keys.empty()) return usage("--public-keys: " + options.public_keys + " holds no public key");
  for (auto& key : page->keys) validation.keys.add(std::move(key));
  validation.keys_from_file = true;
  return std::optional<LogsValidation>(std::move(validation));
}

void finish_validation(LogsValidation& validation, AwsSession* session, model::LogActivity& activity) {
  if (!validation.keys_from_file && session) {
    for (const auto& window : validation.validator->key_windows()) {
      // A key in use at the window's edges may have been issued an hour before the first digest.
      auto keys = sources::logs::fetch_public_keys(*session->client, window.region, window.start - 3600, window.end);
      if (!keys) {
        activity.errors.push_back({"cloudtrail ListPublicKeys in " + window.region, keys.error().message});
        continue;
      }
      for (auto& key : *keys) validation.keys.add(std::move(key));
    }
  }
  activity.validation = validation.validator->finish(activity.errors, validation.keys);
}

}  // namespace trailguard::cli
