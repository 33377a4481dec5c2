#include "model/account.hpp"

#include <algorithm>

namespace trailguard::model {
namespace {
template <class T>
void fill_if_unknown(Known<T>& existing, const Known<T>& incoming) {
  if (!existing.known() && incoming.known()) existing = incoming;
}

template <class T>
void fill_if_unread(Observed<T>& existing, const Observed<T>& incoming) {
  // A successful read beats a failed one; a failure beats nothing.
  if (existing.was_read()) return;
  if (incoming.was_read() || (existing.not_read() && incoming.failed())) existing = incoming;
}

void add_unique(std::vector<std::string>& into, const std::vector<std::string>& items) {
  for (const auto& item : items)
    if (std::find(into.begin(), into.end(), item) == into.end()) into.push_back(item);
}
}  // namespace

const Trail* find_trail(const Account& account, std::string_view arn) {
  for (const auto& trail : account.trails)
    if (trail.arn == arn) return &trail;
  return nullptr;
}

Trail* find_trail(Account& account, std::string_view arn) {
  return const_cast<Trail*>(find_trail(static_cast<const Account&>(account), arn));
}

Trail& add_or_merge_trail(Account& account, Trail trail) {
  // A contradiction hides nothing when the trail fails anyway, so the account's notes say it too.
  for (const auto& contradiction : trail.contradictions)
    add_unique(account.notes, {"trail " + trail.arn + " contradicts itself: " + contradiction + "; it cannot pass"});
  Trail* existing = find_trail(account, trail.arn);
  if (existing == nullptr) {
    account.trails.push_back(std::move(trail));
    return account.trails.back();
  }
  add_unique(existing->seen_in_regions, trail.seen_in_regions);
  add_unique(existing->contradictions, trail.contradictions);
  if (existing->name.empty()) existing->name = trail.name;
  if (existing->home_region.empty()) existing->home_region = trail.home_region;
  if (existing->owner_account_id.empty()) existing->owner_account_id = trail.owner_account_id;
  if (existing->s3_bucket.empty()) existing->s3_bucket = trail.s3_bucket;
  if (existing->s3_key_prefix.empty()) existing->s3_key_prefix = trail.s3_key_prefix;
  if (existing->kms_key_id.empty()) existing->kms_key_id = trail.kms_key_id;
  fill_if_unknown(existing->is_multi_region, trail.is_multi_region);
  fill_if_unknown(existing->include_global_service_events, trail.include_global_service_events);
  fill_if_unknown(existing->is_organization_trail, trail.is_organization_trail);
  fill_if_unknown(existing->log_file_validation, trail.log_file_validation);
  fill_if_unread(existing->status, trail.status);
  fill_if_unread(existing->selectors, trail.selectors);
  return *existing;
}

}  // namespace trailguard::model
