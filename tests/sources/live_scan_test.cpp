// The live source over an in-memory AwsClient: which calls it makes (the physical minimum), how it maps
// answers and failures into the model, and that collected evidence judges the same as the live read.
#include "sources/live/live_scan.hpp"

#include <filesystem>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "control/evaluator.hpp"
#include "sources/evidence/evidence_sink.hpp"
#include "sources/evidence/evidence_source.hpp"
#include "support/fake_aws_client.hpp"

namespace trailguard::sources::live {
namespace {

using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;
using test_support::FakeAwsClient;

const char* kIdentity = R"(<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult><Arn>arn:aws:iam::111111111111:user/auditor</Arn><UserId>AIDAEXAMPLE</UserId>
  <Account>111111111111</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>)";

const char* kRegions = R"(<DescribeRegionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>1</requestId>
<regionInfo>
 <item><regionName>us-east-1</regionName><regionEndpoint>ec2.us-east-1.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>
 <item><regionName>eu-west-1</regionName><regionEndpoint>ec2.eu-west-1.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>
 <item><regionName>af-south-1</regionName><regionEndpoint>ec2.af-south-1.amazonaws.com</regionEndpoint><optInStatus>not-opted-in</optInStatus></item>
 <item><regionName>cn-north-1</regionName><regionEndpoint>ec2.cn-north-1.amazonaws.com.cn</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>
</regionInfo></DescribeRegionsResponse>)";

std::string trail_json(const std::string& name, const std::string& home, bool multi_region, const std::string& owner = "111111111111") {
  return R"({"Name":")" + name + R"(","TrailARN":"arn:aws:cloudtrail:)" + home + ":" + owner + ":trail/" + name +
         R"(","HomeRegion":")" + home + R"(","IsMultiRegionTrail":)" + (multi_region ? "true" : "false") +
         R"(,"IncludeGlobalServiceEvents":true,"IsOrganizationTrail":false,"LogFileValidationEnabled":true,"S3BucketName":"logs"})";
}

const char* kLogging = R"({"IsLogging":true,"LatestDeliveryTime":1732400000.0})";
// Names no trail: the fake answers every trail with it (an answer naming another trail is unreadable).
const char* kAllSelectors = R"({"EventSelectors":[{"ReadWriteType":"All","IncludeManagementEvents":true,"DataResources":[],"ExcludeManagementEventSources":[]}]})";

void seed_healthy_account(FakeAwsClient& fake) {
  fake.answer("GetCallerIdentity", "us-east-1", kIdentity);
  fake.answer("DescribeRegions", "us-east-1", kRegions);
  fake.answer("DescribeTrails", "us-east-1",
              "{\"trailList\":[" + trail_json("main", "eu-west-1", true) + "," + trail_json("audit", "us-east-1", true) + "," +
                  trail_json("local", "us-east-1", false) + "]}");
  fake.answer("DescribeTrails", "eu-west-1", "{\"trailList\":[" + trail_json("main", "eu-west-1", true) + "]}");
  fake.answer("GetTrailStatus", "*", kLogging);
  fake.answer("GetEventSelectors", "*", kAllSelectors);
}

TEST(LiveScan, CallsOnlyThePhysicalMinimum) {
  FakeAwsClient fake;
  seed_healthy_account(fake);
  const auto account = scan_account(fake, {});
  EXPECT_EQ(fake.count("GetCallerIdentity"), 1);
  EXPECT_EQ(fake.count("DescribeRegions"), 1);
  EXPECT_EQ(fake.count("DescribeTrails"), 1);
  EXPECT_EQ(fake.count("GetTrailStatus"), 2);  // two multi-region trails; the single-region one needs none
  EXPECT_EQ(fake.count("GetEventSelectors"), 2);
  EXPECT_EQ(fake.calls().size(), 7u);
  for (const auto& call : fake.calls())
    if (call.operation == "GetTrailStatus" && call.body.find("/main") != std::string::npos) {
      EXPECT_EQ(call.region, "eu-west-1") << "a trail's status is read in its home region";
    }
  EXPECT_EQ(account.account_id, "111111111111");
  EXPECT_EQ(account.trails.size(), 3u);
}

TEST(LiveScan, RegionsAreThePartitionsWithOptInState) {
  FakeAwsClient fake;
  seed_healthy_account(fake);
  const auto account = scan_account(fake, {});
  std::vector<std::string> names;
  for (const auto& r : account.regions) names.push_back(r.name);
  EXPECT_THAT(names, UnorderedElementsAre("us-east-1", "eu-west-1", "af-south-1"));  // cn-north-1 is another partition
  const auto evaluation = control::evaluate(account);
  for (const auto& f : evaluation.findings) {
    EXPECT_EQ(f.status, f.region == "af-south-1" ? control::Status::skipped : control::Status::pass) << f.region;
  }
}

