// scan --prove-delivery's judgement (control/delivery_judgement through control::evaluate): every reason it gives,
// the window's edges, several passing trails, and that without ProveDelivery::yes nothing changes.
#include <gtest/gtest.h>

#include "control/delivery_judgement.hpp"
#include "control/evaluator.hpp"
#include "model_builders.hpp"

namespace trailguard::control {
namespace {

using builders::account_with;
using builders::passing_trail;

constexpr std::int64_t kNow = 1'796'126'400;  // 2026-12-01T12:00:00Z
constexpr std::int64_t kDay = 86400;

EvaluationOptions proving() {
  EvaluationOptions options;
  options.prove_delivery = ProveDelivery::yes;
  return options;
}

model::TrailDelivery listed(const model::Trail& trail, std::vector<model::RegionDigests> regions) {
  model::TrailDelivery d;
  d.trail_arn = trail.arn;
  d.bucket = "logs-bucket";
  d.bucket_region = "eu-west-1";
  d.digest_prefix = "AWSLogs/111111111111/CloudTrail-Digest/";
  d.regions = std::move(regions);
  return d;
}

model::DeliveryProof proof_of(std::vector<model::TrailDelivery> trails, std::int64_t window = kDay) {
  return {kNow - window, kNow, std::move(trails)};
}

const Finding& in(const Evaluation& e, const std::string& region) {
  for (const auto& f : e.findings)
    if (f.region == region) return f;
  throw std::runtime_error("no finding for " + region);
}

bool has(const Finding& f, ReasonCode code) {
  for (const auto& r : f.reasons)
    if (r.code == code) return true;
  return false;
}

TEST(DeliveryJudgement, DigestsInEveryRegionPassWithTheProofInTheMessage) {
  const auto trail = passing_trail();
  auto account = account_with({trail}, {"eu-west-1", "us-east-1"});
  account.delivery = proof_of({listed(trail, {{"eu-west-1", {kNow - 3600, kNow - 7200}, {}}, {"us-east-1", {kNow - 60}, {}}})});
  const auto e = evaluate(account, proving());
  EXPECT_EQ(e.verdict.status, Status::pass);
  EXPECT_TRUE(in(e, "eu-west-1").reasons.empty());
  EXPECT_NE(in(e, "eu-west-1").message.find("delivery proven: 2 digest files"), std::string::npos) << in(e, "eu-west-1").message;
  EXPECT_NE(in(e, "us-east-1").message.find("the newest 2026-12-01T11:59:00Z"), std::string::npos) << in(e, "us-east-1").message;
}

TEST(DeliveryJudgement, ARegionWithoutDigestsFailsNotDelivering) {
  const auto trail = passing_trail();
  auto account = account_with({trail}, {"eu-west-1", "us-east-1"});
  account.delivery = proof_of({listed(trail, {{"eu-west-1", {}, {}}, {"us-east-1", {kNow - 60}, {}}})});
  const auto e = evaluate(account, proving());
  EXPECT_EQ(in(e, "eu-west-1").status, Status::fail);
  ASSERT_FALSE(in(e, "eu-west-1").reasons.empty());
  EXPECT_EQ(in(e, "eu-west-1").reasons.front().code, ReasonCode::not_delivering);
  EXPECT_NE(in(e, "eu-west-1").message.find("none under s3://logs-bucket/AWSLogs/111111111111/CloudTrail-Digest/eu-west-1/"),
            std::string::npos)
      << in(e, "eu-west-1").message;
  EXPECT_EQ(in(e, "us-east-1").status, Status::pass);
  EXPECT_EQ(e.verdict.status, Status::fail);
  EXPECT_EQ(kind_of(ReasonCode::not_delivering), ReasonKind::failure);
}

TEST(DeliveryJudgement, WindowEdges) {
  const auto trail = passing_trail();
  auto account = account_with({trail}, {"us-east-1"});
  // Exactly at the window's start counts.
  account.delivery = proof_of({listed(trail, {{"us-east-1", {kNow - kDay}, {}}})});
  EXPECT_EQ(evaluate(account, proving()).findings[0].status, Status::pass);
  // One second older does not, and the message names the newest seen.
  account.delivery = proof_of({listed(trail, {{"us-east-1", {kNow - kDay - 1}, {}}})});
  const auto old = evaluate(account, proving()).findings[0];
  EXPECT_EQ(old.status, Status::fail);
  EXPECT_NE(old.message.find("the newest under"), std::string::npos) << old.message;
  EXPECT_NE(old.message.find("2026-11-30T11:59:59Z"), std::string::npos) << old.message;
  EXPECT_NE(old.message.find("in the last 24h"), std::string::npos) << old.message;
  // A narrower window than the newest digest's age fails; a wider one passes.
  account.delivery = proof_of({listed(trail, {{"us-east-1", {kNow - 7 * 3600}, {}}})}, 6 * 3600);
  EXPECT_EQ(evaluate(account, proving()).findings[0].status, Status::fail);
  account.delivery = proof_of({listed(trail, {{"us-east-1", {kNow - 7 * 3600}, {}}})}, 8 * 3600);
  EXPECT_EQ(evaluate(account, proving()).findings[0].status, Status::pass);
  // A digest newer than the window's end (the scanning clock behind) still proves delivery.
  account.delivery = proof_of({listed(trail, {{"us-east-1", {kNow + 120}, {}}})});
  EXPECT_EQ(evaluate(account, proving()).findings[0].status, Status::pass);
}

TEST(DeliveryJudgement, ValidationOffIsAWarningOnAPass) {
  auto trail = passing_trail();
  trail.log_file_validation = model::Known<bool>::stated(false, "test");
  auto account = account_with({trail}, {"us-east-1"});
  auto record = listed(trail, {});
  record.gap = model::DeliveryGap::validation_off;
  account.delivery = proof_of({record});
  const auto e = evaluate(account, proving());
  EXPECT_EQ(e.findings[0].status, Status::pass);
  EXPECT_TRUE(has(e.findings[0], ReasonCode::delivery_unproven));
  EXPECT_NE(e.findings[0].message.find("no log file validation"), std::string::npos) << e.findings[0].message;
  EXPECT_EQ(e.verdict.status, Status::pass);
  EXPECT_EQ(kind_of(ReasonCode::delivery_unproven), ReasonKind::warning);
}

TEST(DeliveryJudgement, AnUnreadableBucketOrListingIsUnproven) {
  const auto trail = passing_trail();
  auto account = account_with({trail}, {"eu-west-1", "us-east-1"});
  auto record = listed(trail, {});
  record.gap = model::DeliveryGap::bucket_unreadable;
  record.error = model::ReadError{"GetBucketLocation", "", "AccessDenied", "s3://logs-bucket: Access Denied"};
  account.delivery = proof_of({record});
  auto e = evaluate(account, proving());
  for (const auto& f : e.findings) {
    EXPECT_EQ(f.status, Status::pass);
    EXPECT_TRUE(has(f, ReasonCode::delivery_unproven));
    EXPECT_NE(f.message.find("AccessDenied"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("--logs-profile"), std::string::npos) << f.message;
  }
  // One region's listing refused: that region unproven, the other proven.
  account.delivery = proof_of({listed(trail, {{"eu-west-1", {}, model::ReadError{"ListObjectsV2", "eu-west-1", "AccessDenied", "no"}},
                                              {"us-east-1", {kNow - 1}, {}}})});
  e = evaluate(account, proving());
  EXPECT_TRUE(has(in(e, "eu-west-1"), ReasonCode::delivery_unproven));
  EXPECT_EQ(in(e, "eu-west-1").status, Status::pass);
  EXPECT_TRUE(in(e, "us-east-1").reasons.empty());
}

TEST(DeliveryJudgement, AMissingBucketIsNotDelivering) {
  const auto trail = passing_trail();
  auto account = account_with({trail}, {"us-east-1"});
  auto record = listed(trail, {});
  record.gap = model::DeliveryGap::bucket_missing;
  record.error = model::ReadError{"GetBucketLocation", "", "NoSuchBucket", "s3://logs-bucket: gone"};
  account.delivery = proof_of({record});
  const auto f = evaluate(account, proving()).findings[0];
  EXPECT_EQ(f.status, Status::fail);
  EXPECT_TRUE(has(f, ReasonCode::not_delivering));
  EXPECT_NE(f.message.find("does not exist"), std::string::npos) << f.message;
}

TEST(DeliveryJudgement, NoProofOrATrailNotLookedAtIsUnproven) {
  const auto trail = passing_trail();
  auto account = account_with({trail}, {"us-east-1"});
  auto f = evaluate(account, proving()).findings[0];
  EXPECT_EQ(f.status, Status::pass);
  EXPECT_TRUE(has(f, ReasonCode::delivery_unproven));
  account.delivery = proof_of({});
  f = evaluate(account, proving()).findings[0];
  EXPECT_TRUE(has(f, ReasonCode::delivery_unproven));
  EXPECT_NE(f.message.find("not looked at"), std::string::npos) << f.message;
  account.delivery = proof_of({listed(trail, {})});  // listed, but not this region
  f = evaluate(account, proving()).findings[0];
  EXPECT_TRUE(has(f, ReasonCode::delivery_unproven));
  EXPECT_NE(f.message.find("was not listed"), std::string::npos) << f.message;
}

TEST(DeliveryJudgement, AnyDeliveringTrailProvesTheRegion) {
  const auto a = passing_trail("a"), b = passing_trail("b");
  auto account = account_with({a, b}, {"us-east-1"});
  account.delivery = proof_of({listed(a, {{"us-east-1", {}, {}}}), listed(b, {{"us-east-1", {kNow - 10}, {}}})});
  auto f = evaluate(account, proving()).findings[0];
  EXPECT_EQ(f.status, Status::pass);
  EXPECT_TRUE(f.reasons.empty());
  EXPECT_NE(f.message.find("delivery proven: 1 digest file of trail 'b'"), std::string::npos) << f.message;
  // One stopped, one unproven: not a FAIL (the unproven one may deliver), but a warning naming both.
  auto unproven = listed(b, {});
  unproven.gap = model::DeliveryGap::validation_off;
  account.delivery = proof_of({listed(a, {{"us-east-1", {}, {}}}), unproven});
  f = evaluate(account, proving()).findings[0];
  EXPECT_EQ(f.status, Status::pass);
  EXPECT_TRUE(has(f, ReasonCode::delivery_unproven));
  EXPECT_NE(f.message.find("delivery has stopped"), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("no log file validation"), std::string::npos) << f.message;
  // Both stopped: FAIL, one reason naming both trails.
  account.delivery = proof_of({listed(a, {{"us-east-1", {}, {}}}), listed(b, {{"us-east-1", {}, {}}})});
  f = evaluate(account, proving()).findings[0];
  EXPECT_EQ(f.status, Status::fail);
  ASSERT_EQ(f.reasons.size(), 1U);
  EXPECT_NE(f.reasons[0].text.find("'a'"), std::string::npos) << f.reasons[0].text;
  EXPECT_NE(f.reasons[0].text.find("'b'"), std::string::npos) << f.reasons[0].text;
}

TEST(DeliveryJudgement, FailingTrailsAndTheDefaultAreUntouched) {
  auto trail = passing_trail();
  trail.status = model::TrailStatus{false, "", "test"};  // not logging: FAIL already, delivery not asked
  auto account = account_with({trail}, {"us-east-1"});
  account.delivery = proof_of({listed(trail, {{"us-east-1", {}, {}}})});
  auto f = evaluate(account, proving()).findings[0];
  EXPECT_EQ(f.status, Status::fail);
  EXPECT_FALSE(has(f, ReasonCode::not_delivering));
  // Without ProveDelivery::yes the proof is ignored.
  account = account_with({passing_trail()}, {"us-east-1"});
  account.delivery = proof_of({listed(passing_trail(), {{"us-east-1", {}, {}}})});
  f = evaluate(account).findings[0];
  EXPECT_EQ(f.status, Status::pass);
  EXPECT_TRUE(f.reasons.empty());
}

TEST(DeliveryJudgement, WindowWords) {
  EXPECT_EQ(describe_window(86400), "24h");
  EXPECT_EQ(describe_window(2 * 86400), "2d");
  EXPECT_EQ(describe_window(6 * 3600), "6h");
  EXPECT_EQ(describe_window(90 * 60), "90m");
  EXPECT_EQ(describe_window(61), "61s");
}

}  // namespace
}  // namespace trailguard::control
