// AwsClient over a scripted transport: signing, retries and their delays, statistics, error shapes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "aws/aws_client.hpp"
#include "base/log.hpp"
#include "fake_clock.hpp"
#include "moto_calls.hpp"
#include "scripted_transport.hpp"
#include "static_credentials.hpp"

namespace trailguard::aws {
namespace {

using std::chrono::milliseconds;
using testing::FakeClock;
using testing::ScriptedTransport;
using testing::StaticCredentials;

class HttpAwsClientTest : public ::testing::Test {
 protected:
  ClientConfig config(int max_attempts = 3) {
    ClientConfig config;
    config.endpoints.endpoint_url = "http://127.0.0.1:9";  // never contacted: the transport is scripted
    config.retry.max_attempts = max_attempts;
    config.retry.sleep = clock.sleep();      // backoff and rate-limit waits move the fake clock
    config.rate_limit.clock = clock.clock();
    config.user_agent = "trailguard-test region/eu-west-1";
    return config;
  }
  std::shared_ptr<AwsClient> client(std::vector<Result<HttpResponse>> script, int max_attempts = 3) {
    return client_with(std::move(script), config(max_attempts));
  }
  std::shared_ptr<AwsClient> client_with(std::vector<Result<HttpResponse>> script, const ClientConfig& config) {
    transport = std::make_shared<ScriptedTransport>(std::move(script));
    return make_aws_client(config, credentials, transport, stats);
  }