TEST(LiveScan, InventoryListsEveryEnabledRegionOnce) {
  FakeAwsClient fake;
  seed_healthy_account(fake);
  LiveScanOptions options;
  options.inventory = Inventory::every_region;
  const auto account = scan_account(fake, options);
  std::vector<std::string> listed;
  for (const auto& c : fake.calls())
    if (c.operation == "DescribeTrails") listed.push_back(c.region);
  EXPECT_THAT(listed, UnorderedElementsAre("us-east-1", "eu-west-1"));  // not af-south-1 (not enabled)
  EXPECT_EQ(fake.count("GetTrailStatus"), 2);  // the shadow seen twice is still one trail
  const auto* main = model::find_trail(account, "arn:aws:cloudtrail:eu-west-1:111111111111:trail/main");
  ASSERT_NE(main, nullptr);
  EXPECT_THAT(main->seen_in_regions, UnorderedElementsAre("us-east-1", "eu-west-1"));
}

TEST(LiveScan, FailedListingMakesEveryRegionError) {
  FakeAwsClient fake;
  seed_healthy_account(fake);
  fake.fail("DescribeTrails", "us-east-1", ErrorKind::access_denied, "AccessDeniedException", "not authorized");
  const auto evaluation = control::evaluate(scan_account(fake, {}));
  for (const auto& f : evaluation.findings) {
    if (f.region == "af-south-1") continue;
    EXPECT_EQ(f.status, control::Status::error) << f.region;
    EXPECT_THAT(f.message, HasSubstr("AccessDeniedException"));
  }
  EXPECT_EQ(fake.count("GetTrailStatus"), 0);
}

TEST(LiveScan, InventoryRegionFailureIsThatRegionsError) {
  FakeAwsClient fake;
  seed_healthy_account(fake);
  fake.fail("DescribeTrails", "eu-west-1", ErrorKind::throttled, "ThrottlingException", "Rate exceeded");
  LiveScanOptions options;
  options.inventory = Inventory::every_region;
  const auto evaluation = control::evaluate(scan_account(fake, options));
  for (const auto& f : evaluation.findings) {
    if (f.region == "eu-west-1") {
      EXPECT_EQ(f.status, control::Status::error);
      EXPECT_THAT(f.message, HasSubstr("ThrottlingException"));
    } else if (f.region == "us-east-1") {
      EXPECT_EQ(f.status, control::Status::pass);
    }
  }
}

TEST(LiveScan, UnreadableSelectorsAreErrorNotPass) {
  FakeAwsClient fake;
  seed_healthy_account(fake);
  fake.fail("GetEventSelectors", "*", ErrorKind::access_denied, "AccessDeniedException", "denied");
  const auto evaluation = control::evaluate(scan_account(fake, {}));
  EXPECT_EQ(evaluation.verdict.status, control::Status::error);
  for (const auto& f : evaluation.findings)
    if (f.region != "af-south-1") {
      EXPECT_EQ(f.reasons.at(0).code, control::ReasonCode::event_selectors_unreadable);
    }
}

TEST(LiveScan, TrailDeletedBetweenCallsIsError) {
  FakeAwsClient fake;
  seed_healthy_account(fake);
  fake.answer("DescribeTrails", "us-east-1", "{\"trailList\":[" + trail_json("gone", "us-east-1", true) + "]}");
  fake.fail("GetTrailStatus", "us-east-1", ErrorKind::not_found, "TrailNotFoundException", "Unknown trail");
  fake.fail("GetEventSelectors", "us-east-1", ErrorKind::not_found, "TrailNotFoundException", "Unknown trail");
  const auto evaluation = control::evaluate(scan_account(fake, {}));
  EXPECT_EQ(evaluation.verdict.status, control::Status::error);
}

TEST(LiveScan, UnreadableIdentityStillJudgesNothingAsPass) {
  FakeAwsClient fake;
  seed_healthy_account(fake);
  fake.fail("GetCallerIdentity", "us-east-1", ErrorKind::access_denied, "InvalidClientTokenId", "bad key");
  const auto evaluation = control::evaluate(scan_account(fake, {}));
  EXPECT_EQ(evaluation.verdict.status, control::Status::error);
  for (const auto& f : evaluation.findings) EXPECT_NE(f.status, control::Status::pass) << f.region;
}

