#include "sources/live/live_scan.hpp"

#include <algorithm>
#include <optional>

#include <nlohmann/json.hpp>

#include "aws/services/cloudtrail_api.hpp"
#include "aws/services/identity_api.hpp"
#include "base/parallel.hpp"
#include "model/regions.hpp"
#include "sources/answer_identity.hpp"
#include "sources/cloudtrail_json.hpp"
#include "sources/evidence/evidence_files.hpp"
#include "sources/evidence/evidence_sink.hpp"

namespace trailguard::sources::live {
namespace {

namespace ev = sources::evidence;

model::ReadError read_error_from(const Error& error, const aws::ApiCall& call, std::string region) {
  return {call.operation, std::move(region), error.code.empty() ? std::string(to_string(error.kind)) : error.code,
          error.message};
}

// One call, its answer saved to the sink (as the AWS CLI would have printed it) when collecting.
class Reader {
 public:
  Reader(aws::AwsClient& client, ev::EvidenceSink* sink) : client_(client), sink_(sink) {}

  Result<std::string> call(const aws::ApiCall& call, const std::string& evidence_name, const ev::CallRecord& record,
                           bool save_body = true) {
    auto response = client_.call(call);
    if (!response) {
      if (sink_ != nullptr)
        sink_->save(evidence_name,
                    ev::aws_cli_error_text(response.error().code.empty() ? std::string(to_string(response.error().kind))
                                                                         : response.error().code,
                                           call.operation, response.error().message),
                    true, record);
      return response.error();
    }
    if (sink_ != nullptr && save_body) sink_->save(evidence_name, response->body, false, record);
    return std::move(response->body);
  }

  void save(const std::string& evidence_name, const std::string& content, const ev::CallRecord& record) {
    if (sink_ != nullptr) sink_->save(evidence_name, content, false, record);
  }