  std::shared_ptr<StaticCredentials> credentials = StaticCredentials::fake();
  std::shared_ptr<ScriptedTransport> transport;
  std::shared_ptr<CallStats> stats = std::make_shared<CallStats>();
  FakeClock clock;
};

const HttpResponse kTrails = ScriptedTransport::ok(R"({"trailList": []})");
const HttpResponse kThrottled = ScriptedTransport::json_error(400, "ThrottlingException", "Rate exceeded");
const HttpResponse kUnavailable = ScriptedTransport::json_error(503, "ServiceUnavailable", "try later");

std::vector<Result<HttpResponse>> repeated(const HttpResponse& answer, int times) {
  std::vector<Result<HttpResponse>> script;
  for (int i = 0; i < times; ++i) script.emplace_back(answer);
  return script;
}

TEST_F(HttpAwsClientTest, SignsEveryRequestForTheServiceAndRegion) {
  const auto result = client({kTrails})->call(testing::describe_trails("eu-west-1"));
  ASSERT_TRUE(result) << result.error().describe();
  EXPECT_EQ(result->body, R"({"trailList": []})");
  const auto sent = transport->requests();
  ASSERT_EQ(sent.size(), 1u);
  const std::string* authorization = sent[0].find_header("Authorization");
  ASSERT_NE(authorization, nullptr);
  EXPECT_EQ(authorization->rfind("AWS4-HMAC-SHA256 Credential=AKIAMOTOFAKEKEY00000/", 0), 0u) << *authorization;
  EXPECT_NE(authorization->find("/eu-west-1/cloudtrail/aws4_request"), std::string::npos) << *authorization;
  EXPECT_NE(authorization->find("x-amz-target"), std::string::npos);
  EXPECT_TRUE(sent[0].has_header("X-Amz-Date"));
  EXPECT_FALSE(sent[0].has_header("X-Amz-Security-Token"));
  EXPECT_EQ(*sent[0].find_header("User-Agent"), "trailguard-test region-eu-west-1");
  EXPECT_EQ(sent[0].url, "http://127.0.0.1:9/");
}

TEST_F(HttpAwsClientTest, GlobalServiceIsSignedForThePartitionsHomeRegionAndSessionTokenIsSent) {
  credentials = std::make_shared<StaticCredentials>(Credentials{"ASIATEMPORARY0000000", "secret", "the-token"});
  ApiCall call = testing::describe_trails("eu-west-1");
  call.service = "organizations";
  call.operation = "DescribeOrganization";
  call.target_prefix = "AWSOrganizationsV20161128";
  ASSERT_TRUE(client({ScriptedTransport::ok("{}")})->call(call));
  const auto sent = transport->requests();
  EXPECT_NE(sent[0].find_header("Authorization")->find("/us-east-1/organizations/aws4_request"), std::string::npos);
  ASSERT_TRUE(sent[0].has_header("X-Amz-Security-Token"));
  EXPECT_EQ(*sent[0].find_header("X-Amz-Security-Token"), "the-token");
}

TEST_F(HttpAwsClientTest, ThrottledTwiceThenSucceedsOnTheThirdAttempt) {
  const auto result = client({kThrottled, kThrottled, kTrails})->call(testing::describe_trails());
  ASSERT_TRUE(result) << result.error().describe();
  EXPECT_EQ(result->attempts, 3);
  EXPECT_EQ(transport->requests().size(), 3u);
  EXPECT_EQ(credentials->calls, 3);  // asked again before every attempt
  const auto s = stats->snapshot().at("cloudtrail.DescribeTrails");
  EXPECT_EQ(s.calls, 1);
  EXPECT_EQ(s.attempts, 3);
  EXPECT_EQ(s.failures, 0);
  EXPECT_EQ(s.throttled, 2);
  EXPECT_EQ(s.waited, 1);
  // Each retry: a full-jitter backoff, then the rest of the wait for a token at the halved rate
  // (DescribeTrails: 10/s, then 5/s, then 2.5/s), counted from the throttled answer.
  const auto sleeps = clock.sleeps();
  ASSERT_EQ(sleeps.size(), 4u);
  EXPECT_LT(sleeps[0].count(), 100);  // full jitter under base * 2^0
  EXPECT_THAT((sleeps[0] + sleeps[1]).count(), ::testing::AllOf(::testing::Ge(200), ::testing::Le(201)));
  EXPECT_LT(sleeps[2].count(), 200);  // and under base * 2^1
  EXPECT_THAT((sleeps[2] + sleeps[3]).count(), ::testing::AllOf(::testing::Ge(400), ::testing::Le(401)));
  EXPECT_EQ(s.limiter_wait, sleeps[1] + sleeps[3]);
}

TEST_F(HttpAwsClientTest, SustainedThrottleEndsInSuccessWithTheLimiterSlowed) {
  auto c = client({kThrottled, kThrottled, kThrottled, kThrottled, kThrottled, kThrottled, kTrails});
  const auto result = c->call(testing::describe_trails("eu-west-1"));
  ASSERT_TRUE(result) << result.error().describe();
  EXPECT_EQ(result->attempts, 7);  // more than --max-attempts' 3: throttled calls are retried longer
  const auto s = stats->snapshot().at("cloudtrail.DescribeTrails");
  EXPECT_EQ(s.throttled, 6);
  EXPECT_EQ(s.failures, 0);
  // 10/s halved six times stops at the 0.5/s floor; the success raises it by 0.5/s: the next call to the
  // same API waits a second for its token, calls to other APIs or regions do not wait.
  const auto before = clock.sleeps().size();
  ASSERT_TRUE(c->call(testing::describe_trails("eu-west-1")));
  auto sleeps = clock.sleeps();
  ASSERT_EQ(sleeps.size(), before + 1);
  EXPECT_EQ(sleeps.back().count(), 1000);
  ASSERT_TRUE(c->call(testing::describe_trails("us-east-1")));
  ApiCall status = testing::describe_trails("eu-west-1");
  status.operation = "GetTrailStatus";
  ASSERT_TRUE(c->call(status));
  EXPECT_EQ(clock.sleeps().size(), before + 1);
}

TEST_F(HttpAwsClientTest, ThrottledForeverGivesUpAfterTheThrottledAttempts) {
  auto script = repeated(kThrottled, 15);
  script.insert(script.end(), {kTrails});
  auto c = client(std::move(script));
  const auto result = c->call(testing::describe_trails("eu-west-1"));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::throttled);
  EXPECT_EQ(result.error().code, "ThrottlingException");
  EXPECT_EQ(result.error().message, "Rate exceeded (gave up after 15 attempts)");
  EXPECT_EQ(result.error().where, "cloudtrail DescribeTrails in eu-west-1");
  EXPECT_EQ(transport->requests().size(), 15u);
  const auto s = stats->snapshot().at("cloudtrail.DescribeTrails");
  EXPECT_EQ(s.attempts, 15);
  EXPECT_EQ(s.throttled, 15);
  EXPECT_EQ(s.failures, 1);
  // From the fifth throttle on the API is at the 0.5/s floor: the retries waited at least two seconds
  // each, and the next call to it waits two seconds for its token.
  auto sleeps = clock.sleeps();
  std::chrono::milliseconds waited{0};
  for (const auto d : sleeps) waited += d;
  EXPECT_GE(waited, std::chrono::milliseconds(10 * 2000));
  ASSERT_TRUE(c->call(testing::describe_trails("eu-west-1")));
  ASSERT_EQ(clock.sleeps().size(), sleeps.size() + 1);
  EXPECT_EQ(clock.sleeps().back(), std::chrono::milliseconds(2000));
  // Another client (another account's, in an organization scan) has its own limiter.
  sleeps = clock.sleeps();
  ASSERT_TRUE(client({kTrails})->call(testing::describe_trails("eu-west-1")));
  EXPECT_EQ(clock.sleeps().size(), sleeps.size());
}

TEST_F(HttpAwsClientTest, ThrottledAttemptsHaveTheirOwnLimit) {
  ASSERT_FALSE(client({kThrottled}, 20)->call(testing::describe_trails()));
  EXPECT_EQ(transport->requests().size(), 15u);
  ClientConfig patient = config(2);
  patient.retry.max_throttled_attempts = 30;
  ASSERT_FALSE(client_with({kThrottled}, patient)->call(testing::describe_trails()));
  EXPECT_EQ(transport->requests().size(), 30u);
  ClientConfig hasty = config(5);
  hasty.retry.max_throttled_attempts = 1;
  const auto result = client_with({kThrottled}, hasty)->call(testing::describe_trails());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "Rate exceeded");
  EXPECT_EQ(transport->requests().size(), 1u);
}

