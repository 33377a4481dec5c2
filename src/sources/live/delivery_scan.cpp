#include "sources/live/delivery_scan.hpp"

#include <fmt/format.h>

#include "aws/services/s3_objects.hpp"
#include "base/parallel.hpp"
#include "base/utc_time.hpp"
#include "sources/logs/log_object.hpp"

namespace trailguard::sources::live {
namespace {

std::string key_prefix_folder(const model::Trail& trail) {
  return trail.s3_key_prefix.empty() ? "" : trail.s3_key_prefix + "/";
}

model::ReadError read_error(const Error& error, const std::string& api, const std::string& region, const std::string& what) {
  return {api, region, error.code.empty() ? std::string(to_string(error.kind)) : error.code, what + ": " + error.message};
}

// One listing job: a region's day folder, every page of it.
struct DayListing {
  std::size_t region = 0;
  std::string prefix;
  std::vector<std::int64_t> times;
  std::optional<model::ReadError> error;
};

void list_day(aws::AwsClient& client, const model::Trail& trail, const std::string& account_id, const std::string& region,
              const std::string& bucket, const std::string& bucket_region, DayListing& job) {
  std::string token;
  do {
    const auto call = aws::list_objects_v2_call(bucket, bucket_region, job.prefix, "", token);
    const auto where = "s3://" + bucket + "/" + job.prefix;
    auto answer = client.call(call);
    auto page = answer ? aws::parse_list_objects_v2(answer->body, where) : Result<aws::S3ListPage>(answer.error());
    if (!page) {
      job.error = read_error(page.error(), call.operation, region, "cannot list " + where);
      return;
    }
    for (const auto& object : page->objects) {
      const auto slash = object.key.rfind('/');
      const auto name = logs::parse_log_object_name(slash == std::string::npos ? object.key : object.key.substr(slash + 1));
      if (name && name->kind == logs::LogObjectKind::digest && name->account_id == account_id && name->region == region &&
          name->trail_name == trail.name && name->trail_home_region == trail.home_region)
        job.times.push_back(name->time);
    }
    token = page->truncated ? page->next_continuation_token : "";
  } while (!token.empty());
}

}  // namespace

std::string digest_prefix(const model::Trail& trail, const std::string& account_id, const std::string& organization_id) {
  const bool organization = trail.is_organization_trail.is(true) && !organization_id.empty();
  return key_prefix_folder(trail) + "AWSLogs/" + (organization ? organization_id + "/" : "") + account_id + "/CloudTrail-Digest/";
}

std::vector<std::string> day_folders(std::int64_t start, std::int64_t end) {
  std::vector<std::string> folders;
  for (auto day = logs::day_of(start); day <= logs::day_of(end); ++day) {
    auto date = format_utc_date(day * 86400);  // YYYY-MM-DD
    folders.push_back(date.substr(0, 4) + "/" + date.substr(5, 2) + "/" + date.substr(8, 2) + "/");
  }
  return folders;
}

Result<std::string> DeliveryScanner::bucket_region(aws::AwsClient& client, const model::Trail& trail) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = bucket_regions_.find(trail.s3_bucket); it != bucket_regions_.end()) return it->second;
  }
  const auto call = aws::get_bucket_location_call(trail.s3_bucket);
  auto answer = client.call(call);
  if (!answer) {
    // Listing may still be allowed where GetBucketLocation is not: try the trail's home region, as logs s3:// does.
    if (answer.error().kind == ErrorKind::access_denied) return trail.home_region;
    return answer.error();
  }
  auto region = aws::parse_bucket_location(answer->body, "GetBucketLocation answer for s3://" + trail.s3_bucket);
  if (!region) return region.error();
  std::lock_guard lock(mutex_);
  bucket_regions_[trail.s3_bucket] = *region;
  return *region;
}