TEST(LiveScan, RegionListFallsBackToAccountListRegions) {
  FakeAwsClient fake;
  seed_healthy_account(fake);
  fake.fail("DescribeRegions", "us-east-1", ErrorKind::access_denied, "UnauthorizedOperation", "no");
  fake.answer("ListRegions", "us-east-1",
              R"({"Regions":[{"RegionName":"us-east-1","RegionOptStatus":"ENABLED_BY_DEFAULT"},{"RegionName":"me-south-1","RegionOptStatus":"DISABLED"}]})");
  const auto account = scan_account(fake, {});
  ASSERT_EQ(account.regions.size(), 2u);
  EXPECT_EQ(account.regions[0].name, "me-south-1");
  EXPECT_EQ(account.regions[0].state, model::RegionState::not_enabled);
}

TEST(LiveScan, OnlyRequestedRegionsAreJudged) {
  FakeAwsClient fake;
  seed_healthy_account(fake);
  LiveScanOptions options;
  options.only_regions = {"eu-west-1"};
  const auto account = scan_account(fake, options);
  ASSERT_EQ(account.regions.size(), 1u);
  EXPECT_EQ(account.regions[0].name, "eu-west-1");
}

TEST(LiveScan, SelectorsNamingAnotherTrailAreUnreadable) {
  FakeAwsClient fake;
  seed_healthy_account(fake);
  fake.answer("GetEventSelectors", "*",
              R"({"TrailARN":"arn:aws:cloudtrail:us-east-1:111111111111:trail/other","EventSelectors":[{"ReadWriteType":"All","IncludeManagementEvents":true}]})");
  const auto account = scan_account(fake, {});
  for (const auto& trail : account.trails) {
    if (trail.is_multi_region.is(false)) continue;
    ASSERT_TRUE(trail.selectors.failed()) << trail.arn;
    EXPECT_EQ(trail.selectors.error().code, "IdentityMismatch");
    EXPECT_THAT(trail.selectors.error().message, HasSubstr("trail/other"));
  }
  for (const auto& f : control::evaluate(account).findings) EXPECT_NE(f.status, control::Status::pass) << f.region;
}

TEST(LiveScan, ListingOfAnotherAccountIsUnreadable) {
  FakeAwsClient fake;
  seed_healthy_account(fake);
  fake.answer("DescribeTrails", "us-east-1", "{\"trailList\":[" + trail_json("main", "eu-west-1", true, "999999999999") + "]}");
  const auto account = scan_account(fake, {});
  EXPECT_TRUE(account.trails.empty());
  ASSERT_EQ(account.read_errors.size(), 1u);
  EXPECT_EQ(account.read_errors[0].code, "IdentityMismatch");
  EXPECT_THAT(account.read_errors[0].message, HasSubstr("999999999999"));
}

TEST(LiveScan, CollectedEvidenceJudgesTheSameAsTheLiveRead) {
  FakeAwsClient fake;
  seed_healthy_account(fake);
  fake.fail("GetEventSelectors", "us-east-1", ErrorKind::access_denied, "AccessDeniedException", "denied");
  const auto dir = std::filesystem::temp_directory_path() / ("trailguard-collect-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  evidence::DirectorySink sink(dir);
  LiveScanOptions options;
  options.sink = &sink;
  const auto live = control::evaluate(scan_account(fake, options));
  EXPECT_TRUE(sink.errors().empty());

  auto loaded = evidence::load_evidence(dir);
  ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
  ASSERT_EQ(loaded->accounts.size(), 1u);
  const auto replayed = control::evaluate(loaded->accounts[0]);
  ASSERT_EQ(live.findings.size(), replayed.findings.size());
  for (std::size_t i = 0; i < live.findings.size(); ++i) {
    EXPECT_EQ(live.findings[i].region, replayed.findings[i].region);
    EXPECT_EQ(live.findings[i].status, replayed.findings[i].status) << live.findings[i].region;
    EXPECT_EQ(live.findings[i].trails, replayed.findings[i].trails) << live.findings[i].region;
    ASSERT_EQ(live.findings[i].reasons.size(), replayed.findings[i].reasons.size()) << live.findings[i].region;
    for (std::size_t r = 0; r < live.findings[i].reasons.size(); ++r)
      EXPECT_EQ(live.findings[i].reasons[r].code, replayed.findings[i].reasons[r].code);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace trailguard::sources::live