TEST_F(HttpAwsClientTest, ThrottledAttemptsDoNotCountAgainstMaxAttempts) {
  const auto recovered = client({kThrottled, kThrottled, kUnavailable, kUnavailable, kTrails})->call(testing::describe_trails());
  ASSERT_TRUE(recovered) << recovered.error().describe();
  EXPECT_EQ(recovered->attempts, 5);
  // Three answers that were not throttled are --max-attempts' 3: the call gives up there.
  const auto result =
      client({kThrottled, kThrottled, kUnavailable, kUnavailable, kUnavailable, kTrails})->call(testing::describe_trails());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, "ServiceUnavailable");
  EXPECT_EQ(result.error().message, "try later (gave up after 5 attempts)");
}

TEST_F(HttpAwsClientTest, AccessDeniedIsNotRetried) {
  const auto result =
      client({ScriptedTransport::json_error(400, "AccessDeniedException", "not allowed"), kTrails})
          ->call(testing::describe_trails());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::access_denied);
  EXPECT_EQ(result.error().code, "AccessDeniedException");
  EXPECT_EQ(result.error().message, "not allowed");
  EXPECT_EQ(transport->requests().size(), 1u);
  EXPECT_TRUE(clock.sleeps().empty());
}

TEST_F(HttpAwsClientTest, OtherClientErrorsAreNotRetried) {
  const auto result = client({ScriptedTransport::json_error(400, "InvalidTrailNameException"), kTrails})
                          ->call(testing::describe_trails());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::service);
  EXPECT_EQ(transport->requests().size(), 1u);
}

TEST_F(HttpAwsClientTest, ServerErrorsAndTransportFailuresAreRetried) {
  const Result<HttpResponse> reset = make_error(ErrorKind::network, "127.0.0.1", "the connection failed");
  const Result<HttpResponse> slow = make_error(ErrorKind::timeout, "127.0.0.1", "no data for 1 ms");
  const HttpResponse html500{500, {}, "<!doctype html><html><title>500</title></html>"};
  const auto result = client({reset, slow, html500, HttpResponse{503, {}, ""}, kTrails}, 5)->call(testing::describe_trails());
  ASSERT_TRUE(result) << result.error().describe();
  EXPECT_EQ(result->attempts, 5);
}

