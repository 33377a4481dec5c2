#include "control/delivery_judgement.hpp"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "base/utc_time.hpp"
#include "control/trail_judgement.hpp"

namespace trailguard::control {
namespace {

enum class Delivery { delivering, stopped, unproven };

struct TrailFinding {
  Delivery delivery = Delivery::unproven;
  std::string text;
};

std::string trail_words(const model::Account& account, const std::string& arn) {
  const auto* trail = model::find_trail(account, arn);
  return trail != nullptr ? describe_trail(*trail) : "trail " + arn;
}

// `covering`: the finding's first trail, which its message already names.
TrailFinding judge_trail_delivery(const model::Account& account, const model::DeliveryProof& proof, const std::string& arn,
                                  const std::string& region, bool covering) {
  const auto who = trail_words(account, arn);
  const auto window = describe_window(proof.window_end - proof.window_start);
  const auto* record = model::find_delivery(proof, arn);
  if (record == nullptr) return {Delivery::unproven, who + ": its bucket was not looked at"};
  const auto where = "s3://" + record->bucket + "/" + record->digest_prefix + region + "/";
  switch (record->gap) {
    case model::DeliveryGap::validation_off:
      return {Delivery::unproven, who + " has no log file validation: CloudTrail writes no digest files, so its delivery in " +
                                      region + " cannot be proven (enable it, or read the log files with trailguard logs)"};
    case model::DeliveryGap::bucket_unreadable:
      return {Delivery::unproven, who + ": bucket " + record->bucket + " could not be read (" +
                                      (record->error ? model::describe(*record->error) : std::string("no reason given")) +
                                      "; --logs-profile names a profile that may read it)"};
    case model::DeliveryGap::bucket_missing:
      return {Delivery::stopped, who + " delivers to bucket " + record->bucket + ", which does not exist (" +
                                     (record->error ? model::describe(*record->error) : std::string("NoSuchBucket")) + ")"};
    case model::DeliveryGap::none: break;
  }
  const auto* digests = model::find_region(*record, region);
  if (digests == nullptr) return {Delivery::unproven, who + ": " + where + " was not listed"};
  if (digests->error)
    return {Delivery::unproven, who + ": " + where + " could not be listed (" + model::describe(*digests->error) +
                                    "; --logs-profile names a profile that may read it)"};
  std::int64_t count = 0, newest = 0;
  bool any = false;
  for (const auto t : digests->digest_times) {
    if (!any || t > newest) newest = t;
    any = true;
    if (t >= proof.window_start) ++count;
  }
  if (count > 0)
    return {Delivery::delivering, fmt::format("delivery proven: {} digest file{}{} in the last {}, the newest {}", count,
                                              count == 1 ? "" : "s", covering ? "" : " of " + who, window, format_utc_time(newest))};
  return {Delivery::stopped,
          fmt::format("{} delivered no digest file for {} in the last {} (since {}; {}): its delivery has stopped", who, region,
                      window, format_utc_time(proof.window_start),
                      any ? "the newest under " + where + " is " + format_utc_time(newest) : "none under " + where)};
}

std::string capitalised(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

}  // namespace

std::string describe_window(std::int64_t seconds) {
  if (seconds > 0 && seconds % 86400 == 0 && seconds / 86400 > 1) return fmt::format("{}d", seconds / 86400);
  if (seconds > 0 && seconds % 3600 == 0) return fmt::format("{}h", seconds / 3600);
  if (seconds > 0 && seconds % 60 == 0) return fmt::format("{}m", seconds / 60);
  return fmt::format("{}s", seconds);
}

void judge_delivery(Finding& finding, const model::Account& account) {
  if (!account.delivery) {
    const Reason reason{ReasonCode::delivery_unproven, "delivery was not looked at (no delivery proof was gathered)"};
    finding.reasons.push_back(reason);
    finding.message += "; " + reason.text;
    return;
  }
  std::vector<TrailFinding> judged;
  for (const auto& arn : finding.trails)
    judged.push_back(judge_trail_delivery(account, *account.delivery, arn, finding.region, arn == finding.trails.front()));

  const auto delivering = std::find_if(judged.begin(), judged.end(), [](const auto& j) { return j.delivery == Delivery::delivering; });
  if (delivering != judged.end()) {
    finding.message += "; " + delivering->text;
    return;
  }
  const bool all_stopped =
      !judged.empty() && std::all_of(judged.begin(), judged.end(), [](const auto& j) { return j.delivery == Delivery::stopped; });
  std::string text;
  for (const auto& j : judged) text += (text.empty() ? "" : "; ") + j.text;
  if (all_stopped) {
    // The configuration passes, but nothing reaches the bucket: the region is not recorded.
    finding.status = Status::fail;
    // Its warnings stay after the failure: a LatestDeliveryError often says why.
    finding.reasons.insert(finding.reasons.begin(), {ReasonCode::not_delivering, text});
    finding.message = capitalised(text);
    return;
  }
  if (judged.empty()) text = "no passing trail to look for digest files of";
  finding.reasons.push_back({ReasonCode::delivery_unproven, text});
  finding.message += "; delivery unproven: " + text;
}

}  // namespace trailguard::control
