// sources/live/delivery_scan: the digest folders it lists (own trail, organization trail, key prefix, the days a
// window touches) and what it records, through an in-memory S3 that answers ListObjectsV2 by prefix.
#include <gtest/gtest.h>

#include <map>
#include <mutex>

#include "sources/live/delivery_scan.hpp"

namespace trailguard::sources::live {
namespace {

constexpr std::int64_t kNow = 1'796'126'400;  // 2026-12-01T12:00:00Z
const std::string kAccount = "111111111111";

// Keys by bucket; answers ListObjectsV2 (prefix, delimiter) and GetBucketLocation; refusals by bucket.
class FakeS3 : public aws::AwsClient {
 public:
  std::map<std::string, std::vector<std::string>> keys;  // bucket -> keys
  std::map<std::string, std::string> locations;          // bucket -> LocationConstraint
  std::map<std::string, std::string> denied;             // bucket -> operation refused ("*": all)
  std::vector<std::string> listed;                       // "region bucket prefix" of each ListObjectsV2
  int locations_asked = 0;

  Result<aws::ApiResponse> call(const aws::ApiCall& call) override {
    std::lock_guard lock(mutex_);
    const auto bucket = call.path.substr(1);
    if (auto it = denied.find(bucket); it != denied.end() && (it->second == "*" || it->second == call.operation))
      return make_error(ErrorKind::access_denied, call.operation, "Access Denied", "AccessDenied");
    if (call.operation == "GetBucketLocation") {
      ++locations_asked;
      const auto it = locations.find(bucket);
      if (it == locations.end()) return make_error(ErrorKind::not_found, call.operation, "The specified bucket does not exist", "NoSuchBucket");
      return aws::ApiResponse{"<LocationConstraint>" + it->second + "</LocationConstraint>", 200, 1};
    }
    std::string prefix, delimiter;
    for (const auto& [name, value] : call.params) {
      if (name == "prefix") prefix = value;
      if (name == "delimiter") delimiter = value;
    }
    listed.push_back(call.region + " " + bucket + " " + prefix);
    std::string xml = "<ListBucketResult>";
    std::vector<std::string> folders;
    for (const auto& key : keys[bucket]) {
      if (key.rfind(prefix, 0) != 0) continue;
      const auto rest = key.substr(prefix.size());
      if (!delimiter.empty() && rest.find(delimiter) != std::string::npos) {
        const auto folder = prefix + rest.substr(0, rest.find(delimiter) + 1);
        if (folders.empty() || folders.back() != folder) folders.push_back(folder);
        continue;
      }
      xml += "<Contents><Key>" + key + "</Key><Size>100</Size></Contents>";
    }
    for (const auto& f : folders) xml += "<CommonPrefixes><Prefix>" + f + "</Prefix></CommonPrefixes>";
    return aws::ApiResponse{xml + "<IsTruncated>false</IsTruncated></ListBucketResult>", 200, 1};
  }