TEST_F(HttpAwsClientTest, TransportFailureAfterRetriesKeepsKindAndNamesTheCall) {
  const Result<HttpResponse> reset = make_error(ErrorKind::network, "127.0.0.1", "the connection to 127.0.0.1 failed",
                                                "connection_failed");
  const auto result = client({reset})->call(testing::get_caller_identity("ap-south-1"));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::network);
  EXPECT_EQ(result.error().code, "connection_failed");
  EXPECT_EQ(result.error().where, "sts GetCallerIdentity in ap-south-1");
  EXPECT_EQ(result.error().message, "the connection to 127.0.0.1 failed (gave up after 3 attempts)");
  EXPECT_EQ(stats->snapshot().at("sts.GetCallerIdentity").attempts, 3);
}

TEST_F(HttpAwsClientTest, MalformedSuccessfulAnswerIsMalformedInputNotRetried) {
  const auto result = client({ScriptedTransport::ok(R"({"trailList": [)"), kTrails})->call(testing::describe_trails());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::malformed_input);
  EXPECT_EQ(result.error().message, "the answer from 127.0.0.1 is not a JSON object");
  EXPECT_EQ(transport->requests().size(), 1u);
  EXPECT_EQ(stats->snapshot().at("cloudtrail.DescribeTrails").failures, 1);
}

TEST_F(HttpAwsClientTest, CredentialsFailureIsReturnedAsIsWithoutSending) {
  credentials->failure = make_error(ErrorKind::access_denied, "profile 'audit'", "the SSO token expired", "sso_expired");
  const auto result = client({kTrails})->call(testing::describe_trails());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().where, "profile 'audit'");
  EXPECT_EQ(result.error().message, "the SSO token expired");
  EXPECT_EQ(result.error().code, "sso_expired");
  EXPECT_TRUE(transport->requests().empty());
  const auto s = stats->snapshot().at("cloudtrail.DescribeTrails");
  EXPECT_EQ(s.attempts, 0);
  EXPECT_EQ(s.failures, 1);
}

// A provider whose keys change between calls, as a refreshing provider's do.
class RotatingCredentials final : public CredentialsProvider {
 public:
  Result<Credentials> credentials() override {
    ++calls_;
    return Credentials{"AKIAROTATING" + std::string(8 - std::to_string(calls_).size(), '0') + std::to_string(calls_), "s", ""};
  }
  std::string description() const override { return "rotating"; }

 private:
  int calls_ = 0;
};

TEST_F(HttpAwsClientTest, EachAttemptIsSignedWithFreshCredentials) {
  auto rotating = std::make_shared<RotatingCredentials>();
  transport = std::make_shared<ScriptedTransport>(std::vector<Result<HttpResponse>>{kThrottled, kTrails});
  ASSERT_TRUE(make_aws_client(config(), rotating, transport, stats)->call(testing::describe_trails()));
  const auto sent = transport->requests();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_NE(sent[0].find_header("Authorization")->find("AKIAROTATING00000001/"), std::string::npos);
  EXPECT_NE(sent[1].find_header("Authorization")->find("AKIAROTATING00000002/"), std::string::npos);
}

TEST_F(HttpAwsClientTest, RetryQuotaStopsRetriesWhenExhausted) {
  auto c = client({kUnavailable}, 3);
  // 500 tokens / 5 per retry = 100 retries, then none: call 50 fails after 3 attempts, call 51 after 1.
  for (int i = 0; i < 50; ++i) ASSERT_FALSE(c->call(testing::describe_trails()));
  EXPECT_EQ(transport->requests().size(), 150u);
  const auto after = c->call(testing::describe_trails());
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().kind, ErrorKind::service);
  EXPECT_EQ(transport->requests().size(), 151u);
}

// Regression guard for issue #4: with throttles charged to the quota, the 101st throttled retry of a long
// throttle (e.g. STS AssumeRole for a 1,000-account organization) would fail its account at once.
TEST_F(HttpAwsClientTest, ThrottledRetriesTakeNothingFromTheRetryQuota) {
  auto script = repeated(kThrottled, 600);
  script.insert(script.end(), {kUnavailable, kTrails});
  auto c = client(std::move(script));
  for (int i = 0; i < 40; ++i) ASSERT_FALSE(c->call(testing::describe_trails()));  // 40 x 15 throttled answers
  EXPECT_EQ(transport->requests().size(), 600u);
  const auto after = c->call(testing::describe_trails());  // a 503: retried, the quota is untouched
  ASSERT_TRUE(after) << after.error().describe();
  EXPECT_EQ(after->attempts, 2);
}

