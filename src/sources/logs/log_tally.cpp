#include "sources/logs/log_tally.hpp"

#include <algorithm>

#include "base/log.hpp"
#include "model/log_events.hpp"
#include "sources/logs/flat_id_set.hpp"

namespace trailguard::sources::logs {

struct LogTally::Stream {
  model::RegionDelivery delivery;
  std::map<std::int64_t, FlatIdSet> seen_by_day;  // by the day in the file's name
  std::uint64_t files_tallied = 0;
  std::optional<std::uint64_t> files_listed;
  bool retired = false;    // every listed file is tallied: its ids are kept only for a revisit, within the budget
  bool forgotten = false;  // its ids were dropped to stay within the budget
  std::size_t retired_bytes = 0;

  std::size_t id_bytes() const {
    std::size_t bytes = 0;
    for (const auto& [day, ids] : seen_by_day) bytes += ids.bytes();
    return bytes;
  }

  // Two trails deliver the same event within minutes of each other, so a duplicate is looked for among
  // files of the same day and the days beside it.
  bool first_time(std::uint64_t id, std::int64_t day) {
    for (const auto near : {day - 1, day + 1}) {
      const auto it = seen_by_day.find(near);
      if (it != seen_by_day.end() && it->second.contains(id)) return false;
    }
    return seen_by_day[day].insert(id);
  }
};

struct LogTally::EventRegion {
  std::uint64_t events = 0;
  bool keep_activity = true;
  std::unordered_map<std::string, model::ActivityGroup> groups;
};

LogTally::LogTally(TallyOptions options) : options_(std::move(options)) {}
LogTally::~LogTally() = default;

LogTally::Stream& LogTally::stream(const LogObjectName& name) {
  auto& slot = streams_[{name.account_id, name.region}];
  if (!slot) {
    slot = std::make_unique<Stream>();
    slot->delivery.account_id = name.account_id;
    slot->delivery.region = name.region;
  }
  return *slot;
}

namespace {
using model::LogMeasure;
void count(model::LogMeasures& measures, LogMeasure measure) { ++measures[static_cast<std::size_t>(measure)]; }

std::string group_key(const EventRecord& event) {
  std::string key;
  key.reserve(event.principal.size() + event.event_source.size() + event.event_name.size() + event.source_ip.size() +
              event.error_code.size() + 5);
  for (const auto part : {event.principal, event.event_source, event.event_name, event.source_ip, event.error_code}) {
    key += part;
    key += '\x1f';
  }
  return key;
}
}  // namespace

void LogTally::tally_event(const LogObject& object, Stream& stream, const EventRecord& event, EventRegion*& region_cache,
                           std::string_view& region_cache_key) {
  auto& delivery = stream.delivery;
  auto& measures = delivery.measures;
  count(measures, LogMeasure::events);
  count(measures, event.read_only == Tri::yes  ? LogMeasure::read
                  : event.read_only == Tri::no ? LogMeasure::write
                                               : LogMeasure::read_write_unknown);
  count(measures, event.management == Tri::yes  ? LogMeasure::management
                  : event.management == Tri::no ? LogMeasure::data
                                                 : LogMeasure::category_unknown);
  if (!event.error_code.empty()) count(measures, LogMeasure::errors);
  if (model::is_global_service(event.event_source)) count(measures, LogMeasure::global_service);
  if (!delivery.first_event || event.time < *delivery.first_event) delivery.first_event = event.time;
  if (!delivery.last_event || event.time > *delivery.last_event) delivery.last_event = event.time;
  ++delivery.events_by_day[day_of(event.time)];

  if (region_cache == nullptr || region_cache_key != event.aws_region) {
    auto& slot = event_regions_[{object.name.account_id, std::string(event.aws_region)}];
    if (!slot) {
      slot = std::make_unique<EventRegion>();
      slot->keep_activity = options_.expected_regions.empty() || !options_.expected_regions.count(std::string(event.aws_region));
    }
    region_cache = slot.get();
    region_cache_key = event.aws_region;
  }
  auto& where = *region_cache;
  ++where.events;
  // Without expected regions, a region past the quiet limit can never be quiet: its groups are let go.
  if (where.keep_activity && options_.expected_regions.empty() && where.events > model::quiet_region_event_limit) {
    where.keep_activity = false;
    where.groups.clear();
  }
  if (where.keep_activity) {
    auto& group = where.groups[group_key(event)];
    if (group.count++ == 0) {
      group.account_id = object.name.account_id;
      group.region = std::string(event.aws_region);
      group.principal = std::string(event.principal);
      group.event_source = std::string(event.event_source);
      group.event_name = std::string(event.event_name);
      group.source_ip = std::string(event.source_ip);
      group.error_code = std::string(event.error_code);
      group.by_aws_service = event.identity_type.empty() || event.identity_type == "AWSService";
      group.first_time = group.last_time = event.time;
    }
    group.first_time = std::min(group.first_time, event.time);
    group.last_time = std::max(group.last_time, event.time);
  }

  const auto change = model::logging_change_kind(event.event_source, event.event_name);
  if (change != model::LoggingChangeKind::none) {
    std::string target;
    if (change == model::LoggingChangeKind::trail) {
      target = string_member(event.request_parameters, "name");
      if (target.empty()) target = string_member(event.request_parameters, "trailName");
    } else {
      target = string_member(event.request_parameters, "bucketName");
    }
    logging_changes_.push_back({object.name.account_id, std::string(event.aws_region), std::string(event.event_source),
                                std::string(event.event_name), std::move(target), std::string(event.principal),
                                std::string(event.source_ip), event.time, std::string(event.error_code),
                                std::string(event.event_id)});
  }
  // A trail's own creation or update names the bucket its logs go to.
  if (event.event_source == "cloudtrail.amazonaws.com" && (event.event_name == "CreateTrail" || event.event_name == "UpdateTrail") &&
      event.error_code.empty()) {
    auto bucket = string_member(event.request_parameters, "s3BucketName");
    if (!bucket.empty()) log_buckets_.insert(std::move(bucket));
  }
}

void LogTally::add_log_file(const LogObject& object, const std::string& described_as, const FileRecords& records) {
  std::lock_guard lock(mutex_);
  ++totals_.files_read;
  totals_.records += records.events.size() + records.malformed_records;
  auto& stream = this->stream(object.name);
  reopen(stream);
  auto& delivery = stream.delivery;
  ++delivery.log_files;
  delivery.log_hours.insert(hour_of(object.name.time));
  const auto day = day_of(object.name.time);
  EventRegion* region_cache = nullptr;
  std::string_view region_cache_key;
  for (const auto& event : records.events) {
    if ((options_.since && event.time < *options_.since) || (options_.until && event.time >= *options_.until)) {
      ++totals_.records_outside_window;
      continue;
    }
    if (!stream.first_time(event.id_hash, day)) {
      ++delivery.duplicates_dropped;
      ++totals_.duplicates_dropped;
      continue;
    }
    tally_event(object, stream, event, region_cache, region_cache_key);
  }
  if (records.malformed_records > 0)
    errors_.push_back({described_as, std::to_string(records.malformed_records) + " malformed record(s), first " + records.first_malformed});
  ++stream.files_tallied;
  // Dedupe state is retired when the listing has moved past the stream (stream_listed), never by the newest
  // day tallied: with several workers an older file of the stream may still be in flight.
  if (stream.files_listed && stream.files_tallied >= *stream.files_listed) retire(stream);
}

void LogTally::reopen(Stream& stream) {
  if (stream.retired) {
    stream.retired = false;
    retired_bytes_ -= stream.retired_bytes;
    stream.retired_bytes = 0;
  }
  if (stream.forgotten) {
    stream.forgotten = false;
    log_warning("logs: " + stream.delivery.account_id + " " + stream.delivery.region +
                " is delivered under more than one prefix or source, and the event ids read before were forgotten "
                "to keep memory bounded: an event in both places may count twice");
  }
}

// A stream the listing has passed keeps its ids while the retired streams' ids fit the budget (the same
// (account, region) may come back under another prefix or source: an organization trail and the account's own
// trail in one bucket, or two copies given together); beyond it the oldest retired stream's ids go.
void LogTally::retire(Stream& stream) {
  if (stream.retired) return;
  stream.retired = true;
  stream.retired_bytes = stream.id_bytes();
  retired_bytes_ += stream.retired_bytes;
  retired_order_.push_back(&stream);
  while (retired_bytes_ > options_.retained_id_bytes && !retired_order_.empty()) {
    auto* oldest = retired_order_.front();
    retired_order_.pop_front();
    if (!oldest->retired || oldest->seen_by_day.empty()) continue;  // reopened since, or already forgotten
    retired_bytes_ -= oldest->retired_bytes;
    oldest->retired_bytes = 0;
    oldest->seen_by_day.clear();
    oldest->forgotten = true;
  }
}

void LogTally::add_digest_file(const LogObject& object, std::string_view digest_bucket) {
  std::lock_guard lock(mutex_);
  ++totals_.files_read;
  auto& delivery = stream(object.name).delivery;
  ++delivery.digest_files;
  delivery.digest_hours.insert(hour_of(object.name.time));
  if (!digest_bucket.empty()) log_buckets_.insert(std::string(digest_bucket));
}

void LogTally::add_insight_file(const LogObject& object, std::uint64_t records) {
  std::lock_guard lock(mutex_);
  ++totals_.files_read;
  auto& delivery = stream(object.name).delivery;
  ++delivery.insight_files;
  delivery.measures[static_cast<std::size_t>(LogMeasure::insight)] += records;
}

void LogTally::add_error(std::string file, std::string error) {
  std::lock_guard lock(mutex_);
  errors_.push_back({std::move(file), std::move(error)});
}

void LogTally::add_bytes(std::uint64_t stored, std::uint64_t inflated) {
  std::lock_guard lock(mutex_);
  totals_.bytes_read += stored;
  totals_.bytes_inflated += inflated;
}

void LogTally::file_listed() {
  std::lock_guard lock(mutex_);
  ++totals_.files_listed;
}

void LogTally::stream_listed(const std::string& account_id, const std::string& region, std::uint64_t log_files) {
  std::lock_guard lock(mutex_);
  const auto it = streams_.find({account_id, region});
  if (it == streams_.end()) return;
  auto& stream = *it->second;
  stream.files_listed = log_files;
  if (stream.files_tallied >= log_files) retire(stream);
}

model::LogActivity LogTally::finish(std::set<std::string> log_buckets) {
  std::lock_guard lock(mutex_);
  model::LogActivity activity;
  activity.since = options_.since;
  activity.until = options_.until;
  for (auto& [key, stream] : streams_) activity.regions.push_back(std::move(stream->delivery));
  for (auto& [key, where] : event_regions_) {
    activity.events_by_event_region[key] = where->events;
    if (!where->keep_activity) continue;
    for (auto& [group_key, group] : where->groups) activity.activity.push_back(std::move(group));
  }
  std::sort(activity.activity.begin(), activity.activity.end(), [](const auto& a, const auto& b) {
    return std::tie(a.account_id, a.region, a.first_time, a.event_name, a.principal, a.source_ip) <
           std::tie(b.account_id, b.region, b.first_time, b.event_name, b.principal, b.source_ip);
  });
  activity.logging_changes = std::move(logging_changes_);
  std::stable_sort(activity.logging_changes.begin(), activity.logging_changes.end(),
                   [](const auto& a, const auto& b) { return std::tie(a.time, a.event_id) < std::tie(b.time, b.event_id); });
  activity.log_buckets = std::move(log_buckets_);
  activity.log_buckets.insert(log_buckets.begin(), log_buckets.end());
  activity.errors = std::move(errors_);
  activity.totals = totals_;
  streams_.clear();
  event_regions_.clear();
  return activity;
}

}  // namespace trailguard::sources::logs
