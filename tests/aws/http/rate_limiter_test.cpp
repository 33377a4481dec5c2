// The rate limiter: AWS's published rates, one adaptive token bucket per API (burst, rate, decrease on
// throttling, recovery), and the thread-safe set of buckets of one client. Time comes from a fake clock.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>

#include "aws/http/api_rates.hpp"
#include "aws/http/rate_limiter.hpp"
#include "fake_clock.hpp"

namespace trailguard::aws {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

const Clock::time_point t0 = Clock::time_point{} + std::chrono::hours(1000);

milliseconds ms(Clock::duration d) { return std::chrono::duration_cast<milliseconds>(d); }

TEST(ApiRates, PublishedRatesOfTheApisTrailguardCalls) {
  EXPECT_EQ(published_api_rate("cloudtrail", "DescribeTrails"), 10);
  EXPECT_EQ(published_api_rate("cloudtrail", "GetTrailStatus"), 10);
  EXPECT_EQ(published_api_rate("cloudtrail", "GetEventSelectors"), 10);
  EXPECT_EQ(published_api_rate("cloudtrail", "ListTrails"), 10);
  EXPECT_EQ(published_api_rate("cloudtrail", "LookupEvents"), 2);
  EXPECT_EQ(published_api_rate("cloudtrail", "StartLogging"), 1);  // "all other APIs"
  EXPECT_EQ(published_api_rate("cloudtrail", "CreateTrail"), 1);
  EXPECT_EQ(published_api_rate("ec2", "DescribeRegions"), 20);
  EXPECT_EQ(published_api_rate("account", "ListRegions"), 5);
  EXPECT_EQ(published_api_rate("sts", "AssumeRole"), 100);
  EXPECT_EQ(published_api_rate("organizations", "ListAccounts"), kDefaultApiRate);
  EXPECT_EQ(published_api_rate("s3", "GetObject"), 5500);
  EXPECT_EQ(published_api_rate("s3", "ListObjectsV2"), 5500);
}

TEST(ApiRates, UnknownApisGetTheConservativeDefault) {
  EXPECT_EQ(published_api_rate("s3", "PutBucketPolicy"), kDefaultApiRate);  // S3's reads only are in the table
  EXPECT_EQ(published_api_rate("ec2", "RunInstances"), kDefaultApiRate);  // only Describe* is in the table
  EXPECT_EQ(published_api_rate("", ""), kDefaultApiRate);
  EXPECT_EQ(published_api_rate("cloudtrai", "DescribeTrails"), kDefaultApiRate);  // services match whole
}

TEST(AdaptiveTokenBucket, StartsFullWithOneSecondOfBurst) {
  AdaptiveTokenBucket bucket(10, 0.5, t0);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(bucket.reserve(t0), Clock::duration::zero()) << i;
  EXPECT_EQ(ms(bucket.reserve(t0)), milliseconds(100));
  EXPECT_EQ(ms(bucket.reserve(t0)), milliseconds(200));
}

TEST(AdaptiveTokenBucket, RequestsReservedAtOnceQueueAtTheRate) {
  AdaptiveTokenBucket bucket(4, 0.5, t0);
  std::vector<milliseconds> waits;
  for (int i = 0; i < 12; ++i) waits.push_back(ms(bucket.reserve(t0)));
  // 4 from the burst, then one every 250 ms: 12 requests take 2 s, i.e. 4 per second after the burst.
  const std::vector<milliseconds> expected{milliseconds(0),    milliseconds(0),    milliseconds(0),    milliseconds(0),
                                           milliseconds(250),  milliseconds(500),  milliseconds(750),  milliseconds(1000),
                                           milliseconds(1250), milliseconds(1500), milliseconds(1750), milliseconds(2000)};
  EXPECT_EQ(waits, expected);
}

TEST(AdaptiveTokenBucket, RefillsWithTimeButSavesAtMostOneSecond) {
  AdaptiveTokenBucket bucket(10, 0.5, t0);
  for (int i = 0; i < 10; ++i) ASSERT_EQ(bucket.reserve(t0), Clock::duration::zero());
  EXPECT_EQ(ms(bucket.reserve(t0 + milliseconds(50))), milliseconds(50));  // half a token accrued
  // A minute idle saves 10 tokens, not 600.
  const auto later = t0 + seconds(60);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(bucket.reserve(later), Clock::duration::zero()) << i;
  EXPECT_GT(bucket.reserve(later), Clock::duration::zero());
}

TEST(AdaptiveTokenBucket, SustainedRateOverTenSecondsIsTheCeiling) {
  AdaptiveTokenBucket bucket(10, 0.5, t0);
  // A caller that sends the moment it is allowed: 10 at once, then one per 100 ms.
  auto now = t0;
  int sent = 0;
  while (now < t0 + seconds(10)) {
    now += bucket.reserve(now);
    if (now < t0 + seconds(10)) ++sent;
  }
  EXPECT_GE(sent, 10 + 99);
  EXPECT_LE(sent, 10 + 100);
}

TEST(AdaptiveTokenBucket, ThrottleHalvesTheRateAndDropsTheSavedBurst) {
  AdaptiveTokenBucket bucket(10, 0.5, t0);
  ASSERT_EQ(bucket.reserve(t0), Clock::duration::zero());
  bucket.throttled(t0, t0);
  EXPECT_DOUBLE_EQ(bucket.rate(), 5);
  EXPECT_EQ(ms(bucket.reserve(t0)), milliseconds(200));  // 9 tokens were saved; none are used
  EXPECT_EQ(ms(bucket.reserve(t0)), milliseconds(400));
}

TEST(AdaptiveTokenBucket, RepeatedThrottlesStopAtTheFloor) {
  AdaptiveTokenBucket bucket(10, 0.5, t0);
  auto now = t0;
  std::vector<double> rates;
  for (int i = 0; i < 7; ++i) {
    now += bucket.reserve(now);  // each retry is sent after the previous decrease
    bucket.throttled(now, now + milliseconds(30));
    now += milliseconds(30);
    rates.push_back(bucket.rate());
  }
  EXPECT_EQ(rates, (std::vector<double>{5, 2.5, 1.25, 0.625, 0.5, 0.5, 0.5}));
  // At the floor a request waits two seconds for its token.
  EXPECT_EQ(ms(bucket.reserve(now)), milliseconds(2000));
}

TEST(AdaptiveTokenBucket, ThrottlesOfRequestsSentBeforeTheDecreaseCountOnce) {
  AdaptiveTokenBucket bucket(10, 0.5, t0);
  for (int i = 0; i < 8; ++i) ASSERT_EQ(bucket.reserve(t0), Clock::duration::zero());
  // Eight requests were in flight together; their throttled answers arrive one after another.
  for (int i = 0; i < 8; ++i) bucket.throttled(t0, t0 + milliseconds(100 + i));
  EXPECT_DOUBLE_EQ(bucket.rate(), 5);
  // A request sent after the decrease and throttled again halves it again.
  bucket.throttled(t0 + milliseconds(200), t0 + milliseconds(300));
  EXPECT_DOUBLE_EQ(bucket.rate(), 2.5);
}

TEST(AdaptiveTokenBucket, SuccessesRaiseTheRateGraduallyUpToTheCeiling) {
  AdaptiveTokenBucket bucket(10, 0.5, t0);
  auto now = t0;
  for (int i = 0; i < 5; ++i) {
    bucket.throttled(now, now);
    now += seconds(1);
  }
  ASSERT_DOUBLE_EQ(bucket.rate(), 0.5);
  // Each success adds a twentieth of the ceiling (0.5/s): 19 successes from the floor back to 10.
  for (int i = 1; i <= 19; ++i) {
    bucket.succeeded(now, now + milliseconds(10));
    now += seconds(1);
    EXPECT_NEAR(bucket.rate(), 0.5 + 0.5 * i, 1e-9) << i;
  }
  bucket.succeeded(now, now);
  EXPECT_DOUBLE_EQ(bucket.rate(), 10);  // never above the ceiling
}

TEST(AdaptiveTokenBucket, SuccessesOfRequestsSentBeforeTheDecreaseDoNotUndoIt) {
  AdaptiveTokenBucket bucket(10, 0.5, t0);
  bucket.throttled(t0 + milliseconds(10), t0 + milliseconds(50));
  for (int i = 0; i < 7; ++i) bucket.succeeded(t0, t0 + milliseconds(60));  // in flight before the decrease
  EXPECT_DOUBLE_EQ(bucket.rate(), 5);
  bucket.succeeded(t0 + milliseconds(50), t0 + milliseconds(70));
  EXPECT_DOUBLE_EQ(bucket.rate(), 5.5);
}

TEST(AdaptiveTokenBucket, SlowCeilingsAndFloorAboveTheCeiling) {
  AdaptiveTokenBucket bucket(0.2, 0.5, t0);  // a floor above the ceiling is lowered to it
  EXPECT_EQ(bucket.reserve(t0), Clock::duration::zero());
  EXPECT_EQ(ms(bucket.reserve(t0)), milliseconds(5000));
  bucket.throttled(t0, t0);
  EXPECT_DOUBLE_EQ(bucket.rate(), 0.2);
}

TEST(AdaptiveTokenBucket, RatesOutsideThePreconditionsStillGiveFiniteWaits) {
  for (double nonsense : {0.0, -3.0, std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()}) {
    AdaptiveTokenBucket bucket(nonsense, nonsense, t0);
    for (int i = 0; i < 3; ++i) {
      const auto wait = bucket.reserve(t0);
      EXPECT_GE(wait, Clock::duration::zero()) << nonsense;
      EXPECT_LE(wait, std::chrono::hours(1)) << nonsense;
    }
  }
}

RateLimitConfig config_with(testing::FakeClock& clock) {
  RateLimitConfig config;
  config.clock = clock.clock();
  return config;
}

TEST(RateLimiter, OneBucketPerServiceRegionAndOperation) {
  testing::FakeClock clock;
  RateLimiter limiter(config_with(clock));
  const RateLimiter::Api trails{"cloudtrail", "eu-west-1", "DescribeTrails"};
  for (int i = 0; i < 10; ++i) ASSERT_EQ(limiter.reserve(trails), Clock::duration::zero());
  EXPECT_GT(limiter.reserve(trails), Clock::duration::zero());
  // Another region, another operation, another service: their own buckets, still full.
  EXPECT_EQ(limiter.reserve({"cloudtrail", "us-east-1", "DescribeTrails"}), Clock::duration::zero());
  EXPECT_EQ(limiter.reserve({"cloudtrail", "eu-west-1", "GetTrailStatus"}), Clock::duration::zero());
  EXPECT_EQ(limiter.reserve({"ec2", "eu-west-1", "DescribeTrails"}), Clock::duration::zero());
  // A throttle slows only its own API.
  limiter.throttled(trails, clock.now());
  EXPECT_DOUBLE_EQ(limiter.rate(trails), 5);
  EXPECT_DOUBLE_EQ(limiter.rate({"cloudtrail", "us-east-1", "DescribeTrails"}), 10);
}

TEST(RateLimiter, TheTableGivesEachApiItsCeilingAndMaxRateReplacesIt) {
  testing::FakeClock clock;
  RateLimiter table(config_with(clock));
  EXPECT_DOUBLE_EQ(table.rate({"cloudtrail", "eu-west-1", "StartLogging"}), 1);
  EXPECT_DOUBLE_EQ(table.rate({"ec2", "us-east-1", "DescribeRegions"}), 20);
  EXPECT_DOUBLE_EQ(table.rate({"s3", "us-east-1", "ListObjectsV2"}), 5500);
  // S3's writes (remediation's few) keep the default; so does an API the table does not name.
  EXPECT_DOUBLE_EQ(table.rate({"s3", "us-east-1", "PutBucketPolicy"}), kDefaultApiRate);
  EXPECT_DOUBLE_EQ(table.rate({"kms", "us-east-1", "DescribeKey"}), kDefaultApiRate);

  auto config = config_with(clock);
  config.max_rate = 2;
  RateLimiter overridden(config);
  const RateLimiter::Api regions{"ec2", "us-east-1", "DescribeRegions"};
  EXPECT_DOUBLE_EQ(overridden.rate(regions), 2);
  EXPECT_EQ(overridden.reserve(regions), Clock::duration::zero());
  EXPECT_EQ(overridden.reserve(regions), Clock::duration::zero());
  EXPECT_EQ(ms(overridden.reserve(regions)), milliseconds(500));
}

TEST(RateLimiter, WaitsFollowTheInjectedClock) {
  testing::FakeClock clock;
  auto config = config_with(clock);
  config.max_rate = 1;
  RateLimiter limiter(config);
  const RateLimiter::Api api{"sts", "us-east-1", "AssumeRole"};
  EXPECT_EQ(limiter.reserve(api), Clock::duration::zero());
  EXPECT_EQ(ms(limiter.reserve(api)), milliseconds(1000));
  clock.advance(seconds(3));  // the reserved request went at +1 s; one more token accrued since, no more
  EXPECT_EQ(limiter.reserve(api), Clock::duration::zero());
  EXPECT_EQ(ms(limiter.reserve(api)), milliseconds(1000));
}

TEST(RateLimiter, DisabledNeverWaits) {
  testing::FakeClock clock;
  auto config = config_with(clock);
  config.enabled = false;
  config.max_rate = 1;
  RateLimiter limiter(config);
  for (int i = 0; i < 50; ++i) ASSERT_EQ(limiter.reserve({"sts", "us-east-1", "AssumeRole"}), Clock::duration::zero());
}

TEST(RateLimiter, ThreadsReservingAtOnceEachGetTheirOwnSlot) {
  testing::FakeClock clock;  // stands still: every wait is decided by the order of reservations alone
  auto config = config_with(clock);
  config.max_rate = 10;
  RateLimiter limiter(config);
  constexpr int kThreads = 8, kEach = 50;
  std::vector<std::vector<Clock::duration>> waits(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        waits[t].push_back(limiter.reserve({"cloudtrail", "eu-west-1", "DescribeTrails"}));
        if (i % 7 == 0) limiter.succeeded({"cloudtrail", "eu-west-1", "GetTrailStatus"}, clock.now());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  std::vector<milliseconds> all;
  for (const auto& w : waits) for (auto d : w) all.push_back(ms(d));
  std::sort(all.begin(), all.end());
  // No slot given twice, none skipped: the burst of 10, then one every 100 ms.
  ASSERT_EQ(all.size(), static_cast<std::size_t>(kThreads * kEach));
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i], milliseconds(100 * std::max<long>(0, static_cast<long>(i) - 9))) << i;
  }
}

TEST(RateLimiter, ThreadsSleepingForTheirSlotsKeepTheRateInRealTime) {
  RateLimitConfig config;  // the real steady clock
  config.max_rate = 100;
  RateLimiter limiter(config);
  constexpr int kThreads = 4, kEach = 40;  // 160 requests: 100 at once, then 60 at 100/s
  const auto started = Clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) std::this_thread::sleep_for(limiter.reserve({"ec2", "eu-west-1", "DescribeRegions"}));
    });
  }
  for (auto& thread : threads) thread.join();
  const auto elapsed = Clock::now() - started;
  EXPECT_GE(elapsed, milliseconds(590));
  EXPECT_LT(elapsed, seconds(10));
}

}  // namespace
}  // namespace trailguard::aws