 private:
  std::mutex mutex_;
};

model::Trail trail(const std::string& name = "main", bool organization = false, const std::string& prefix = "") {
  model::Trail t;
  t.name = name;
  t.home_region = "us-east-1";
  t.owner_account_id = kAccount;
  t.arn = "arn:aws:cloudtrail:us-east-1:" + kAccount + ":trail/" + name;
  t.is_multi_region = model::Known<bool>::stated(true, "test");
  t.is_organization_trail = model::Known<bool>::stated(organization, "test");
  t.log_file_validation = model::Known<bool>::stated(true, "test");
  t.s3_bucket = "logs-bucket";
  t.s3_key_prefix = prefix;
  return t;
}

model::Account account_with(const model::Trail& t) {
  model::Account a;
  a.account_id = kAccount;
  a.trails = {t};
  return a;
}

std::string digest_key(const std::string& folder, const std::string& region, const std::string& stamp,
                       const std::string& trail_name = "main", const std::string& account = kAccount) {
  // stamp: YYYYMMDDTHHmmssZ
  return folder + region + "/" + stamp.substr(0, 4) + "/" + stamp.substr(4, 2) + "/" + stamp.substr(6, 2) + "/" + account +
         "_CloudTrail-Digest_" + region + "_" + trail_name + "_us-east-1_" + stamp + ".json.gz";
}

TEST(DeliveryScan, DigestPrefixOfOwnOrganizationAndPrefixedTrails) {
  EXPECT_EQ(digest_prefix(trail(), kAccount, ""), "AWSLogs/111111111111/CloudTrail-Digest/");
  EXPECT_EQ(digest_prefix(trail(), kAccount, "o-abc123"), "AWSLogs/111111111111/CloudTrail-Digest/");  // not an org trail
  EXPECT_EQ(digest_prefix(trail("org", true), "222222222222", "o-abc123"), "AWSLogs/o-abc123/222222222222/CloudTrail-Digest/");
  EXPECT_EQ(digest_prefix(trail("main", false, "audit/cloudtrail"), kAccount, ""),
            "audit/cloudtrail/AWSLogs/111111111111/CloudTrail-Digest/");
  EXPECT_EQ(digest_prefix(trail("org", true, "p"), kAccount, "o-abc123"), "p/AWSLogs/o-abc123/111111111111/CloudTrail-Digest/");
}

TEST(DeliveryScan, DayFoldersCoverEveryDayTheWindowTouches) {
  EXPECT_EQ(day_folders(kNow - 86400, kNow), (std::vector<std::string>{"2026/11/30/", "2026/12/01/"}));
  EXPECT_EQ(day_folders(kNow - 3600, kNow), (std::vector<std::string>{"2026/12/01/"}));
  const std::int64_t midnight = kNow - 12 * 3600;  // 2026-12-01T00:00:00Z
  EXPECT_EQ(day_folders(midnight, midnight + 86399), (std::vector<std::string>{"2026/12/01/"}));
  EXPECT_EQ(day_folders(midnight - 1, midnight), (std::vector<std::string>{"2026/11/30/", "2026/12/01/"}));
  // Across a month and a year end.
  const std::int64_t new_year = kNow + 30 * 86400 + 12 * 3600;  // 2027-01-01T00:00:00Z
  EXPECT_EQ(day_folders(new_year - 2 * 86400, new_year),
            (std::vector<std::string>{"2026/12/30/", "2026/12/31/", "2027/01/01/"}));
}

TEST(DeliveryScan, ListsEachRegionAndDayInTheBucketsRegion) {
  FakeS3 s3;
  s3.locations["logs-bucket"] = "eu-central-1";
  const std::string folder = "AWSLogs/111111111111/CloudTrail-Digest/";
  s3.keys["logs-bucket"] = {
      digest_key(folder, "eu-west-1", "20261130T130000Z"), digest_key(folder, "eu-west-1", "20261201T110000Z"),
      digest_key(folder, "us-east-1", "20261201T100000Z"),
      digest_key(folder, "us-east-1", "20261201T110000Z", "other"),                 // another trail's, same folder
      digest_key(folder, "us-east-1", "20261201T110500Z", "main", "333333333333"),  // another account's name
      folder + "us-east-1/2026/12/01/not-a-digest.txt"};
  DeliveryScanner scanner({kNow, 86400, 4});
  const auto t = trail();
  const auto proof = scanner.scan(s3, account_with(t), {{t.arn, {"eu-west-1", "us-east-1", "ap-south-1"}}});
  EXPECT_EQ(proof.window_start, kNow - 86400);
  EXPECT_EQ(proof.window_end, kNow);
  ASSERT_EQ(proof.trails.size(), 1U);
  const auto& d = proof.trails[0];
  EXPECT_EQ(d.gap, model::DeliveryGap::none);
  EXPECT_EQ(d.bucket_region, "eu-central-1");
  EXPECT_EQ(d.digest_prefix, folder);
  ASSERT_EQ(d.regions.size(), 3U);
  EXPECT_EQ(d.regions[0].digest_times, (std::vector<std::int64_t>{kNow - 23 * 3600, kNow - 3600}));
  EXPECT_EQ(d.regions[1].digest_times, (std::vector<std::int64_t>{kNow - 7200}));
  EXPECT_TRUE(d.regions[2].digest_times.empty());
  EXPECT_EQ(s3.listed.size(), 6U);  // 3 regions x 2 days
  for (const auto& l : s3.listed) EXPECT_EQ(l.rfind("eu-central-1 logs-bucket " + folder, 0), 0U) << l;
  // The bucket's region is asked once per run.
  scanner.scan(s3, account_with(t), {{t.arn, {"eu-west-1"}}});
  EXPECT_EQ(s3.locations_asked, 1);
}

TEST(DeliveryScan, OrganizationTrailFindsTheOrganizationsFolder) {
  FakeS3 s3;
  s3.locations["logs-bucket"] = "";  // us-east-1
  const std::string folder = "p/AWSLogs/o-abc123/111111111111/CloudTrail-Digest/";
  s3.keys["logs-bucket"] = {digest_key(folder, "us-east-1", "20261201T110000Z"), "p/AWSLogs/999999999999/x"};
  DeliveryScanner scanner({kNow, 3600, 2});
  const auto t = trail("main", true, "p");
  auto proof = scanner.scan(s3, account_with(t), {{t.arn, {"us-east-1"}}});
  ASSERT_EQ(proof.trails.size(), 1U);
  EXPECT_EQ(proof.trails[0].digest_prefix, folder);
  EXPECT_EQ(proof.trails[0].bucket_region, "us-east-1");
  EXPECT_EQ(proof.trails[0].regions[0].digest_times, (std::vector<std::int64_t>{kNow - 3600}));
  ASSERT_EQ(s3.listed.size(), 2U);
  EXPECT_EQ(s3.listed[0], "us-east-1 logs-bucket p/AWSLogs/");
  // Known from the caller (scan --org): no search.
  s3.listed.clear();
  proof = scanner.scan(s3, account_with(t), {{t.arn, {"us-east-1"}}}, "o-abc123");
  EXPECT_EQ(s3.listed, (std::vector<std::string>{"us-east-1 logs-bucket " + folder + "us-east-1/2026/12/01/"}));
}

TEST(DeliveryScan, GapsValidationOffDeniedAndMissingBuckets) {
  FakeS3 s3;
  auto off = trail("off");
  off.log_file_validation = model::Known<bool>::stated(false, "test");
  DeliveryScanner scanner({kNow, 86400, 2});
  auto proof = scanner.scan(s3, account_with(off), {{off.arn, {"us-east-1"}}});
  EXPECT_EQ(proof.trails[0].gap, model::DeliveryGap::validation_off);
  EXPECT_TRUE(s3.listed.empty());
  EXPECT_EQ(s3.locations_asked, 0);

  const auto t = trail();
  proof = scanner.scan(s3, account_with(t), {{t.arn, {"us-east-1"}}});  // no such bucket
  EXPECT_EQ(proof.trails[0].gap, model::DeliveryGap::bucket_missing);
  ASSERT_TRUE(proof.trails[0].error.has_value());
  EXPECT_EQ(proof.trails[0].error->code, "NoSuchBucket");

  // GetBucketLocation denied: listed in the trail's home region; the listing denied too: each region's error.
  s3.denied["logs-bucket"] = "*";
  proof = scanner.scan(s3, account_with(t), {{t.arn, {"us-east-1", "eu-west-1"}}});
  EXPECT_EQ(proof.trails[0].gap, model::DeliveryGap::none);
  EXPECT_EQ(proof.trails[0].bucket_region, "us-east-1");
  ASSERT_EQ(proof.trails[0].regions.size(), 2U);
  for (const auto& r : proof.trails[0].regions) {
    ASSERT_TRUE(r.error.has_value()) << r.region;
    EXPECT_EQ(r.error->code, "AccessDenied");
    EXPECT_EQ(r.error->api, "ListObjectsV2");
  }
  // A trail whose bucket is not known: nothing is called.
  auto nameless = trail("nameless");
  nameless.s3_bucket.clear();
  const auto calls = s3.listed.size();
  proof = scanner.scan(s3, account_with(nameless), {{nameless.arn, {"us-east-1"}}});
  EXPECT_EQ(proof.trails[0].gap, model::DeliveryGap::bucket_unreadable);
  EXPECT_EQ(s3.listed.size(), calls);
  // A trail the account does not hold is left out (the judgement calls it not looked at).
  proof = scanner.scan(s3, account_with(t), {{"arn:aws:cloudtrail:us-east-1:1:trail/none", {"us-east-1"}}});
  EXPECT_TRUE(proof.trails.empty());
}

}  // namespace
}  // namespace trailguard::sources::live
