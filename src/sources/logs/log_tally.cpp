#include "sources/logs/log_tally.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "base/log.hpp"
#include "model/log_events.hpp"
#include "sources/logs/flat_id_set.hpp"

namespace trailguard::sources::logs {

struct LogTally::Stream {
  model::RegionDelivery delivery;  // its measures, days and first/last events come from the shards in finish()
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

  // Two trails deliver the same event within minutes of each other, so a duplicate is looked for among files of
  // the same day and the days beside it: the three sets are found once per file.
  struct DaySets {
    const FlatIdSet* before;
    const FlatIdSet* after;
    FlatIdSet* same;
    bool first_time(std::uint64_t id) const {
      if ((before && before->contains(id)) || (after && after->contains(id))) return false;
      return same->insert(id);
    }
  };
  DaySets day_sets(std::int64_t day) {
    const auto find = [&](std::int64_t near) -> const FlatIdSet* {
      const auto it = seen_by_day.find(near);
      return it == seen_by_day.end() ? nullptr : &it->second;
    };
    return {find(day - 1), find(day + 1), &seen_by_day[day]};
  }
};

namespace {

using model::LogMeasure;
void count(model::LogMeasures& measures, LogMeasure measure) { ++measures[static_cast<std::size_t>(measure)]; }

// One stream's counts within one shard.
struct StreamCounts {
  model::LogMeasures measures{};
  std::optional<std::int64_t> first_event, last_event;
  std::map<std::int64_t, std::uint64_t> events_by_day;
};

// An activity group while it is counted: its key (group_key()) holds the strings, so a new group costs one
// allocation, not one per field; finish() makes the model::ActivityGroup.
struct GroupCounts {
  std::int64_t first_time = 0;
  std::int64_t last_time = 0;
  std::uint64_t count = 0;
  bool by_aws_service = false;
};

// The events of one (account, awsRegion) within one shard, and their activity groups while the unused-region
// rule may still want them.
struct EventRegion {
  std::uint64_t events = 0;
  bool keep_activity = true;
  std::unordered_map<std::string, GroupCounts> groups;
  // The region's events in every shard, so that each stops grouping once the sum passes the quiet limit; this
  // shard adds its count there once per file, not per event.
  std::atomic<std::uint64_t>* all_shards = nullptr;
  std::uint64_t unshared = 0;
};

void merge_group(GroupCounts& into, const GroupCounts& group) {
  if (into.count == 0) {
    into = group;
    return;
  }
  into.count += group.count;
  into.first_time = std::min(into.first_time, group.first_time);
  into.last_time = std::max(into.last_time, group.last_time);
}

// The group's key: principal, event source, event name, source IP and error code, each after its length (4
// bytes), so that no byte inside a field can make two groups one and the key splits back into its fields.
constexpr std::size_t group_fields = 5;
void group_key(const EventRecord& event, std::string& key) {
  key.clear();
  for (const auto part : {event.principal, event.event_source, event.event_name, event.source_ip, event.error_code}) {
    const auto size = static_cast<std::uint32_t>(part.size());
    key.append(reinterpret_cast<const char*>(&size), sizeof size);
    key += part;
  }
}

model::ActivityGroup activity_group(const std::pair<std::string, std::string>& where, const std::string& key, const GroupCounts& counts) {
  std::array<std::string, group_fields> fields;
  std::size_t at = 0;
  for (auto& field : fields) {
    std::uint32_t size = 0;
    std::memcpy(&size, key.data() + at, sizeof size);
    at += sizeof size;
    field = key.substr(at, size);
    at += size;
  }
  model::ActivityGroup group;
  group.account_id = where.first;
  group.region = where.second;
  group.principal = std::move(fields[0]);
  group.event_source = std::move(fields[1]);
  group.event_name = std::move(fields[2]);
  group.source_ip = std::move(fields[3]);
  group.error_code = std::move(fields[4]);
  group.by_aws_service = counts.by_aws_service;
  group.first_time = counts.first_time;
  group.last_time = counts.last_time;
  group.count = counts.count;
  return group;
}

}  // namespace

class LogTally::Shard {
 public:
  Shard(const TallyOptions& options, LogTally& tally) : options_(options), tally_(tally) {}