TEST_F(HttpAwsClientTest, RetryQuotaCanBeTurnedOff) {
  ClientConfig unlimited = config();
  unlimited.retry.retry_quota = false;
  auto c = client_with({kUnavailable}, unlimited);
  for (int i = 0; i < 60; ++i) ASSERT_FALSE(c->call(testing::describe_trails()));
  EXPECT_EQ(transport->requests().size(), 180u);
}

TEST_F(HttpAwsClientTest, MaxAttemptsBelowOneMeansOne) {
  const auto result = client({kUnavailable, kTrails}, 0)->call(testing::describe_trails());
  ASSERT_FALSE(result);
  EXPECT_EQ(transport->requests().size(), 1u);
  EXPECT_EQ(result.error().message, "try later");
}

TEST_F(HttpAwsClientTest, ManyThreadsShareOneClientsLimiter) {
  auto script = repeated(kThrottled, 5);
  script.insert(script.end(), {kTrails});
  auto c = client(std::move(script));
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) {
        if (!c->call(testing::describe_trails("eu-west-1"))) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures, 0);
  const auto s = stats->snapshot().at("cloudtrail.DescribeTrails");
  EXPECT_EQ(s.calls, 80);
  EXPECT_EQ(s.attempts, 85);
  EXPECT_EQ(s.throttled, 5);
  EXPECT_GE(s.waited, 1);
}

TEST_F(HttpAwsClientTest, RateLimitCanBeTurnedOff) {
  ClientConfig unlimited = config();
  unlimited.rate_limit.enabled = false;
  auto c = client_with({kTrails}, unlimited);
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(c->call(testing::describe_trails()));
  EXPECT_TRUE(clock.sleeps().empty());
  EXPECT_EQ(stats->snapshot().at("cloudtrail.DescribeTrails").waited, 0);
}

TEST_F(HttpAwsClientTest, QueryCallsAreFormEncodedAndXmlChecked) {
  const auto result = client({ScriptedTransport::ok("<DescribeRegionsResponse/>")})->call(testing::describe_regions());
  ASSERT_TRUE(result) << result.error().describe();
  const auto sent = transport->requests();
  EXPECT_EQ(sent[0].body, "Action=DescribeRegions&Version=2016-11-15&AllRegions=true");
  EXPECT_NE(sent[0].find_header("Authorization")->find("/us-east-1/ec2/aws4_request"), std::string::npos);
}

TEST_F(HttpAwsClientTest, SecretsNeverAppearInErrors) {
  credentials = std::make_shared<StaticCredentials>(Credentials{"AKIAMOTOFAKEKEY00000", "TopSecretKey", "TopToken"});
  const auto result = client({kThrottled})->call(testing::describe_trails());
  ASSERT_FALSE(result);
  const std::string all = result.error().describe() + result.error().code;
  EXPECT_EQ(all.find("TopSecretKey"), std::string::npos);
  EXPECT_EQ(all.find("TopToken"), std::string::npos);
  EXPECT_EQ(all.find("Signature="), std::string::npos);
}

TEST_F(HttpAwsClientTest, DebugLogShowsEachAttemptButNoSecrets) {
  credentials = std::make_shared<StaticCredentials>(Credentials{"ASIATEMPORARY0000000", "TopSecretKey", "TopToken"});
  const LogLevel before = log_level();
  set_log_level(LogLevel::debug);
  ::testing::internal::CaptureStderr();
  const auto result = client({kThrottled, kTrails})->call(testing::describe_trails("eu-west-1"));
  const std::string logged = ::testing::internal::GetCapturedStderr();
  set_log_level(before);
  ASSERT_TRUE(result);
  EXPECT_NE(logged.find("cloudtrail DescribeTrails in eu-west-1: attempt 1 to 127.0.0.1: HTTP 400"), std::string::npos)
      << logged;
  EXPECT_NE(logged.find("retrying in"), std::string::npos) << logged;
  EXPECT_NE(logged.find("attempt 2 to 127.0.0.1: HTTP 200"), std::string::npos) << logged;
  EXPECT_EQ(logged.find("TopSecretKey"), std::string::npos);
  EXPECT_EQ(logged.find("TopToken"), std::string::npos);
  EXPECT_EQ(logged.find("Signature="), std::string::npos);
}

}  // namespace
}  // namespace trailguard::aws