 private:
  aws::AwsClient& client_;
  ev::EvidenceSink* sink_;
};

void read_identity(Reader& reader, const LiveScanOptions& options, model::Account& account) {
  account.partition = std::string(model::partition_of_region(options.home_region));
  if (!options.account_id.empty()) {
    account.account_id = options.account_id;
    return;
  }
  const auto call = aws::get_caller_identity_call(options.home_region);
  const auto record = ev::call_record(ev::kCallerIdentity);
  auto body = reader.call(call, std::string(ev::kCallerIdentity), record, false);
  Result<aws::CallerIdentity> identity = body ? aws::parse_caller_identity_xml(*body) : Result<aws::CallerIdentity>(body.error());
  if (!identity) {
    account.account_id = "unknown";
    account.read_errors.push_back(read_error_from(identity.error(), call, ""));
    return;
  }
  account.account_id = identity->account_id;
  if (auto partition = model::partition_of_arn(identity->arn); !partition.empty()) account.partition = partition;
  reader.save(std::string(ev::kCallerIdentity),
              nlohmann::json{{"UserId", identity->user_id}, {"Account", identity->account_id}, {"Arn", identity->arn}}.dump(4),
              record);
}

// EC2 DescribeRegions first: ec2:DescribeRegions is in every audit policy and the answer carries each
// region's opt-in status. Account ListRegions only when EC2 refuses.
Result<std::vector<aws::RegionInfo>> list_regions(Reader& reader, const std::string& home) {
  const auto ec2 = aws::describe_regions_call(home);
  auto body = reader.call(ec2, std::string(ev::kDescribeRegions), ev::call_record(ev::kDescribeRegions), false);
  if (body) return aws::parse_describe_regions_xml(*body);
  if (body.error().kind != ErrorKind::access_denied && body.error().kind != ErrorKind::not_found) return body.error();
  std::vector<aws::RegionInfo> regions;
  std::string token;
  do {
    auto page = reader.call(aws::list_regions_call(home, token), "list-regions", {}, false);
    if (!page) return body.error();  // the EC2 refusal says more than the fallback's
    auto parsed = aws::parse_list_regions_json(*page, token);
    if (!parsed) return parsed.error();
    regions.insert(regions.end(), parsed->begin(), parsed->end());
  } while (!token.empty());
  return regions;
}

void read_regions(Reader& reader, const LiveScanOptions& options, model::Account& account) {
  auto regions = list_regions(reader, options.home_region);
  std::vector<model::Region> judged;
  if (regions) {
    nlohmann::json saved = {{"Regions", nlohmann::json::array()}};
    for (const auto& r : *regions) {
      saved["Regions"].push_back({{"RegionName", r.name}, {"OptInStatus", r.opt_in_status}});
      if (model::partition_of_region(r.name) != account.partition) continue;
      judged.push_back({r.name, r.enabled ? model::RegionState::enabled : model::RegionState::not_enabled, r.opt_in_status});
    }
    reader.save(std::string(ev::kDescribeRegions), saved.dump(4), ev::call_record(ev::kDescribeRegions));
  } else {
    for (auto name : model::default_regions(account.partition)) judged.push_back({std::string(name), model::RegionState::enabled, ""});
    account.region_listing = model::RegionListing::inferred;
    account.notes.push_back("the account's regions could not be listed (" + regions.error().describe() +
                            "): judged the default regions of partition " + account.partition +
                            "; opt-in regions the account enabled may be missing");
  }
  if (!options.only_regions.empty()) {
    std::vector<model::Region> selected;
    for (const auto& name : options.only_regions) {
      const auto it = std::find_if(judged.begin(), judged.end(), [&](const model::Region& r) { return r.name == name; });
      selected.push_back(it != judged.end() ? *it : model::Region{name, model::RegionState::enabled, ""});
    }
    judged = std::move(selected);
  }
  std::sort(judged.begin(), judged.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  account.regions = std::move(judged);
}

struct Listing {
  std::string region;
  std::optional<Result<std::vector<model::Trail>>> trails;
  aws::ApiCall call;
};

void read_listing(Reader& reader, Listing& listing) {
  listing.call = aws::describe_trails_call(listing.region);
  const auto name = ev::evidence_base(ev::kDescribeTrails, listing.region);
  auto body = reader.call(listing.call, name, ev::call_record(ev::kDescribeTrails, listing.region));
  if (!body) {
    listing.trails = Result<std::vector<model::Trail>>(body.error());
    return;
  }
  listing.trails = parse_describe_trails(*body, "DescribeTrails answer in " + listing.region, listing.region);
}

void read_trails(Reader& reader, const LiveScanOptions& options, model::Account& account) {
  std::vector<Listing> listings;
  listings.push_back({options.home_region, std::nullopt, {}});
  if (options.inventory == Inventory::every_region)
    for (const auto& region : account.regions)
      if (region.state == model::RegionState::enabled && region.name != options.home_region)
        listings.push_back({region.name, std::nullopt, {}});

  parallel_for(listings.size(), options.concurrency, [&](std::size_t i) { read_listing(reader, listings[i]); });

  for (std::size_t i = 0; i < listings.size(); ++i) {
    auto& listing = listings[i];
    if (!listing.trails->ok()) {
      // The home listing is the one that shows multi-region trails: without it no region can be judged.
      account.read_errors.push_back(read_error_from(listing.trails->error(), listing.call, i == 0 ? "" : listing.region));
      continue;
    }
    // AWS answers for the signed-in account; an answer that says otherwise is not trusted (as evidence is not).
    if (auto why = listing_of_another(listing.trails->value(), account.account_id,
                                      listing.region)) {
      account.read_errors.push_back({listing.call.operation, i == 0 ? "" : listing.region, std::string(kIdentityMismatch),
                                     "DescribeTrails answer in " + listing.region + ": " + *why});
      continue;
    }
    for (auto& trail : listing.trails->value()) model::add_or_merge_trail(account, std::move(trail));
  }
}

void read_trail_details(Reader& reader, const LiveScanOptions& options, model::Account& account) {
  // Single-region trails cannot make a region pass, so their status is needed only to repair one.
  std::vector<model::Trail*> needed;
  for (auto& trail : account.trails)
    if ((options.single_region_details || !trail.is_multi_region.is(false)) &&
        std::find(options.known_trails.begin(), options.known_trails.end(), trail.arn) == options.known_trails.end())
      needed.push_back(&trail);

  parallel_for(needed.size() * 2, options.concurrency, [&](std::size_t job) {
    model::Trail& trail = *needed[job / 2];
    const std::string region = trail.home_region.empty() ? options.home_region : trail.home_region;
    const std::string& name = trail.name.empty() ? trail.arn : trail.name;
    const bool status_job = job % 2 == 0;
    const auto call = status_job ? aws::get_trail_status_call(region, trail.arn) : aws::get_event_selectors_call(region, trail.arn);
    const auto evidence_name =
        ev::trail_evidence_base(status_job ? ev::kTrailStatus : ev::kEventSelectors, trail.owner_account_id, region, name);
    const std::string input = call.operation + " answer for " + trail.arn;
    auto body = reader.call(call, evidence_name,
                            ev::call_record(status_job ? ev::kTrailStatus : ev::kEventSelectors, region, trail.arn));
    if (status_job) {
      auto status = body ? parse_trail_status(*body, input) : Result<model::TrailStatus>(body.error());
      trail.status = status ? model::Observed<model::TrailStatus>(std::move(*status))
                            : model::Observed<model::TrailStatus>(read_error_from(status.error(), call, region));
    } else {
      auto selectors = body ? parse_event_selectors(*body, input) : Result<model::EventSelectors>(body.error());
      std::optional<std::string> elsewhere;
      if (selectors) elsewhere = selectors_of_another_trail(*selectors, trail);
      if (elsewhere)
        trail.selectors = model::ReadError{call.operation, region, std::string(kIdentityMismatch), std::move(*elsewhere)};
      else
        trail.selectors = selectors ? model::Observed<model::EventSelectors>(std::move(*selectors))
                                    : model::Observed<model::EventSelectors>(read_error_from(selectors.error(), call, region));
    }
  });
}

}  // namespace

model::Account scan_account(aws::AwsClient& client, const LiveScanOptions& options) {
  Reader reader(client, options.sink);
  model::Account account;
  read_identity(reader, options, account);
  read_regions(reader, options, account);
  read_trails(reader, options, account);
  read_trail_details(reader, options, account);
  return account;
}

}  // namespace trailguard::sources::live