  // The events of one file that the window and the dedupe let through (`fresh`), into this shard's counts.
  void tally(const LogObject& object, const Stream* stream, const FileRecords& file) {
    auto& counts = streams_[stream];
    EventRegion* region = nullptr;
    std::string_view region_name;
    std::int64_t cached_day = 0;
    std::uint64_t* day_count = nullptr;
    for (std::size_t i = 0; i < file.events.size(); ++i) {
      if (!fresh[i]) continue;
      const auto& event = file.events[i];
      if (region == nullptr || region_name != event.aws_region) {
        if (region) share(*region);
        region = &event_region(object.name.account_id, event.aws_region);
        region_name = event.aws_region;
        if (options_.expected_regions.empty() && region->all_shards->load(std::memory_order_relaxed) > model::quiet_region_event_limit)
          let_go(*region);
      }
      const auto day = day_of(event.time);
      if (day_count == nullptr || day != cached_day) {
        day_count = &counts.events_by_day[day];
        cached_day = day;
      }
      ++*day_count;
      tally_event(object, counts, *region, event);
    }
    if (region) share(*region);
  }

  void merge_into(std::map<const Stream*, StreamCounts*>& streams, std::vector<model::LoggingChange>& changes,
                  std::set<std::string>& buckets) {
    for (auto& [stream, counts] : streams_) {
      auto*& into = streams[stream];
      if (!into) {
        into = &counts;
        continue;
      }
      for (std::size_t i = 0; i < model::log_measure_count; ++i) into->measures[i] += counts.measures[i];
      if (counts.first_event && (!into->first_event || *counts.first_event < *into->first_event)) into->first_event = counts.first_event;
      if (counts.last_event && (!into->last_event || *counts.last_event > *into->last_event)) into->last_event = counts.last_event;
      for (const auto& [day, events] : counts.events_by_day) into->events_by_day[day] += events;
    }
    changes.insert(changes.end(), std::make_move_iterator(logging_changes_.begin()), std::make_move_iterator(logging_changes_.end()));
    buckets.merge(log_buckets_);
  }
  std::map<std::pair<std::string, std::string>, EventRegion>& event_regions() { return event_regions_; }

 private:
  EventRegion& event_region(const std::string& account_id, std::string_view aws_region) {
    region_key_.first = account_id;
    region_key_.second = aws_region;
    auto it = event_regions_.find(region_key_);
    if (it == event_regions_.end()) {
      it = event_regions_.try_emplace(region_key_).first;
      it->second.keep_activity = options_.expected_regions.empty() || !options_.expected_regions.count(region_key_.second);
      it->second.all_shards = &tally_.region_events(region_key_);
    }
    return it->second;
  }

  void share(EventRegion& where) {
    const auto all = where.all_shards->fetch_add(where.unshared, std::memory_order_relaxed) + where.unshared;
    where.unshared = 0;
    if (options_.expected_regions.empty() && all > model::quiet_region_event_limit) let_go(where);
  }

  // Without expected regions, a region past the quiet limit can never be quiet: its groups are let go.
  static void let_go(EventRegion& where) {
    if (!where.keep_activity) return;
    where.keep_activity = false;
    where.groups.clear();
  }

