#include "sources/evidence/evidence_source.hpp"

#include <algorithm>
#include <utility>
#include <map>
#include <optional>

#include "base/file.hpp"
#include "model/regions.hpp"
#include "sources/answer_identity.hpp"
#include "sources/cloudtrail_json.hpp"
#include "sources/evidence/account_files.hpp"
#include "sources/evidence/aws_cli_error.hpp"
#include "sources/evidence/evidence_files.hpp"
#include "sources/evidence/manifest.hpp"
#include "sources/evidence/organization_evidence.hpp"

namespace trailguard::sources::evidence {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kMalformedEvidence = "MalformedEvidence";

// One saved call: its answer (.json), its failure (.error), or neither.
struct SavedCall {
  std::string base;
  fs::path answer;
  fs::path failure;
  bool has_answer() const { return !answer.empty(); }
  bool has_failure() const { return !failure.empty(); }
};

SavedCall find_call(const fs::path& dir, std::string_view kind, std::string_view qualifier) {
  SavedCall call;
  call.base = evidence_base(kind, qualifier);
  std::error_code ec;
  const auto answer = dir / (call.base + std::string(kAnswerSuffix));
  const auto failure = dir / (call.base + std::string(kFailureSuffix));
  if (fs::is_regular_file(answer, ec)) call.answer = answer;
  if (fs::is_regular_file(failure, ec)) call.failure = failure;
  return call;
}

// Regions named by "describe-trails.<region>.json|.error" files; "" stands for describe-trails.json itself.
std::vector<std::string> listing_qualifiers(const fs::path& dir) {
  std::vector<std::string> qualifiers;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file(ec)) continue;
    const auto name = entry.path().filename().string();
    if (!name.starts_with(kDescribeTrails)) continue;
    std::string_view rest(name);
    rest.remove_prefix(kDescribeTrails.size());
    for (auto suffix : {kAnswerSuffix, kFailureSuffix}) {
      if (!rest.ends_with(suffix)) continue;
      rest.remove_suffix(suffix.size());
      if (rest.empty()) {
        qualifiers.emplace_back();
      } else if (rest.front() == '.') {
        qualifiers.emplace_back(rest.substr(1));
      } else {
        break;
      }
      break;
    }
  }
  std::sort(qualifiers.begin(), qualifiers.end());
  qualifiers.erase(std::unique(qualifiers.begin(), qualifiers.end()), qualifiers.end());
  return qualifiers;
}

model::ReadError malformed(const Error& error, std::string api, std::string region) {
  return {std::move(api), std::move(region), std::string(kMalformedEvidence), error.describe()};
}