Result<std::string> DeliveryScanner::organization_folder(aws::AwsClient& client, const model::Trail& trail, const std::string& region) {
  const auto folder = key_prefix_folder(trail) + "AWSLogs/";
  const auto cache_key = trail.s3_bucket + "/" + folder;
  {
    std::lock_guard lock(mutex_);
    if (auto it = organization_folders_.find(cache_key); it != organization_folders_.end()) return it->second;
  }
  const auto where = "s3://" + trail.s3_bucket + "/" + folder;
  auto answer = client.call(aws::list_objects_v2_call(trail.s3_bucket, region, folder, "/"));
  auto page = answer ? aws::parse_list_objects_v2(answer->body, where) : Result<aws::S3ListPage>(answer.error());
  if (!page) return page.error();
  std::vector<std::string> found;
  for (const auto& prefix : page->common_prefixes) {
    const auto name = prefix.substr(folder.size(), prefix.size() - folder.size() - 1);
    if (name.rfind("o-", 0) == 0) found.push_back(name);
  }
  if (found.size() > 1)
    return make_error(ErrorKind::malformed_input, where,
                      fmt::format("holds {} organizations' folders ({}, ...): which is this trail's is not known", found.size(),
                                  found.front()),
                      "AmbiguousOrganization");
  const auto id = found.empty() ? std::string() : found.front();  // none: nothing was ever delivered there
  std::lock_guard lock(mutex_);
  organization_folders_[cache_key] = id;
  return id;
}

model::TrailDelivery DeliveryScanner::scan_trail(aws::AwsClient& client, const model::Account& account, const model::Trail& trail,
                                                 const std::vector<std::string>& regions, const std::string& organization_id) {
  model::TrailDelivery delivery;
  delivery.trail_arn = trail.arn;
  delivery.bucket = trail.s3_bucket;
  if (!trail.log_file_validation.is(true)) {
    delivery.gap = model::DeliveryGap::validation_off;
    return delivery;
  }
  if (trail.s3_bucket.empty()) {  // a source that did not say (DescribeTrails always does)
    delivery.gap = model::DeliveryGap::bucket_unreadable;
    delivery.error = model::ReadError{"DescribeTrails", "", "NoBucketName", "the trail's answer names no S3 bucket"};
    return delivery;
  }
  auto region = bucket_region(client, trail);
  if (!region) {
    delivery.gap = region.error().code == "NoSuchBucket" ? model::DeliveryGap::bucket_missing : model::DeliveryGap::bucket_unreadable;
    delivery.error = read_error(region.error(), "GetBucketLocation", "", "s3://" + trail.s3_bucket);
    return delivery;
  }
  delivery.bucket_region = *region;
  std::string organization = organization_id;
  if (trail.is_organization_trail.is(true) && organization.empty()) {
    auto found = organization_folder(client, trail, *region);
    if (!found) {
      delivery.gap = found.error().code == "NoSuchBucket" ? model::DeliveryGap::bucket_missing : model::DeliveryGap::bucket_unreadable;
      delivery.error = read_error(found.error(), "ListObjectsV2", "", "the organization's folder in s3://" + trail.s3_bucket);
      return delivery;
    }
    organization = *found;
  }
  delivery.digest_prefix = digest_prefix(trail, account.account_id, organization);
  const bool nothing_delivered = trail.is_organization_trail.is(true) && organization.empty();
  if (nothing_delivered)  // no organization folder at all: every region is without digests, no need to list
    delivery.digest_prefix = key_prefix_folder(trail) + "AWSLogs/o-*/" + account.account_id + "/CloudTrail-Digest/";

  const auto days = day_folders(options_.now - options_.window_seconds, options_.now);
  std::vector<DayListing> jobs;
  for (std::size_t r = 0; r < regions.size(); ++r)
    for (const auto& day : days) jobs.push_back({r, delivery.digest_prefix + regions[r] + "/" + day, {}, std::nullopt});
  if (!nothing_delivered)
    parallel_for(jobs.size(), options_.concurrency, [&](std::size_t i) {
      list_day(client, trail, account.account_id, regions[jobs[i].region], trail.s3_bucket, *region, jobs[i]);
    });
  for (const auto& name : regions) delivery.regions.push_back({name, {}, std::nullopt});
  for (auto& job : jobs) {
    auto& digests = delivery.regions[job.region];
    digests.digest_times.insert(digests.digest_times.end(), job.times.begin(), job.times.end());
    if (job.error && !digests.error) digests.error = std::move(job.error);
  }
  return delivery;
}

model::DeliveryProof DeliveryScanner::scan(aws::AwsClient& client, const model::Account& account,
                                           const std::vector<DeliveryRequest>& requests, const std::string& organization_id) {
  model::DeliveryProof proof;
  proof.window_end = options_.now;
  proof.window_start = options_.now - options_.window_seconds;
  for (const auto& request : requests) {
    const auto* trail = model::find_trail(account, request.trail_arn);
    if (trail == nullptr) continue;  // recorded by its absence: the judgement says it was not looked at
    proof.trails.push_back(scan_trail(client, account, *trail, request.regions, organization_id));
  }
  return proof;
}

}  // namespace trailguard::sources::live