  void tally_event(const LogObject& object, StreamCounts& counts, EventRegion& where, const EventRecord& event) {
    auto& measures = counts.measures;
    count(measures, LogMeasure::events);
    count(measures, event.read_only == Tri::yes  ? LogMeasure::read
                    : event.read_only == Tri::no ? LogMeasure::write
                                                 : LogMeasure::read_write_unknown);
    count(measures, event.management == Tri::yes  ? LogMeasure::management
                    : event.management == Tri::no ? LogMeasure::data
                                                   : LogMeasure::category_unknown);
    if (!event.error_code.empty()) count(measures, LogMeasure::errors);
    if (model::is_global_service(event.event_source)) count(measures, LogMeasure::global_service);
    if (!counts.first_event || event.time < *counts.first_event) counts.first_event = event.time;
    if (!counts.last_event || event.time > *counts.last_event) counts.last_event = event.time;

    ++where.events;
    ++where.unshared;
    if (options_.expected_regions.empty() && where.events > model::quiet_region_event_limit) let_go(where);
    if (where.keep_activity) tally_group(where, event);

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

  void tally_group(EventRegion& where, const EventRecord& event) {
    group_key(event, group_key_);  // a reused buffer: most events fall in a group that exists, and allocate nothing
    auto it = where.groups.find(group_key_);
    if (it == where.groups.end()) {
      it = where.groups.try_emplace(group_key_).first;
      auto& group = it->second;
      group.by_aws_service = event.identity_type.empty() || event.identity_type == "AWSService";
      group.first_time = group.last_time = event.time;
    }
    auto& group = it->second;
    ++group.count;
    group.first_time = std::min(group.first_time, event.time);
    group.last_time = std::max(group.last_time, event.time);
  }

  const TallyOptions& options_;
  LogTally& tally_;
  std::unordered_map<const Stream*, StreamCounts> streams_;
  std::map<std::pair<std::string, std::string>, EventRegion> event_regions_;
  std::pair<std::string, std::string> region_key_;
  std::string group_key_;
  std::vector<model::LoggingChange> logging_changes_;
  std::set<std::string> log_buckets_;

 public:
  std::vector<std::uint8_t> fresh;  // per event of the file being added: to be counted
  std::uint64_t files_read = 0, records = 0, records_outside_window = 0;
};

LogTally::LogTally(TallyOptions options) : options_(std::move(options)) { own_shard_ = &shard(); }
LogTally::~LogTally() = default;

LogTally::Shard& LogTally::shard() {
  std::lock_guard lock(mutex_);
  shards_.push_back(std::make_unique<Shard>(options_, *this));
  return *shards_.back();
}

std::atomic<std::uint64_t>& LogTally::region_events(const std::pair<std::string, std::string>& key) {
  std::lock_guard lock(mutex_);
  return region_events_[key];
}

LogTally::Stream& LogTally::stream(const LogObjectName& name) {
  auto& slot = streams_[{name.account_id, name.region}];
  if (!slot) {
    slot = std::make_unique<Stream>();
    slot->delivery.account_id = name.account_id;
    slot->delivery.region = name.region;
  }
  return *slot;
}

void LogTally::add_log_file(const LogObject& object, const std::string& described_as, const FileRecords& records) {
  std::lock_guard lock(own_shard_mutex_);
  add_log_file(*own_shard_, object, described_as, records);
}

void LogTally::add_log_file(Shard& shard, const LogObject& object, const std::string& described_as, const FileRecords& records) {
  auto& fresh = shard.fresh;
  fresh.assign(records.events.size(), 1);
  std::uint64_t outside = 0;
  for (std::size_t i = 0; i < records.events.size(); ++i) {
    const auto time = records.events[i].time;
    if ((options_.since && time < *options_.since) || (options_.until && time >= *options_.until)) {
      fresh[i] = 0;
      ++outside;
    }
  }
  ++shard.files_read;
  shard.records += records.events.size() + records.malformed_records;
  shard.records_outside_window += outside;
  Stream* stream = nullptr;
  {
    std::lock_guard lock(mutex_);
    stream = &this->stream(object.name);
    reopen(*stream);
    auto& delivery = stream->delivery;
    ++delivery.log_files;
    delivery.log_hours.insert(hour_of(object.name.time));
    const auto ids = stream->day_sets(day_of(object.name.time));
    std::uint64_t duplicates = 0;
    for (std::size_t i = 0; i < records.events.size(); ++i) {
      if (fresh[i] && !ids.first_time(records.events[i].id_hash)) {
        fresh[i] = 0;
        ++duplicates;
      }
    }
    delivery.duplicates_dropped += duplicates;
    totals_.duplicates_dropped += duplicates;
    if (records.malformed_records > 0)
      errors_.push_back({described_as, std::to_string(records.malformed_records) + " malformed record(s), first " + records.first_malformed});
    ++stream->files_tallied;
    // Dedupe state is retired when the listing has moved past the stream (stream_listed), never by the newest
    // day tallied: with several workers an older file of the stream may still be in flight.
    if (stream->files_listed && stream->files_tallied >= *stream->files_listed) retire(*stream);
  }
  shard.tally(object, stream, records);
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
  bytes_read_.fetch_add(stored, std::memory_order_relaxed);
  bytes_inflated_.fetch_add(inflated, std::memory_order_relaxed);
}

void LogTally::file_listed() { files_listed_.fetch_add(1, std::memory_order_relaxed); }

void LogTally::stream_listed(const std::string& account_id, const std::string& region, std::uint64_t log_files) {
  std::lock_guard lock(mutex_);
  const auto it = streams_.find({account_id, region});
  if (it == streams_.end()) return;
  auto& stream = *it->second;
  stream.files_listed = log_files;
  if (stream.files_tallied >= log_files) retire(stream);
}

// Events per (account, awsRegion) summed over the shards, then the groups of only the regions that may be
// unused: outside the expected regions, or (without them) quiet by the rule, which needs the account's sum.
// Every other region's groups would be dropped by the judgment, so they are neither merged nor sorted.
void LogTally::collect_activity(model::LogActivity& activity) {
  auto& events = activity.events_by_event_region;
  for (auto& shard : shards_)
    for (const auto& [key, where] : shard->event_regions()) events[key] += where.events;
  std::map<std::string, std::uint64_t> account_events;
  for (const auto& [key, count] : events) account_events[key.first] += count;
  for (const auto& [key, count] : events) {
    const bool may_be_unused = options_.expected_regions.empty() ? model::is_quiet_region(count, account_events[key.first])
                                                                 : !options_.expected_regions.count(key.second);
    if (!may_be_unused) continue;
    std::unordered_map<std::string, GroupCounts> groups;
    for (auto& shard : shards_) {
      const auto it = shard->event_regions().find(key);
      if (it == shard->event_regions().end()) continue;
      for (const auto& [group_key, group] : it->second.groups) merge_group(groups[group_key], group);
    }
    for (const auto& [group_key, group] : groups) activity.activity.push_back(activity_group(key, group_key, group));
  }
}

model::LogActivity LogTally::finish(std::set<std::string> log_buckets) {
  std::lock_guard lock(mutex_);
  std::map<const Stream*, StreamCounts*> stream_counts;
  std::vector<model::LoggingChange> logging_changes;
  for (auto& shard : shards_) {
    shard->merge_into(stream_counts, logging_changes, log_buckets_);
    totals_.files_read += shard->files_read;
    totals_.records += shard->records;
    totals_.records_outside_window += shard->records_outside_window;
  }
  totals_.files_listed = files_listed_.load();
  totals_.bytes_read = bytes_read_.load();
  totals_.bytes_inflated = bytes_inflated_.load();

  model::LogActivity activity;
  activity.since = options_.since;
  activity.until = options_.until;
  for (auto& [key, stream] : streams_) {
    auto& delivery = stream->delivery;
    if (const auto it = stream_counts.find(stream.get()); it != stream_counts.end()) {
      const auto& counts = *it->second;
      for (std::size_t i = 0; i < model::log_measure_count; ++i) delivery.measures[i] += counts.measures[i];
      delivery.first_event = counts.first_event;
      delivery.last_event = counts.last_event;
      delivery.events_by_day = counts.events_by_day;
    }
    activity.regions.push_back(std::move(delivery));
  }
  collect_activity(activity);
  std::sort(activity.activity.begin(), activity.activity.end(), [](const auto& a, const auto& b) {
    return std::tie(a.account_id, a.region, a.first_time, a.event_name, a.principal, a.source_ip) <
           std::tie(b.account_id, b.region, b.first_time, b.event_name, b.principal, b.source_ip);
  });
  activity.logging_changes = std::move(logging_changes);
  // The shards' order is the threads', so ties are broken by what the change is, for the same report every run.
  std::sort(activity.logging_changes.begin(), activity.logging_changes.end(), [](const auto& a, const auto& b) {
    return std::tie(a.time, a.event_id, a.account_id, a.region) < std::tie(b.time, b.event_id, b.account_id, b.region);
  });
  activity.log_buckets = std::move(log_buckets_);
  activity.log_buckets.insert(log_buckets.begin(), log_buckets.end());
  activity.errors = std::move(errors_);
  activity.totals = totals_;
  streams_.clear();
  shards_.clear();
  return activity;
}

}  // namespace trailguard::sources::logs