bool is_account_id(std::string_view text) {
  return text.size() == 12 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// One account directory being read: its files, its manifest (when the collection wrote one) and the model
// built so far. Every saved answer goes through read_call, so every one is checked against the manifest.
struct AccountReader {
  const fs::path& dir;
  const std::optional<Manifest>& manifest;
  std::vector<std::string>& problems;
  model::Account account;
  bool identity_read = false;

  model::ReadError mismatch(std::string api, std::string region, std::string why) {
    problems.push_back(why);
    return {std::move(api), std::move(region), std::string(kIdentityMismatch), std::move(why)};
  }

  // Why `file`, holding `content`, may not be read as the answer made in `region` for `trail_arn`, by the manifest.
  std::optional<std::string> manifest_disagreement(const fs::path& file, std::string_view content, std::string_view region,
                                                   std::string_view trail_arn) const {
    if (!manifest) return std::nullopt;
    return manifest->disagreement(file, content, region, trail_arn);
  }

  // A saved call: the parsed answer, or a ReadError (saved failure, missing file, bad content, or a file the
  // manifest does not vouch for as made in that region for that trail).
  template <class T, class Parse>
  model::Observed<T> read_call(const SavedCall& call, const std::string& api, const std::string& region,
                               std::string_view trail_arn, Parse parse) {
    if (!call.has_answer() && !call.has_failure())
      return model::ReadError{api, region, "EvidenceMissing",
                              (dir / (call.base + std::string(kAnswerSuffix))).string() + " is missing"};
    const auto& file = call.has_answer() ? call.answer : call.failure;
    auto text = read_file(file);
    if (!text) {
      problems.push_back(text.error().describe());
      return malformed(text.error(), api, region);
    }
    if (auto why = manifest_disagreement(file, *text, region, trail_arn)) return mismatch(api, region, std::move(*why));
    if (!call.has_answer()) return parse_aws_cli_error(*text, api, region);
    auto parsed = parse(*text, file.string());
    if (!parsed) {
      problems.push_back(parsed.error().describe());
      return malformed(parsed.error(), api, region);
    }
    return std::move(*parsed);
  }

  // The trail's saved call under its qualified name; else under its bare name, but only when no other trail
  // of the account shares that name (a file for one must never be read as the other's: a false PASS).
  SavedCall find_trail_call(const model::Trail& trail, std::string_view kind) const {
    const auto& name = trail.name.empty() ? trail.arn : trail.name;
    SavedCall qualified;
    qualified.base = trail_evidence_base(kind, trail.owner_account_id, trail.home_region, name);
    std::error_code ec;
    for (auto [suffix, target] : {std::pair{kAnswerSuffix, &qualified.answer}, std::pair{kFailureSuffix, &qualified.failure}})
      if (const auto path = dir / (qualified.base + std::string(suffix)); fs::is_regular_file(path, ec)) *target = path;
    if (qualified.has_answer() || qualified.has_failure()) return qualified;

    const auto same_name = std::count_if(account.trails.begin(), account.trails.end(),
                                         [&](const model::Trail& other) { return other.name == trail.name; });
    if (same_name > 1) return qualified;  // reported missing under the name that would be unambiguous
    auto bare = find_call(dir, kind, name);
    return bare.has_answer() || bare.has_failure() ? bare : qualified;
  }

  // The identity first, so that every listing can be checked against the account it is filed for.
  Status read_identity() {
    const auto call = find_call(dir, kCallerIdentity, "");
    const auto dir_name = dir.filename().string();
    if (!call.has_answer()) {
      if (is_account_id(dir_name)) {
        account.account_id = dir_name;
        account.notes.push_back("no get-caller-identity.json: account id taken from the directory name");
      }
      return ok_status();
    }
    identity_read = true;
    auto text = read_file(call.answer);
    if (!text) return text.error();
    if (auto why = manifest_disagreement(call.answer, *text, "", ""))
      account.read_errors.push_back(mismatch("GetCallerIdentity", "", std::move(*why)));
    auto identity = parse_caller_identity(*text, call.answer.string());
    if (!identity) return identity.error();
    account.account_id = identity->account_id;
    if (auto partition = model::partition_of_arn(identity->arn); !partition.empty()) account.partition = partition;
    if (is_account_id(dir_name) && dir_name != identity->account_id) {
      // Filed as the directory's account: judged as that account, which this evidence cannot speak for.
      account.read_errors.push_back(mismatch("GetCallerIdentity", "",
                                             call.answer.string() + " is the identity of account " + identity->account_id +
                                                 ", but the directory is account " + dir_name +
                                                 "'s: this is not that account's evidence"));
      account.account_id = dir_name;
    }
    return ok_status();
  }

  // Without an identity or an account-id directory name, the account's own trails tell which account this is.
  void infer_identity(const std::vector<std::vector<model::Trail>>& listings) {
    if (!account.account_id.empty()) return;
    for (const auto& listing : listings)
      for (const auto& trail : listing)
        if (account.account_id.empty() && !trail.is_organization_trail.is(true) && !trail.owner_account_id.empty())
          account.account_id = trail.owner_account_id;
    const bool from_trails = !account.account_id.empty();
    if (!from_trails) account.account_id = "unknown";
    account.notes.push_back(std::string("no get-caller-identity.json: account id taken from ") +
                            (from_trails ? "the account's own trail ARNs" : "nowhere (unknown)"));
  }

  void read_trails() {
    const auto qualifiers = listing_qualifiers(dir);
    std::vector<std::vector<model::Trail>> listings(qualifiers.size());
    std::vector<bool> readable(qualifiers.size(), false);
    for (std::size_t i = 0; i < qualifiers.size(); ++i) {
      const auto& region = qualifiers[i];
      auto listing = read_call<std::vector<model::Trail>>(
          find_call(dir, kDescribeTrails, region), "DescribeTrails", region, "",
          [&](std::string_view json, const std::string& input) { return parse_describe_trails(json, input, region); });
      if (!listing.was_read()) {
        account.read_errors.push_back(listing.error());
        continue;
      }
      listings[i] = listing.value();
      readable[i] = true;
    }
    infer_identity(listings);
    for (std::size_t i = 0; i < qualifiers.size(); ++i) {
      if (!readable[i]) continue;
      const auto& region = qualifiers[i];
      if (auto why = listing_of_another(listings[i], account.account_id, region)) {
        const auto file = (dir / (evidence_base(kDescribeTrails, region) + std::string(kAnswerSuffix))).string();
        account.read_errors.push_back(mismatch("DescribeTrails", region, file + ": " + *why));
        continue;
      }
      for (auto& trail : listings[i]) model::add_or_merge_trail(account, std::move(trail));
    }
    for (auto& trail : account.trails) {
      trail.status = read_call<model::TrailStatus>(find_trail_call(trail, kTrailStatus), "GetTrailStatus", trail.home_region,
                                                   trail.arn, parse_trail_status);
      trail.selectors = read_call<model::EventSelectors>(find_trail_call(trail, kEventSelectors), "GetEventSelectors",
                                                         trail.home_region, trail.arn, parse_event_selectors);
      if (trail.selectors.was_read())
        if (auto why = selectors_of_another_trail(trail.selectors.value(), trail))
          trail.selectors = mismatch("GetEventSelectors", trail.home_region, std::move(*why));
    }
  }

  Status read_regions() {
    const auto call = find_call(dir, kDescribeRegions, "");
    std::vector<model::Region> regions;
    if (call.has_answer()) {
      auto text = read_file(call.answer);
      if (!text) return text.error();
      if (auto why = manifest_disagreement(call.answer, *text, "", ""))
        account.read_errors.push_back(mismatch("DescribeRegions", "", std::move(*why)));
      auto parsed = parse_describe_regions(*text, call.answer.string());
      if (!parsed) return parsed.error();
      for (auto& region : *parsed)
        if (model::partition_of_region(region.name) == account.partition) regions.push_back(std::move(region));
      account.region_listing = model::RegionListing::listed;
    } else {
      // Without the account's region list: the partition's default regions plus every region the evidence names.
      std::vector<std::string> names;
      for (auto name : model::default_regions(account.partition)) names.emplace_back(name);
      for (const auto& region : listing_qualifiers(dir)) names.push_back(region);
      for (const auto& trail : account.trails) names.push_back(trail.home_region);
      for (const auto& name : names) {
        if (name.empty() || model::partition_of_region(name) != account.partition) continue;
        if (std::none_of(regions.begin(), regions.end(), [&](const model::Region& r) { return r.name == name; }))
          regions.push_back({name, model::RegionState::enabled, ""});
      }
      account.region_listing = model::RegionListing::inferred;
      account.notes.push_back(std::string(call.has_failure() ? "describe-regions failed" : "no describe-regions.json") +
                              ": judged the default regions of partition " + account.partition +
                              " and the regions seen in the evidence; opt-in regions the account enabled may be missing");
    }
    std::sort(regions.begin(), regions.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    account.regions = std::move(regions);
    return ok_status();
  }
};

Result<model::Account> load_account(const fs::path& dir, std::vector<std::string>& problems) {
  auto manifest = Manifest::load(dir);
  if (!manifest) return manifest.error();
  AccountReader reader{dir, *manifest, problems, {}};
  if (auto status = reader.read_identity(); !status) return status.error();
  reader.read_trails();
  if (!reader.identity_read && !reader.account.trails.empty())
    if (auto p = model::partition_of_arn(reader.account.trails.front().arn); !p.empty()) reader.account.partition = p;
  if (auto status = reader.read_regions(); !status) return status.error();
  return std::move(reader.account);
}

// An organization trail's status and selectors can be read only in its management account. When that
// account's evidence is in the same set, members whose own listing shows the trail take them from there.
void credit_organization_trails(std::vector<model::Account>& accounts) {
  std::map<std::string, const model::Trail*> readable;
  for (const auto& account : accounts)
    for (const auto& trail : account.trails)
      if (trail.is_organization_trail.is(true) && trail.owner_account_id == account.account_id) readable[trail.arn] = &trail;
  for (auto& account : accounts) {
    for (auto& trail : account.trails) {
      if (trail.owner_account_id == account.account_id) continue;
      const auto found = readable.find(trail.arn);
      if (found == readable.end()) continue;
      const auto& source = *found->second;
      if (!trail.status.was_read() && source.status.was_read()) trail.status = source.status;
      if (!trail.selectors.was_read() && source.selectors.was_read()) trail.selectors = source.selectors;
      if (!trail.is_multi_region.known()) trail.is_multi_region = source.is_multi_region;
      if (!trail.include_global_service_events.known())
        trail.include_global_service_events = source.include_global_service_events;
    }
  }
}

}  // namespace

bool is_account_directory(const fs::path& directory) { return !listing_qualifiers(directory).empty(); }

Result<EvidenceSet> load_evidence(const fs::path& directory) {
  std::error_code ec;
  if (!fs::exists(directory, ec)) return make_error(ErrorKind::not_found, directory.string(), "evidence directory does not exist");
  if (!fs::is_directory(directory, ec))
    return make_error(ErrorKind::invalid_argument, directory.string(), "is not a directory (expected an evidence directory)");

  std::vector<fs::path> account_dirs;
  if (is_account_directory(directory)) {
    account_dirs.push_back(directory);
  } else {
    for (const auto& entry : fs::directory_iterator(directory, ec))
      if (entry.is_directory(ec) && is_account_directory(entry.path())) account_dirs.push_back(entry.path());
    std::sort(account_dirs.begin(), account_dirs.end());
  }
  if (account_dirs.empty())
    return make_error(ErrorKind::not_found, directory.string(),
                      "holds no describe-trails.json or describe-trails.<region>.json, nor sub-directories that do "
                      "(`trailguard evidence-script` prints the commands that collect them)");

  EvidenceSet set;
  for (const auto& dir : account_dirs) {
    auto account = load_account(dir, set.problems);
    if (!account) return account.error();
    set.accounts.push_back(std::move(*account));
  }
  credit_organization_trails(set.accounts);
  if (account_dirs.front() != directory && has_organization_listing(directory))
    if (auto status = apply_organization_listing(directory, set); !status) return status.error();
  return set;
}

}  // namespace trailguard::sources::evidence
