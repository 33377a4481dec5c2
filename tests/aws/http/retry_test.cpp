// The standard retry mode's decisions: what is retried, the backoff bounds, the retry quota.
#include <gtest/gtest.h>

#include "aws/http/retry.hpp"

namespace trailguard::aws {
namespace {

using std::chrono::milliseconds;

TEST(HttpRetryDecision, ThrottlingAndTransientCodesAreRetried) {
  EXPECT_EQ(classify_response("ThrottlingException", 400), RetryReason::throttling);
  EXPECT_EQ(classify_response("Throttling", 400), RetryReason::throttling);
  EXPECT_EQ(classify_response("RequestLimitExceeded", 503), RetryReason::throttling);
  EXPECT_EQ(classify_response("SlowDown", 503), RetryReason::throttling);
  EXPECT_EQ(classify_response("", 429), RetryReason::throttling);
  for (const char* code : {"RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete",
                           "IDPCommunicationError", "InternalError"}) {
    EXPECT_EQ(classify_response(code, 400), RetryReason::transient) << code;
  }
}

TEST(HttpRetryDecision, ServerErrorsAreRetriedByStatus) {
  for (long status : {500L, 502L, 503L, 504L}) {
    EXPECT_EQ(classify_response("", status), RetryReason::transient) << status;
    EXPECT_EQ(classify_response("InternalFailure", status), RetryReason::transient) << status;
  }
  EXPECT_EQ(classify_response("", 501), RetryReason::none);
  EXPECT_EQ(classify_response("", 505), RetryReason::none);
}

TEST(HttpRetryDecision, AccessDeniedAndOther4xxAreNotRetried) {
  for (const char* code : {"AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "SignatureDoesNotMatch",
                           "InvalidClientTokenId", "ExpiredToken", "TrailNotFoundException", "ValidationException",
                           "InvalidParameterValue"}) {
    EXPECT_EQ(classify_response(code, 400), RetryReason::none) << code;
  }
  EXPECT_EQ(classify_response("", 400), RetryReason::none);
  EXPECT_EQ(classify_response("", 403), RetryReason::none);
  EXPECT_EQ(classify_response("", 404), RetryReason::none);
  // Denied stays denied even if it came with a server status.
  EXPECT_EQ(classify_response("AccessDenied", 500), RetryReason::none);
}

TEST(HttpRetryDecision, TimeoutsAndConnectionFailuresAreRetriedOtherTransportErrorsNot) {
  EXPECT_EQ(classify_transport_error(make_error(ErrorKind::timeout, "h", "slow")), RetryReason::timeout);
  EXPECT_EQ(classify_transport_error(make_error(ErrorKind::network, "h", "reset")), RetryReason::transient);
  EXPECT_EQ(classify_transport_error(make_error(ErrorKind::invalid_argument, "h", "bad url")), RetryReason::none);
  EXPECT_EQ(classify_transport_error(make_error(ErrorKind::internal, "h", "no handle")), RetryReason::none);
}

TEST(HttpBackoff, CeilingDoublesFromBaseUpToMax) {
  RetryConfig config;  // 100 ms base, 20 s max
  EXPECT_EQ(backoff_ceiling(config, 0), milliseconds(100));
  EXPECT_EQ(backoff_ceiling(config, 1), milliseconds(200));
  EXPECT_EQ(backoff_ceiling(config, 2), milliseconds(400));
  EXPECT_EQ(backoff_ceiling(config, 7), milliseconds(12800));
  EXPECT_EQ(backoff_ceiling(config, 8), milliseconds(20000));
  EXPECT_EQ(backoff_ceiling(config, 1000), milliseconds(20000));  // no overflow
  config.max_backoff = milliseconds(150);
  EXPECT_EQ(backoff_ceiling(config, 0), milliseconds(100));
  EXPECT_EQ(backoff_ceiling(config, 1), milliseconds(150));
}

TEST(HttpBackoff, FullJitterSpansZeroToBelowTheCeiling) {
  RetryConfig config;
  EXPECT_EQ(backoff_delay(config, 2, 0.0), milliseconds(0));
  EXPECT_EQ(backoff_delay(config, 2, 0.5), milliseconds(200));
  EXPECT_EQ(backoff_delay(config, 2, 0.9999999), milliseconds(399));
  EXPECT_EQ(backoff_delay(config, 2, 1.0), milliseconds(399));  // clamped below the ceiling
  EXPECT_EQ(backoff_delay(config, 2, -3.0), milliseconds(0));
}

TEST(HttpBackoff, RandomDelaysStayInBoundsAndVary) {
  RetryConfig config;
  milliseconds smallest{1'000'000}, largest{0};
  for (int i = 0; i < 2000; ++i) {
    const milliseconds delay = random_backoff(config, 3);  // ceiling 800 ms
    ASSERT_GE(delay.count(), 0);
    ASSERT_LT(delay.count(), 800);
    smallest = std::min(smallest, delay);
    largest = std::max(largest, delay);
  }
  EXPECT_LT(smallest.count(), 100);  // full jitter reaches near zero ...
  EXPECT_GT(largest.count(), 700);   // ... and near the ceiling
}

TEST(HttpRetryQuota, RetriesDrainTheBucketAndSuccessesRefill) {
  RetryQuota quota;
  EXPECT_EQ(quota.available(), 500);
  EXPECT_EQ(quota.acquire(RetryReason::throttling), 5);
  EXPECT_EQ(quota.acquire(RetryReason::timeout), 10);
  EXPECT_EQ(quota.available(), 485);
  quota.release(10);  // the retried call succeeded: its last retry's cost comes back
  EXPECT_EQ(quota.available(), 495);
  quota.release(0);  // a call that needed no retry adds 1
  EXPECT_EQ(quota.available(), 496);
  for (int i = 0; i < 10; ++i) quota.release(0);
  EXPECT_EQ(quota.available(), 500);  // never above capacity
}

TEST(HttpRetryQuota, EmptyBucketRefusesRetries) {
  RetryQuota quota;
  for (int i = 0; i < 100; ++i) ASSERT_EQ(quota.acquire(RetryReason::transient), 5);
  EXPECT_EQ(quota.available(), 0);
  EXPECT_EQ(quota.acquire(RetryReason::transient), 0);
  EXPECT_EQ(quota.acquire(RetryReason::timeout), 0);
  EXPECT_EQ(quota.available(), 0);
}

}  // namespace
}  // namespace trailguard::aws
